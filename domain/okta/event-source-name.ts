/**
 * The EventBridge event source name of an Okta log stream (`okta_log_stream.settings.event_source_name`).
 * Two systems read it:
 * - the okta provider 4.20.0 validates it with the Go raw-string regex `^[\\.\\-_A-Za-z0-9]{1,75}$`
 *   (okta/resource_okta_log_stream.go:29). Go reads the class as: backslash, `.`, the range `\`..`_`
 *   (backslash, `]`, `^`, `_`), letters, digits. There is no hyphen in it;
 * - AWS names the partner event source and its event bus `aws.partner/okta.com/<org>/<name>`, and an
 *   event bus name allows only letters, digits and `/ . - _` (EventBridge CreateEventBus `Name`).
 * A usable name satisfies both: letters, digits, `.` and `_`, at most 75 characters.
 */

/** The provider's regex exactly as Go compiles it (the JS literal has the same meaning). */
export const OKTA_EVENT_SOURCE_NAME = /^[\\.\\-_A-Za-z0-9]{1,75}$/;

/** Characters an EventBridge event bus name allows. */
const EVENT_BUS_NAME_CHARS = /^[/.\-_A-Za-z0-9]+$/;

/** What a usable event source name is, in words. */
export const EVENT_SOURCE_NAME_ALLOWED = "letters, digits, '.' and '_', 1 to 75 characters";

/** Why `name` cannot be an Okta EventBridge event source name, or undefined when it can. */
export function eventSourceNameProblem(name: string): string | undefined {
  if (!OKTA_EVENT_SOURCE_NAME.test(name)) {
    return (
      `the okta provider accepts only ${OKTA_EVENT_SOURCE_NAME.source} as Go reads it ` +
      `(resource_okta_log_stream.go:29): ${EVENT_SOURCE_NAME_ALLOWED} (no '-')`
    );
  }
  if (!EVENT_BUS_NAME_CHARS.test(name)) {
    const refused = "'\\', ']' or '^'";
    return `the AWS partner event bus of the same name allows no ${refused}; allowed: ${EVENT_SOURCE_NAME_ALLOWED}`;
  }
  return undefined;
}

/** A valid event source name derived from a stack name: every other character becomes `_`. */
export function defaultEventSourceName(stackName: string): string {
  return stackName.replace(/[^A-Za-z0-9._]/g, '_').slice(0, 75);
}

/**
 * A partner event source of a stream this stack does not create: `aws.partner/okta.com/<org>/<name>`.
 * Such a stream may come from the Okta admin console, whose API (and the event bus name) allow '-'
 * as well; only this stack's own streams go through the provider's stricter regex.
 */
const PARTNER_EVENT_SOURCE = /^aws\.partner\/okta\.com\/[a-z0-9][a-z0-9-]{0,62}\/[A-Za-z0-9._-]{1,75}$/;

/** Why `name` is not a partner event source Okta creates for a log stream, or undefined when it is. */
export function partnerEventSourceNameProblem(name: string): string | undefined {
  return PARTNER_EVENT_SOURCE.test(name)
    ? undefined
    : "aws.partner/okta.com/<org>/<event source name>, the name being letters, digits, '.', '-' and '_' (at most 75)";
}

/** The partner event source (and event bus) name Okta creates for a stream of `orgName`. */
export function partnerEventSourceName(orgName: string, eventSourceName: string): string {
  return `aws.partner/okta.com/${orgName}/${eventSourceName}`;
}

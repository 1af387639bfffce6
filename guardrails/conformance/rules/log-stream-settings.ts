import { eventSourceNameProblem } from '../../../domain/okta/event-source-name';
import { attr } from '../../../synthesized/model';
import { defineRule, each } from '../../rule';
import { all, bad, isSet, known, oneOf } from '../support';

const FILE = 'okta/resource_okta_log_stream.go';

export default defineRule({
  id: 'OKC-01',
  name: 'log-stream-settings',
  severity: 'error',
  title: 'okta_log_stream: type, status and the EventBridge settings pass the provider validators',
  why:
    'The provider validates these at plan: an event_source_name with a hyphen (the stack name) fails validate ' +
    'and plan of the whole stack, the AWS half included.',
  source:
    `${FILE}:29 (event_source_name pattern), :76-89 (type), :91-99 (status), :103-133 (settings; account_id ` +
    `LengthBetween(12, 12) at :112)`,
  fix:
    'Use an event source name of letters, digits, `_` and `.` (at most 75), a 12-digit account id and a region; ' +
    'type aws_eventbridge or splunk_cloud_logstreaming.',
  check: (stack) =>
    each(stack.resources('okta_log_stream'), (s) => {
      const settings = (k: string) => attr(s.attrs, 'settings', k);
      const name = settings('event_source_name');
      const account = settings('account_id');
      const eventBridge = s.attrs.type === 'aws_eventbridge';
      return all(
        oneOf(s, 'type', s.attrs.type, ['aws_eventbridge', 'splunk_cloud_logstreaming'], `${FILE}:76-89`),
        oneOf(s, 'status', s.attrs.status, ['ACTIVE', 'INACTIVE'], `${FILE}:91-99`),
        isSet(s.attrs.status)
          ? undefined
          : bad(
              s,
              'status',
              undefined,
              `set it: the provider stores the API's status (${FILE}:381) in an attribute that is not computed ` +
                `(${FILE}:91-99), so Terraform reports an inconsistent result after apply`,
            ),
        typeof name === 'string' && known(name) && eventSourceNameProblem(name)
          ? bad(s, 'settings.event_source_name', name, eventSourceNameProblem(name)!)
          : undefined,
        known(account) && !(typeof account === 'string' && account.length === 12)
          ? bad(s, 'settings.account_id', account, `must be 12 characters (${FILE}:112)`)
          : undefined,
        ...(eventBridge
          ? (['account_id', 'event_source_name', 'region'] as const)
              .filter((k) => !isSet(settings(k)))
              .map((k) =>
                bad(s, `settings.${k}`, undefined, `required for aws_eventbridge (${FILE}:105-133, descriptions)`),
              )
          : []),
      );
    }),
});

/**
 * Limits on synthesized input read from disk (a cdk.tf.json handed to check, review, simulate or report).
 * The project's own stacks are far inside them (about 100 KB and 11 levels deep for prod; a generated
 * 1,000-route stack is a few MB); a file beyond them is refused with its name and the limit, before any
 * rule, which recurses over the JSON, could overflow the stack or exhaust memory.
 */

/** Largest cdk.tf.json read: 64 MiB. */
export const MAX_STACK_FILE_BYTES = 64 * 1024 * 1024;

/** Deepest nesting of objects and arrays, JSON inside string attributes (policies, settings) included. */
export const MAX_JSON_DEPTH = 64;

/**
 * Shared bounds that config, constructs and guardrails each enforce: one definition each.
 * (Token lifetime ranges live with the Okta token rules in domain/okta/token-lifetimes.ts.)
 */

/** Fewest characters a written reason (a public route, a suppression) may have after trimming. */
export const MIN_REASON_LENGTH = 10;

/** Whether a written reason is long enough to tell a reviewer why. */
export const isReasonEnough = (reason: string): boolean => reason.trim().length >= MIN_REASON_LENGTH;

/** The allowed-value text for a reason, for error messages. */
export const REASON_ALLOWED = `a reason of at least ${MIN_REASON_LENGTH} characters`;

/** A range of whole numbers and, where it is ours rather than the provider's, why. */
export interface WholeRange {
  readonly min: number;
  readonly max: number;
  /** Why the bound is what it is. @default - none given */
  readonly why?: string;
}

/** Why `value` is not a whole number of `unit` within `range`, or undefined when it is. */
export function wholeNumberProblem(value: number, range: WholeRange, unit: string): string | undefined {
  if (Number.isInteger(value) && value >= range.min && value <= range.max) return undefined;
  return `allowed: whole ${unit} from ${range.min} to ${range.max}${range.why ? ` (${range.why})` : ''}`;
}

/**
 * What a guardrail rule is: a small pure function of one synthesized stack (the shared StackModel)
 * with its metadata beside it. A rule returns compliant, non-compliant (with findings) or not
 * applicable (the stack has nothing the rule is about).
 */
import type { StackModel, TfResource } from '../synthesized/model';

export type Severity = 'error' | 'warning';

/** One problem a rule found, before suppressions are applied. */
export interface RuleFinding {
  /** Resource address (`type.name`), or the stack name for stack-level findings (backend, providers). */
  readonly address: string;
  readonly message: string;
}

export type RuleResult =
  | { readonly status: 'compliant' }
  | { readonly status: 'non-compliant'; readonly findings: readonly RuleFinding[] }
  | { readonly status: 'not-applicable' };

export interface Rule {
  /** Stable id used in findings and suppressions, e.g. `GW-01`. */
  readonly id: string;
  /** The rule's file name under guardrails/rules/. */
  readonly name: string;
  readonly severity: Severity;
  /** One line: what must hold. */
  readonly title: string;
  /** Why it matters (what goes wrong otherwise). */
  readonly why: string;
  /** A scanner rule id, a vendor doc or an OWASP API Top 10 item. */
  readonly source: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** Pure check of one stack. */
  readonly check: (stack: StackModel) => RuleResult;
}

export const COMPLIANT: RuleResult = { status: 'compliant' };
export const NOT_APPLICABLE: RuleResult = { status: 'not-applicable' };

/** compliant when there are no findings, otherwise non-compliant. */
export function verdict(findings: readonly RuleFinding[]): RuleResult {
  return findings.length === 0 ? COMPLIANT : { status: 'non-compliant', findings };
}

/** Checks each subject; not applicable when there is none. */
export function each<T>(
  subjects: readonly T[],
  check: (subject: T) => RuleFinding[] | RuleFinding | undefined,
): RuleResult {
  if (subjects.length === 0) return NOT_APPLICABLE;
  return verdict(subjects.flatMap((s) => check(s) ?? []));
}

/** A finding on a resource. */
export function on(resource: TfResource, message: string): RuleFinding {
  return { address: resource.address, message };
}

export const defineRule = (rule: Rule): Rule => rule;

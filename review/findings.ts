/**
 * Guardrail findings of one synthesized stack, for the review ("introduced" and "fixed") and the
 * posture report. This is the one place the review asks the guardrails engine for findings.
 */
import type { StackModel } from '../guardrails/model';

export interface ReviewFinding {
  readonly ruleId: string;
  readonly severity: 'error' | 'warning';
  /** Resource address, or the stack name for stack-level findings. */
  readonly address: string;
  readonly message: string;
  /** What the rule requires, in one line. */
  readonly title: string;
}

/** Unsuppressed guardrail findings of a stack. */
export function guardrailFindings(model: StackModel): ReviewFinding[] {
  // The guardrails engine has not landed yet; until it does the review reports no findings.
  void model;
  return [];
}

/** A key that survives address changes well enough to pair a finding across two versions. */
export function findingKey(f: ReviewFinding): string {
  return `${f.ruleId}|${f.address}|${f.message}`;
}

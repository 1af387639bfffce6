/**
 * Guardrail findings of one synthesized stack, for the review ("introduced" and "fixed") and the
 * posture report. This is the one place the review asks the guardrails engine for findings.
 */
import { ruleById } from '../guardrails/catalogue';
import { checkStack } from '../guardrails/engine';
import type { StackModel } from '../synthesized/model';

export interface ReviewFinding {
  readonly ruleId: string;
  readonly severity: 'error' | 'warning';
  /** Resource address, or the stack name for stack-level findings. */
  readonly address: string;
  readonly message: string;
  /** What the rule requires, in one line. */
  readonly title: string;
}

/** Unsuppressed guardrail findings of a stack (suppressed ones are accepted risk, not news). */
export function guardrailFindings(model: StackModel, today?: string): ReviewFinding[] {
  return checkStack(model, { today })
    .findings.filter((f) => !f.suppressed)
    .map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      address: f.address,
      message: f.message,
      title: ruleById(f.ruleId)?.title ?? f.ruleId,
    }));
}

/** A key that pairs a finding across two versions of a stack. */
export function findingKey(f: ReviewFinding): string {
  return `${f.ruleId}|${f.address}|${f.message}`;
}

/**
 * The review of a change: per stack, the resource diff, what it means for security, and the guardrail
 * findings it introduces and fixes. Pure: two sets of StackModels in, one Review out.
 */
import { StackModel } from '../synthesized/model';
import { accessChanges, type AccessItem } from './access';
import { diffStacks, type ResourceChange } from './diff';
import { findingKey, guardrailFindings, type ReviewFinding } from './findings';
import { comparePosture, sortByDirection, type PostureChange } from './posture';
import { adaptiveChanges } from './adaptive';
import { passwordPolicyChanges } from './password-policy';
import { viewOf } from './view';

export interface StackReview {
  readonly stack: string;
  readonly environment: string;
  /** added / removed: the whole stack is new or gone. */
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  readonly resources: readonly ResourceChange[];
  readonly posture: readonly PostureChange[];
  /**
   * Access matrix cells that change (simulated), routes, apps and groups only one side has included: access that
   * did not exist widens, access that goes narrows, a weaker or stronger weakest sign-in weakens or strengthens.
   */
  readonly access: readonly AccessItem[];
  readonly findings: { readonly introduced: readonly ReviewFinding[]; readonly fixed: readonly ReviewFinding[] };
  readonly counts: ReviewCounts;
}

export interface ReviewCounts {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  /** Posture items and access cells reached with a weaker (stronger) sign-in. */
  readonly weakens: number;
  readonly strengthens: number;
  /** Access items: who gains access that did not exist, who loses access. */
  readonly widens: number;
  readonly narrows: number;
  /** Resources Terraform destroys and recreates (forced replacement or construct id change). */
  readonly replaced: number;
  /** Protected (prevent_destroy) resources that get destroyed. */
  readonly destroyed: number;
  readonly findingsIntroduced: number;
  readonly findingsFixed: number;
}

export interface Review {
  /** What was compared, e.g. `origin/main (abc1234)` and `working tree`. */
  readonly base: string;
  readonly head: string;
  readonly stacks: readonly StackReview[];
}

/** The gates `--fail-on` understands; `weaken` trips on widened access too (more reach is a weaker perimeter). */
export const FAIL_ON = ['weaken', 'replace', 'destroy', 'finding'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Reviews every stack present in the base or the head, in environment order. */
export function reviewStacks(
  base: readonly StackModel[],
  head: readonly StackModel[],
  labels: { base: string; head: string },
): Review {
  const environmentOf = new Map([...base, ...head].map((s) => [s.stackName, s.environment ?? s.stackName]));
  const names = [...environmentOf.keys()].sort(
    (a, b) => byEnvironment(environmentOf.get(a)!, environmentOf.get(b)!) || cmp(a, b),
  );
  const stacks = names.map((name) => {
    const b = base.find((s) => s.stackName === name);
    const h = head.find((s) => s.stackName === name);
    return reviewStack(
      b ?? new StackModel(name, {}),
      h ?? new StackModel(name, {}),
      !b ? 'added' : !h ? 'removed' : undefined,
    );
  });
  return { base: labels.base, head: labels.head, stacks };
}

/** Reviews one stack: base -> head. */
export function reviewStack(base: StackModel, head: StackModel, status?: 'added' | 'removed'): StackReview {
  const resources = diffStacks(base, head);
  const posture = sortByDirection([
    ...comparePosture(viewOf(base), viewOf(head), resources),
    ...adaptiveChanges(base, head),
    ...passwordPolicyChanges(base, head),
  ]);
  // The access matrix diff (simulator) only where both versions exist: a new stack is new access throughout.
  const access = status ? [] : accessChanges(base, head);
  // A stack that does not exist on one side has no findings there (not "no backend declared").
  const before = status === 'added' ? [] : guardrailFindings(base);
  const after = status === 'removed' ? [] : guardrailFindings(head);
  const beforeKeys = new Set(before.map(findingKey));
  const afterKeys = new Set(after.map(findingKey));
  const introduced = after.filter((f) => !beforeKeys.has(findingKey(f)));
  const fixed = before.filter((f) => !afterKeys.has(findingKey(f)));
  const counts: ReviewCounts = {
    added: resources.filter((r) => r.kind === 'added').length,
    removed: resources.filter((r) => r.kind === 'removed').length,
    changed: resources.filter((r) => r.kind === 'changed' || r.kind === 'readdressed').length,
    weakens: posture.filter((p) => p.direction === 'weaken').length + access.filter((a) => a.kind === 'weakens').length,
    strengthens:
      posture.filter((p) => p.direction === 'strengthen').length +
      access.filter((a) => a.kind === 'strengthens').length,
    widens: access.filter((a) => a.kind === 'widens').length,
    narrows: access.filter((a) => a.kind === 'narrows').length,
    replaced: resources.filter((r) => r.replacement.length > 0).length,
    destroyed: resources.filter((r) => r.destroysProtected).length,
    findingsIntroduced: introduced.length,
    findingsFixed: fixed.length,
  };
  return {
    stack: head.stackName,
    environment: head.environment ?? base.environment ?? head.stackName,
    status: status ?? (resources.length === 0 ? 'unchanged' : 'changed'),
    resources,
    posture,
    access,
    findings: { introduced, fixed },
    counts,
  };
}

/** The `--fail-on` gates the review trips. */
export function tripped(review: Review, gates: readonly FailOn[]): FailOn[] {
  const total = (f: (c: ReviewCounts) => number) => review.stacks.reduce((n, s) => n + f(s.counts), 0);
  const present: Record<FailOn, boolean> = {
    weaken: total((c) => c.weakens + c.widens) > 0,
    replace: total((c) => c.replaced) > 0,
    destroy: total((c) => c.destroyed) > 0,
    finding: review.stacks.some((s) => s.findings.introduced.some((f) => f.severity === 'error')),
  };
  return gates.filter((g) => present[g]);
}

const ORDER = ['dev', 'staging', 'prod'];
/** dev, staging, prod, then any other environment by name. */
function byEnvironment(a: string, b: string): number {
  const rank = (s: string) => {
    const i = ORDER.indexOf(s);
    return i < 0 ? ORDER.length : i;
  };
  return rank(a) - rank(b) || cmp(a, b);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

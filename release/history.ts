/**
 * Going between versions: release notes (the security review from one version's synthesized stacks to
 * another's) and rollback (the review of what deploying an earlier version changes, and what it cannot
 * undo). A version's artifact is its commit synthesized in a temporary worktree: synthesis is
 * deterministic, and a release manifest proves the bytes are the ones promoted then.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StackModel } from '../synthesized/model';
import { renderMarkdown } from '../review/markdown';
import { reviewStacks, type Review, type StackReview } from '../review/review';
import { synthesizeRef, type Synthesized } from '../review/synth';
import { stackName } from '../domain/stack-names';
import { verifyArtifact, type Manifest } from './manifest';
import { ABBREV } from './semver';
import { commitOfVersion } from './version';

export const NOTES_MARKER = '<!-- identity-gateway-release-notes -->';

/** The synthesized stacks of a release version, or an existing synth output of it. */
export function artifactOf(
  repo: string,
  version: string,
  work: string,
  name: string,
  dir?: string,
  log?: (l: string) => void,
): Synthesized {
  if (dir) return { outdir: resolve(dir), label: `${version} (${dir})` };
  const commit = commitOfVersion(repo, version);
  const synthesized = synthesizeRef(repo, commit, work, log, name);
  return { outdir: synthesized.outdir, label: `${version} (${commit.slice(0, ABBREV)})` };
}

/** The review between two synthesized outputs, for one environment or all. */
export function reviewBetween(from: Synthesized, to: Synthesized, environment?: string): Review {
  const review = reviewStacks(StackModel.loadDir(from.outdir), StackModel.loadDir(to.outdir), {
    base: from.label,
    head: to.label,
  });
  return environment ? { ...review, stacks: review.stacks.filter((s) => s.environment === environment) } : review;
}

export function renderNotes(review: Review, from: string, to: string): string {
  return renderMarkdown(review, { title: `Release notes: ${from} -> ${to}`, marker: NOTES_MARKER });
}

/** Something a rollback cannot undo, or breaks on the way back. */
export interface Irreversible {
  readonly subject: string;
  readonly why: string;
}

const attrChange = (r: StackReview['resources'][number], path: string) => r.attributes.find((a) => a.path === path);
const deactivates = (r: StackReview['resources'][number]) =>
  r.type === 'okta_authenticator' &&
  r.kind === 'changed' &&
  attrChange(r, 'status')?.after === 'INACTIVE' &&
  attrChange(r, 'status')?.before !== 'INACTIVE';

/**
 * What rolling back to `target` cannot undo. `forward` is the review target -> current (what happened
 * since), `back` the review current -> target (what the rollback does).
 */
export function irreversibleChanges(
  forward: StackReview | undefined,
  back: StackReview | undefined,
  target: string,
): Irreversible[] {
  const out: Irreversible[] = [];
  for (const r of forward?.resources ?? []) {
    if (r.type === 'okta_app_oauth' && (r.kind === 'removed' || r.replacement.length > 0)) {
      out.push({
        subject: r.subject,
        why:
          `${r.kind === 'removed' ? 'deleted' : 'replaced'} after ${target}: ` +
          `the client_id it had in ${target} is gone for good; ` +
          'rolling back creates the app again with a new client_id, so every caller must be reconfigured',
      });
    }
    if (r.type === 'okta_authenticator' && r.kind === 'added') {
      out.push({
        subject: r.subject,
        why:
          `created after ${target}: Okta cannot delete an authenticator; rolling back only deactivates it, ` +
          'and leaves it active (with a provider warning) while any policy uses it',
      });
    }
    if (deactivates(r)) {
      out.push({
        subject: r.subject,
        why:
          `deactivated after ${target}: rolling back activates it again, but what happened while it was inactive ` +
          '(users who enrolled in another authenticator, sign-ins that did not offer it) stays',
      });
    }
  }
  for (const r of back?.resources ?? []) {
    if (r.type === 'okta_app_oauth' && (r.kind === 'removed' || r.replacement.length > 0)) {
      out.push({
        subject: r.subject,
        why: `the rollback ${r.kind === 'removed' ? 'deletes' : 'replaces'} it: its current client_id stops working`,
      });
    }
    if (deactivates(r)) {
      out.push({
        subject: r.subject,
        why:
          'the rollback deactivates it: Okta refuses while any policy uses it, ' +
          "including the org's default enrollment and password policies",
      });
    }
  }
  return out;
}

export interface RollbackPlan {
  readonly environment: string;
  readonly current: string;
  readonly target: string;
  /** The review of the rollback (current -> target). */
  readonly review: Review;
  readonly irreversible: readonly Irreversible[];
}

export interface RollbackInput {
  readonly environment: string;
  readonly current: Synthesized & { readonly version: string };
  readonly target: Synthesized & { readonly version: string };
  /** The target version's release manifest: its artifact must match. */
  readonly manifest?: Manifest;
}

/** Reviews a rollback; throws when the target artifact does not match its manifest. */
export function planRollback(input: RollbackInput): RollbackPlan {
  const { environment, current, target, manifest } = input;
  const stack = stackName(environment);
  if (current.version === target.version)
    throw new Error(`${environment} already runs ${target.version}: nothing to roll back`);
  if (manifest) {
    if (manifest.version !== target.version)
      throw new Error(`the manifest is for ${manifest.version}, not the rollback target ${target.version}`);
    const problems = verifyArtifact(manifest, target.outdir, [stack]);
    if (problems.length)
      throw new Error(`the artifact of ${target.version} differs from its release manifest: ${problems.join('; ')}`);
  }
  const review = reviewBetween(current, target, environment);
  const forward = reviewBetween(target, current, environment);
  if (!review.stacks.some((s) => s.status !== 'removed'))
    throw new Error(`${target.version} has no stack ${stack} to roll ${environment} back to`);
  const irreversible = irreversibleChanges(forward.stacks[0], review.stacks[0], target.version);
  return { environment, current: current.version, target: target.version, review, irreversible };
}

export function renderRollback(plan: RollbackPlan): string {
  const title = `Rollback of ${plan.environment}: ${plan.current} -> ${plan.target}`;
  const lines = [renderMarkdown(plan.review, { title, marker: '<!-- identity-gateway-rollback -->' }).trimEnd(), ''];
  lines.push('### Cannot be rolled back', '');
  if (plan.irreversible.length === 0)
    lines.push('Nothing: every change since the target version is reversible by this rollback.');
  for (const i of plan.irreversible) lines.push(`- \`${i.subject}\`: ${i.why}`);
  return `${lines.join('\n')}\n`;
}

/** Refuses a rollback with irreversible changes unless they are accepted; names version and environment. */
export function assertAccepted(plan: RollbackPlan, accepted: boolean): void {
  const subjects = [...new Set(plan.irreversible.map((i) => i.subject))];
  if (plan.irreversible.length && !accepted) {
    throw new Error(
      `refusing to roll ${plan.environment} back from ${plan.current} to ${plan.target}: ` +
        `${plan.irreversible.length} change(s) cannot be rolled back (${subjects.join(', ')}); ` +
        'read them above and pass --accept-irreversible to go ahead',
    );
  }
}

/** Copies the target's stack (a complete Terraform working directory) to `out`/stacks/<stack>. */
export function writeRollbackArtifact(target: Synthesized, environment: string, out: string): string {
  const stack = stackName(environment);
  const dest = join(resolve(out), 'stacks', stack);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  cpSync(join(target.outdir, 'stacks', stack), dest, { recursive: true });
  return dest;
}

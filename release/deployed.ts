/**
 * What an environment runs and that version's synthesized stack. The convergence record (records.ts) says
 * which version an environment runs; its artifact is the stack the apply job stored beside the record
 * (tools/ci/release-records.sh push), or, failing that, the recorded commit synthesized again from history
 * (synthesis is deterministic), and either is checked against the record's sha256. The plan job reviews
 * the change against it and the drift job compares the infrastructure with it: never with main's HEAD or
 * with the commit before the push, which an environment that lags behind main does not run.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StackModel } from '../synthesized/model';
import { renderMarkdown } from '../review/markdown';
import { reviewStacks, type Review } from '../review/review';
import { synthesizeRef } from '../review/synth';
import { stackName } from '../domain/stack-names';
import { sha256 } from './manifest';
import { readRecord, type ConvergenceRecord } from './records';
import { ABBREV, parseVersionName } from './semver';
import { git } from './version';

/** Where a deployed artifact came from. */
export type DeployedSource = 'stored' | 'history';

export type Deployed =
  /** No convergence record: the environment has never been deployed by the pipeline. */
  | { readonly kind: 'first-deploy'; readonly environment: string; readonly explanation: string }
  /** The artifact of the version the environment runs, in `stackDir`. */
  | {
      readonly kind: 'artifact';
      readonly environment: string;
      readonly version: string;
      readonly commit?: string;
      readonly source: DeployedSource;
      readonly stackDir: string;
      readonly explanation: string;
    }
  /** A record, but its artifact can be neither fetched nor synthesized again byte for byte. */
  | {
      readonly kind: 'unavailable';
      readonly environment: string;
      readonly version: string;
      readonly explanation: string;
    };

/** Synthesizes `commit` of `repo` into a directory under `work` and returns that synth output directory. */
export type SynthesizeCommit = (repo: string, commit: string, work: string) => string;

const defaultSynthesize: SynthesizeCommit = (repo, commit, work) =>
  synthesizeRef(repo, commit, work, (l) => process.stderr.write(`${l}\n`), 'deployed').outdir;

export interface DeployedOptions {
  readonly repo: string;
  readonly recordsDir: string;
  readonly environment: string;
  /** Where to put the artifact: `<out>/stacks/<stack>/` (replaced). */
  readonly out: string;
  /** A fetched copy of stored artifacts, laid out as `<stored>/stacks/<stack>/cdk.tf.json`. */
  readonly stored?: string;
  /** @default - synthesizes the commit in a temporary git worktree (review/synth.ts) */
  readonly synthesize?: SynthesizeCommit;
}

/** The commit a record names, if this repository has it: the recorded commit, else the version's tag or hash. */
export function commitOfRecord(repo: string, record: ConvergenceRecord): string | undefined {
  const name = parseVersionName(record.version);
  const fromVersion = name.kind === 'release' ? `refs/tags/${name.tag}` : name.kind === 'commit' ? name.abbrev : '';
  for (const candidate of [record.commit, fromVersion]) {
    if (!candidate) continue;
    try {
      const sha = git(repo, 'rev-parse', '--verify', '--quiet', `${candidate}^{commit}`);
      if (sha) return sha;
    } catch {
      // Not in this clone (a force-push dropped it, or the tag was deleted): try the next name.
    }
  }
  return undefined;
}

/** Why a stack directory is not the recorded artifact (undefined: it is). */
function mismatch(dir: string, record: ConvergenceRecord): string | undefined {
  const file = join(dir, 'cdk.tf.json');
  if (!existsSync(file)) return `${file} does not exist`;
  const text = readFileSync(file, 'utf8');
  if (record.stackSha256) {
    const actual = sha256(text);
    return actual === record.stackSha256 ? undefined : `its sha256 is ${actual}, the record says ${record.stackSha256}`;
  }
  const version = (JSON.parse(text) as any).output?.stack_version?.value;
  return version === record.version ? undefined : `its stack_version is ${String(version)}, not ${record.version}`;
}

function place(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  cpSync(from, to, { recursive: true });
}

/**
 * Puts the artifact of the version `environment` runs into `<out>/stacks/<stack>/`: the stored copy when
 * it matches the record, otherwise the recorded commit synthesized again when that matches. Says why not
 * when neither does; writes nothing for a first deploy.
 */
export function materializeDeployed(opts: DeployedOptions): Deployed {
  const { environment } = opts;
  const stack = stackName(environment);
  const record = readRecord(opts.recordsDir, environment)?.current;
  if (!record) {
    return {
      kind: 'first-deploy',
      environment,
      explanation:
        `${environment} has no convergence record in ${opts.recordsDir}: ` + 'nothing is deployed yet (first deploy)',
    };
  }
  const { version } = record;
  const dest = join(opts.out, 'stacks', stack);
  const why: string[] = [];
  const found = (source: DeployedSource, commit: string | undefined, how: string): Deployed => ({
    kind: 'artifact',
    environment,
    version,
    commit,
    source,
    stackDir: dest,
    explanation: `${environment} runs ${version}${commit ? ` (${commit.slice(0, ABBREV)})` : ''}: ${how}`,
  });

  const stored = opts.stored ? join(opts.stored, 'stacks', stack) : undefined;
  if (stored && existsSync(join(stored, 'cdk.tf.json'))) {
    const bad = mismatch(stored, record);
    if (!bad) {
      place(stored, dest);
      return found('stored', record.commit, 'the artifact stored when it was applied');
    }
    why.push(`the stored artifact is not the one applied: ${bad}`);
  } else why.push('no artifact was stored for it (applied before artifacts were stored?)');

  const commit = commitOfRecord(opts.repo, record);
  if (!commit) {
    why.push(
      `commit ${record.commit ?? version} is not in this repository's history (a force-push, or a shallow clone?)`,
    );
    return {
      kind: 'unavailable',
      environment,
      version,
      explanation: `${environment} runs ${version}, but ${why.join('; ')}`,
    };
  }
  const work = mkdtempSync(join(tmpdir(), 'identity-gateway-deployed-'));
  try {
    const outdir = (opts.synthesize ?? defaultSynthesize)(opts.repo, commit, work);
    const synthesized = join(outdir, 'stacks', stack);
    const bad = mismatch(synthesized, record);
    if (!bad) {
      place(synthesized, dest);
      return found(
        'history',
        commit,
        `commit ${commit.slice(0, ABBREV)} synthesized again, identical to what was applied`,
      );
    }
    why.push(`commit ${commit.slice(0, ABBREV)} synthesized again differs (${bad}; tagged since it was applied?)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return {
    kind: 'unavailable',
    environment,
    version,
    explanation: `${environment} runs ${version}, but ${why.join('; ')}`,
  };
}

/** The marker of the deploy review (the plan job's summary and the plan bundle's review.md). */
export const DEPLOY_REVIEW_MARKER = '<!-- identity-gateway-deploy-review -->';

/**
 * The review an approver reads before an environment's apply: from what the environment runs (its
 * artifact; nothing on a first deploy) to the stack the run applies (`headDir` = the release artifact).
 */
export function deployReview(deployed: Deployed, headDir: string): { review: Review; markdown: string } {
  const { environment } = deployed;
  const stack = stackName(environment);
  const headStack = join(headDir, 'stacks', stack);
  if (!existsSync(join(headStack, 'cdk.tf.json'))) throw new Error(`${headDir} holds no ${stack}: nothing to review`);
  const head = StackModel.loadDir(headStack);
  const to = String(
    (JSON.parse(readFileSync(join(headStack, 'cdk.tf.json'), 'utf8')) as any).output?.stack_version?.value,
  );
  const base = deployed.kind === 'artifact' ? StackModel.loadDir(deployed.stackDir) : [];
  const baseLabel =
    deployed.kind === 'artifact'
      ? `${deployed.version} (what ${environment} runs)`
      : deployed.kind === 'first-deploy'
        ? `nothing (first deploy of ${environment})`
        : `nothing (what ${environment} runs, ${deployed.version}, cannot be reconstructed)`;
  const review = reviewStacks(base, head, { base: baseLabel, head: `${to} (this run's release artifact)` });
  const from = deployed.kind === 'first-deploy' ? 'nothing deployed' : deployed.version;
  let markdown = renderMarkdown(review, {
    title: `Deploy to ${environment}: ${from} -> ${to}`,
    marker: DEPLOY_REVIEW_MARKER,
  });
  const note =
    deployed.kind === 'unavailable'
      ? `> ⚠️ ${deployed.explanation}. Every resource is shown as added: read the plan below for what changes.`
      : deployed.kind === 'first-deploy'
        ? `> ${deployed.explanation}: every resource is new.`
        : `> ${deployed.explanation}. The plan below applies exactly this change.`;
  const lines = markdown.split('\n');
  const title = lines.findIndex((l) => l.startsWith('## '));
  lines.splice(title + 1, 0, '', note);
  markdown = lines.join('\n');
  return { review, markdown };
}

/**
 * `npm run review -- --base <git ref>` or `npm run review -- --base-dir <dir> --head-dir <dir>`:
 * compares two synthesized versions of every stack and prints a pull-request comment (or `--json`).
 * `--fail-on weaken,replace,destroy,finding` exits 1 when such a change is present; `--out <file>`
 * writes the result to a file as well (its folder is created). Usage errors and failures exit 2, as in
 * `npm run check`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../domain/write-atomic';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StackModel } from '../synthesized/model';
import { renderMarkdown } from './markdown';
import { FAIL_ON, reviewStacks, tripped, type FailOn, type Review } from './review';
import { git, synthesizeRef, synthesizeWorkingTree } from './synth';
import { flagValue, existingDir, InputError, runCommand, UsageError, type Command, type Io } from '../domain/cli';

export interface ReviewOptions {
  readonly base?: string;
  readonly baseDir?: string;
  readonly headDir?: string;
  readonly json: boolean;
  readonly failOn: readonly FailOn[];
  readonly out?: string;
}

const USAGE =
  'usage: npm run review -- (--base <git ref> | --base-dir <dir>) [--head-dir <dir>] [--json]' +
  ` [--fail-on weaken,replace,destroy,finding] [--out <file>]
  --base <ref>       synthesize <ref> in a temporary git worktree and compare it with the working tree
  --base-dir <dir>   an existing synth output (cdktf.out or a directory of stacks) as the base
  --head-dir <dir>   an existing synth output as the head (default: synthesize the working tree)
  --json             machine-readable output instead of markdown
  --fail-on <list>   exit 1 when the change weakens security, replaces or destroys protected resources,
                     or adds guardrail errors
  --out <file>       also write the output to <file>`;

export function parseArgs(argv: readonly string[]): ReviewOptions {
  const opts: { -readonly [K in keyof ReviewOptions]: ReviewOptions[K] } = { json: false, failOn: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => flagValue(argv, i++, a);
    if (a === '--base') opts.base = value();
    else if (a === '--base-dir') opts.baseDir = value();
    else if (a === '--head-dir') opts.headDir = value();
    else if (a === '--json') opts.json = true;
    else if (a === '--out') opts.out = value();
    else if (a === '--fail-on') {
      const gates = value()
        .split(',')
        .map((g) => g.trim())
        .filter((g) => g);
      const unknown = gates.filter((g) => !(FAIL_ON as readonly string[]).includes(g));
      if (unknown.length) throw new UsageError(`--fail-on ${unknown.join(',')}: allowed ${FAIL_ON.join(', ')}`);
      if (gates.length === 0) throw new UsageError(`--fail-on names no gate: allowed ${FAIL_ON.join(', ')}`);
      opts.failOn = gates as FailOn[];
    } else throw new UsageError(`unknown argument ${a}`);
  }
  if ((opts.base === undefined) === (opts.baseDir === undefined))
    throw new UsageError('give exactly one of --base and --base-dir');
  return opts;
}

/** Every name the options give exists: the ref is a commit of `repo`, the folders are folders. */
function checkNames(opts: ReviewOptions, repo: string): void {
  if (opts.baseDir) existingDir('--base-dir', opts.baseDir, 'a synth output, as npm run synth writes it');
  if (opts.headDir) existingDir('--head-dir', opts.headDir, 'a synth output, as npm run synth writes it');
  if (opts.base !== undefined) {
    try {
      git(repo, 'rev-parse', '--verify', '--quiet', `${opts.base}^{commit}`);
    } catch (e) {
      const why = (e as Error).message;
      if (/not installed|not on PATH/.test(why)) throw new InputError(why, { cause: e });
      throw new InputError(`--base ${opts.base}: no such commit, branch or tag in ${repo}`, { cause: e });
    }
  }
}

/** Builds the review the options ask for; synthesizes into a temporary directory when needed. */
export function buildReview(opts: ReviewOptions, repo: string, log: (line: string) => void): Review {
  const work = mkdtempSync(join(tmpdir(), 'identity-gateway-review-'));
  try {
    const base = opts.baseDir
      ? { outdir: resolve(opts.baseDir), label: opts.baseDir }
      : synthesizeRef(repo, opts.base!, work, log);
    const head = opts.headDir
      ? { outdir: resolve(opts.headDir), label: opts.headDir }
      : synthesizeWorkingTree(repo, work);
    return reviewStacks(StackModel.loadDir(base.outdir), StackModel.loadDir(head.outdir), {
      base: base.label,
      head: head.label,
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function run(argv: readonly string[], io: Io, repo: string): number {
  const opts = parseArgs(argv);
  checkNames(opts, repo);
  let review: Review;
  try {
    review = buildReview(opts, repo, (l) => io.err(`${l}\n`));
  } catch (e) {
    throw new InputError(`review failed: ${(e as Error).message}`, { cause: e });
  }
  const text = opts.json ? `${JSON.stringify(review, null, 2)}\n` : renderMarkdown(review);
  io.out(text);
  if (opts.out) {
    try {
      writeFileAtomic(opts.out, text);
    } catch (e) {
      throw new InputError(`--out: ${(e as Error).message}`, { cause: e });
    }
  }
  const gates = tripped(review, opts.failOn);
  if (gates.length) {
    io.err(`review: failing on ${gates.join(', ')} (--fail-on ${opts.failOn.join(',')})\n`);
    return 1;
  }
  return 0;
}

/** `npm run review` for the repository at `repo`. */
export const reviewCommand = (repo = process.cwd()): Command => ({
  name: 'review',
  usage: USAGE,
  run: (argv, io) => run(argv, io, repo),
});

/** `npm run review` (the CLI convention's command for the current directory). */
export const cli = reviewCommand();

/** The whole command; returns the exit code. */
export function main(argv: readonly string[], repo = process.cwd()): number {
  return runCommand(reviewCommand(repo), argv);
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

/**
 * Synthesizes a git ref or the working tree into a temporary directory, for the review. A ref is checked
 * out in a temporary `git worktree` under the OS temp dir; it reuses this checkout's node_modules
 * (a symlink) when its package-lock.json is unchanged, otherwise runs `npm ci` there. The worktree is
 * removed afterwards, also on error.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { explainSpawnError } from '../domain/missing-tool';

export interface Synthesized {
  /** Directory holding `stacks/<stack>/cdk.tf.json`. */
  readonly outdir: string;
  /** Human label, e.g. `origin/main (1a2b3c4)`. */
  readonly label: string;
}

export function git(cwd: string, ...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    throw explainSpawnError(e, 'the review checks out the base ref with git');
  }
}

/**
 * Runs the tree's own `npm run synth` (the contract every version of this repo keeps) in `cwd`, with
 * the output going to `outdir`. Guardrail errors make synth exit 1 after writing its output: the
 * review reports those findings itself, so only configuration errors or missing output are fatal.
 */
export function synthesize(cwd: string, outdir: string): void {
  const r = spawnSync('npm', ['run', '--silent', 'synth'], {
    cwd,
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
    encoding: 'utf8',
  });
  const wrote = existsSync(join(outdir, 'stacks'));
  if (r.status !== 0 && (!wrote || /Configuration errors/.test(r.stderr ?? ''))) {
    throw new Error(
      `Synthesis failed in ${cwd} (exit ${r.status ?? r.signal}):\n${(r.stderr || r.stdout || '').trim()}`,
    );
  }
}

/** Synthesizes the working tree of `repo`. */
export function synthesizeWorkingTree(repo: string, work: string): Synthesized {
  const outdir = join(work, 'head');
  synthesize(repo, outdir);
  return { outdir, label: 'working tree' };
}

/** Synthesizes `ref` in a temporary worktree of `repo` into `work/<name>`; `log` gets progress lines. */
export function synthesizeRef(
  repo: string,
  ref: string,
  work: string,
  log: (line: string) => void = () => undefined,
  name = 'base',
): Synthesized {
  const sha = git(repo, 'rev-parse', '--verify', `${ref}^{commit}`);
  const tree = mkdtempSync(join(tmpdir(), 'identity-gateway-review-base-'));
  rmSync(tree, { recursive: true, force: true });
  const outdir = join(work, name);
  let linked = false;
  git(repo, 'worktree', 'add', '--detach', tree, sha);
  try {
    const lock = (dir: string) =>
      existsSync(join(dir, 'package-lock.json')) ? readFileSync(join(dir, 'package-lock.json'), 'utf8') : '';
    if (lock(tree) === lock(repo) && existsSync(join(repo, 'node_modules'))) {
      symlinkSync(resolve(repo, 'node_modules'), join(tree, 'node_modules'), 'dir');
      linked = true;
      log(`base ${ref} (${sha.slice(0, 7)}): package-lock.json unchanged, reusing node_modules`);
    } else {
      log(`base ${ref} (${sha.slice(0, 7)}): package-lock.json differs, running npm ci in the worktree`);
      const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: tree, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`npm ci failed for ${ref}:\n${(r.stderr || '').trim()}`);
    }
    synthesize(tree, outdir);
  } finally {
    try {
      // Remove the link first so nothing can follow it into this checkout's node_modules.
      if (linked) unlinkSync(join(tree, 'node_modules'));
    } catch {
      // The worktree removal below deletes it anyway.
    }
    try {
      git(repo, 'worktree', 'remove', '--force', tree);
    } finally {
      git(repo, 'worktree', 'prune');
      rmSync(tree, { recursive: true, force: true });
    }
  }
  return { outdir, label: `${ref} (${sha.slice(0, 7)})` };
}

/**
 * The release manifest of one synthesized commit: its version and commit, the sha256 of every stack's
 * cdk.tf.json (the artifact that is promoted), and the sha256 of the inputs that shaped it. Written once
 * per commit after `npm run synth`; `verify` refuses an artifact that differs from it. Deterministic:
 * the same commit gives a byte-identical manifest (no dates).
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readJsonObject, RELEASE_JSON_LIMITS } from '../domain/read-json';
import { join } from 'node:path';
import { parseVersionName } from './semver';
import { readDeclarations } from '../synthesized/declarations';

export const MANIFEST_FORMAT = 'identity-gateway-release-manifest/1';

/**
 * What shapes the synthesized JSON: everything `main.ts` loads or reads (a test checks the module graph
 * against this list). Tests, docs, the review, workflows and the benchmark do not.
 */
export const INPUT_PATHS = [
  'main.ts',
  'cdktf.json',
  'package.json',
  'package-lock.json',
  'tools',
  'config',
  'constructs',
  'stacks',
  'guardrails',
  'lambda',
  'release',
  'domain',
  'synthesized',
  // The lock-out check (guardrail MFA-15, and a config error at synth) runs the access simulator.
  'simulator',
] as const;

export interface StackArtifact {
  readonly environment: string;
  /** Path of the stack's JSON inside the synth output. */
  readonly file: string;
  readonly sha256: string;
  /** The stack's `stack_version` output. */
  readonly stackVersion: string;
}

export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: string;
  readonly commit: string;
  /** sha256 of `git ls-tree -r <commit> -- <paths>` (mode, blob id, path per line) and the paths. */
  readonly inputs: { readonly sha256: string; readonly paths: readonly string[] };
  readonly stacks: { readonly [stack: string]: StackArtifact };
}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** The synthesized JSON of one stack (absent: undefined). */
export function readStack(outdir: string, stack: string): { text: string; json: Record<string, any> } | undefined {
  const file = join(outdir, 'stacks', stack, 'cdk.tf.json');
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  return { text, json: JSON.parse(text) as Record<string, any> };
}

/** Stack names present in a synth output, sorted. */
export function stacksIn(outdir: string): string[] {
  const dir = join(outdir, 'stacks');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((s) => existsSync(join(dir, s, 'cdk.tf.json')))
    .sort();
}

/** The artifact facts of every stack in a synth output. */
export function stackArtifacts(outdir: string): Record<string, StackArtifact> {
  return Object.fromEntries(
    stacksIn(outdir).map((stack) => {
      const { text, json } = readStack(outdir, stack)!;
      const artifact: StackArtifact = {
        environment: readDeclarations(stack, json).environment ?? stack,
        file: `stacks/${stack}/cdk.tf.json`,
        sha256: sha256(text),
        stackVersion: String(json.output?.stack_version?.value ?? '(none)'),
      };
      return [stack, artifact];
    }),
  );
}

/** The inputs digest of a commit: git's own record of the input files, so checkouts cannot differ. */
export function inputsDigest(repo: string, commit: string): Manifest['inputs'] {
  const listing = execFileSync('git', ['ls-tree', '-r', '--full-tree', commit, '--', ...INPUT_PATHS], {
    cwd: repo,
    encoding: 'utf8',
  });
  return { sha256: sha256(listing), paths: [...INPUT_PATHS] };
}

/**
 * Builds the manifest of `outdir` for the release version of HEAD. Refuses a version that names no commit
 * (dirty tree, no git, shallow clone) and an output synthesized for another version.
 */
export function buildManifest(repo: string, outdir: string, head: { version: string; commit?: string }): Manifest {
  const name = parseVersionName(head.version);
  if (name.kind === 'unreleasable' || !head.commit) {
    throw new Error(
      `refusing to write a release manifest for ${head.version}: ` +
        (name.kind === 'unreleasable' ? name.reason : 'no commit'),
    );
  }
  const stacks = stackArtifacts(outdir);
  if (Object.keys(stacks).length === 0) throw new Error(`no synthesized stack in ${outdir}: run npm run synth first`);
  const stale = Object.entries(stacks).filter(([, s]) => s.stackVersion !== head.version);
  if (stale.length) {
    const list = stale.map(([name, s]) => `${name} was synthesized as ${s.stackVersion}`).join('; ');
    throw new Error(`${outdir} is not the output of ${head.version} (HEAD): ${list}; run npm run synth`);
  }
  return {
    format: MANIFEST_FORMAT,
    version: head.version,
    commit: head.commit,
    inputs: inputsDigest(repo, head.commit),
    stacks,
  };
}

export function readManifest(file: string): Manifest {
  const m = readJsonObject(file, RELEASE_JSON_LIMITS) as unknown as Manifest;
  if (m.format !== MANIFEST_FORMAT)
    throw new Error(`${file} is not a release manifest (format ${String(m.format)}, expected ${MANIFEST_FORMAT})`);
  return m;
}

/**
 * Differences between a manifest and a synth output (empty: identical). `stacks` limits the check to
 * some stacks (one environment's job); by default every stack of the manifest and of the output.
 */
export function verifyArtifact(manifest: Manifest, outdir: string, stacks?: readonly string[]): string[] {
  const actual = stackArtifacts(outdir);
  const names = stacks ?? [...new Set([...Object.keys(manifest.stacks), ...Object.keys(actual)])].sort();
  const problems: string[] = [];
  for (const name of names) {
    const want = manifest.stacks[name];
    const got = actual[name];
    if (!want) problems.push(`${name}: in ${outdir} but not in the manifest of ${manifest.version}`);
    else if (!got)
      problems.push(`${name}: missing from ${outdir} (manifest of ${manifest.version} has sha256 ${want.sha256})`);
    else if (got.sha256 !== want.sha256) {
      problems.push(
        `${name}: ${want.file} has sha256 ${got.sha256} (stack_version ${got.stackVersion}), ` +
          `the manifest of ${manifest.version} says ${want.sha256}`,
      );
    }
    // The manifest is not trusted for its own claims: the version written inside the stack must be its version.
    if (got && got.stackVersion !== manifest.version)
      problems.push(
        `${name}: ${got.file} says stack_version ${got.stackVersion}, the manifest says ${manifest.version}`,
      );
    else if (want && !got && want.stackVersion !== manifest.version)
      problems.push(
        `${name}: the manifest lists it as ${want.stackVersion}, but the manifest is of ${manifest.version}`,
      );
  }
  return problems;
}

/** Differences between a manifest's inputs and the inputs of a commit. */
export function verifyInputs(
  manifest: Manifest,
  repo: string,
  head: { version: string; commit?: string; dirty: boolean },
): string[] {
  if (!head.commit)
    return [`no git repository at ${repo}: cannot compare inputs with the manifest of ${manifest.version}`];
  const problems: string[] = [];
  if (head.dirty)
    problems.push(`the working tree has uncommitted changes (${head.version}); inputs cannot be compared`);
  const inputs = inputsDigest(repo, head.commit);
  if (inputs.sha256 !== manifest.inputs.sha256) {
    problems.push(
      `inputs of ${head.version} have sha256 ${inputs.sha256}, ` +
        `the manifest of ${manifest.version} says ${manifest.inputs.sha256}`,
    );
  }
  return problems;
}

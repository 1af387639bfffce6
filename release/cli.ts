/**
 * `npm run release -- <command>`: versioned releases (docs/releases.md).
 *   version [--json]                         the release version of HEAD (also `npm run --silent version`)
 *   manifest --out <file> [--dir cdktf.out]  the release manifest of the synth output
 *   verify --manifest <file> [--dir cdktf.out] [--env <env>] [--artifact-only]
 *   record --env <env> --version <v> --plan <second-plan.json> [--commit <sha>] [--dir cdktf.out]
 *          [--records-dir .releases]
 *   promote-check --env <staging|prod> --version <v> [--manifest <file>] [--records-dir .releases]
 *   status --env <env> [--dir cdktf.out] [--state-file <file>] [--offline] [--main <ref>] [--records-dir .releases]
 *   notes --from <v> --to <v> [--env <env>] [--from-dir <dir>] [--to-dir <dir>] [--json] [--out <file>]
 *   rollback --env <env> --to <v> [--current <v>] [--current-dir <dir>] [--target-dir <dir>]
 *            [--manifest <target manifest>] [--out <dir>] [--accept-irreversible] [--records-dir .releases]
 *   deployed --env <env> [--stored <dir>] [--out <dir>] [--github-output <file>] [--records-dir .releases]
 *   deploy-review --env <env> [--dir cdktf.out] [--stored <dir>] [--out <file>] [--records-dir .releases]
 *   iam-policy --env <env> --role <plan|deploy> [--dir cdktf.out] [--records-uri s3://bucket/prefix/]
 * Every refusal exits 1 with a message naming the version and the environment; a usage error, or an argument
 * naming something that does not exist or does not agree with the rest (a version with no tag, a folder that is
 * not there or holds another version, a --from newer than --to), exits 2 (domain/cli.ts).
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { readJsonObject, RELEASE_JSON_LIMITS } from '../domain/read-json';
import { writeFileAtomic } from '../domain/write-atomic';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stackName } from '../domain/stack-names';
import {
  artifactOf,
  assertAccepted,
  planRollback,
  renderNotes,
  renderRollback,
  reviewBetween,
  writeRollbackArtifact,
} from './history';
import { ciRolePolicy, type CiRole } from './ci-access';
import { deployReview, materializeDeployed, type Deployed } from './deployed';
import {
  buildManifest,
  readManifest,
  readStack,
  sha256,
  stackArtifacts,
  stacksIn,
  verifyArtifact,
  verifyInputs,
  type Manifest,
} from './manifest';
import { checkConvergedPlan, PROMOTION_ORDER, promoteCheck, readRecord, writeRecord } from './records';
import { ABBREV, compareSemver, parseSemver, parseVersionName } from './semver';
import {
  existingDir,
  existingFile,
  flagValue,
  InputError,
  processIo,
  runCommand,
  synthOutdir,
  UsageError,
  type Command,
} from '../domain/cli';
import { readDeployedVersion, readStateFile, type StateReading } from './state';
import { commitOfVersion, git, releaseVersion } from './version';

type Flags = Record<string, string | true | undefined>;
type Out = { readonly out: (s: string) => void; readonly err: (s: string) => void };

const VALUE_FLAGS = new Set([
  'out',
  'dir',
  'manifest',
  'env',
  'version',
  'plan',
  'records-dir',
  'state-file',
  'main',
  'from',
  'to',
  'from-dir',
  'to-dir',
  'current',
  'current-dir',
  'target-dir',
  'commit',
  'stored',
  'github-output',
  'role',
  'records-uri',
]);
const BOOLEAN_FLAGS = new Set(['json', 'artifact-only', 'offline', 'accept-irreversible']);
const ENVIRONMENTS: readonly string[] = PROMOTION_ORDER;

export function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!argv[i].startsWith('--') || !(VALUE_FLAGS.has(name) || BOOLEAN_FLAGS.has(name)))
      throw new UsageError(`unknown argument ${argv[i]}`);
    if (BOOLEAN_FLAGS.has(name)) flags[name] = true;
    else {
      flags[name] = flagValue(argv, i++);
    }
  }
  return flags;
}

const need = (flags: Flags, name: string): string => {
  const v = flags[name];
  if (typeof v !== 'string') throw new UsageError(`--${name} is required`);
  return v;
};
const envOf = (flags: Flags): string => {
  const env = need(flags, 'env');
  if (!ENVIRONMENTS.includes(env)) throw new UsageError(`--env ${env}: allowed ${ENVIRONMENTS.join(', ')}`);
  return env;
};
const versionFlag = (flags: Flags, name: string): string => {
  try {
    return parseVersionName(need(flags, name)).version;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--${name}: ${(e as Error).message}`, { cause: e });
  }
};
/**
 * The records folder: `--records-dir`, RELEASE_RECORDS_DIR or .releases. One that is named (flag or variable)
 * must exist: a typo would otherwise read as "no record yet".
 */
const recordsDir = (flags: Flags, forWriting = false): string => {
  const named = (flags['records-dir'] as string | undefined) ?? (process.env.RELEASE_RECORDS_DIR || undefined);
  if (named === undefined) return '.releases';
  if (forWriting) return named;
  const flag = flags['records-dir'] !== undefined ? '--records-dir' : 'RELEASE_RECORDS_DIR';
  return existingDir(flag, named, 'the convergence records');
};
/** The synth output: `--dir`, CDKTF_OUTDIR or cdktf.out; a `--dir` that is named must exist. */
const synthDir = (flags: Flags): string =>
  typeof flags.dir === 'string'
    ? existingDir('--dir', flags.dir, 'a synth output: run npm run synth first')
    : synthOutdir(undefined);

/** Two versions in order: `older` before `newer` (different, and not the wrong way round). */
function inOrder(older: [flag: string, version: string], newer: [flag: string, version: string], what: string): void {
  const [of, ov] = older;
  const [nf, nv] = newer;
  if (ov === nv) throw new UsageError(`${of} and ${nf} are both ${ov}: ${what} needs two different versions`);
  const a = parseSemver(ov);
  const b = parseSemver(nv);
  if (a && b && compareSemver(a, b) > 0)
    throw new UsageError(`${of} ${ov} is newer than ${nf} ${nv}: ${what} goes from the older to the newer; swap them`);
}

/** A folder of synthesized stacks given for `version`: it exists, holds stacks, and each says that version. */
function artifactDir(flag: string, dir: string | undefined, version: string): string | undefined {
  if (dir === undefined) return undefined;
  existingDir(flag, dir, `the synth output of ${version}`);
  const stacks = stackArtifacts(dir);
  if (Object.keys(stacks).length === 0) throw new InputError(`${flag} ${dir}: holds no synthesized stack`);
  for (const [stack, a] of Object.entries(stacks))
    if (a.stackVersion !== version)
      throw new InputError(`${flag} ${dir}: holds ${stack} of ${a.stackVersion}, not of ${version}`);
  return dir;
}

/** The environment, when one is named, is among the stacks of an artifact (else nothing would be found). */
function hasEnvironment(flag: string, dir: string, env: string): void {
  const stacks = stacksIn(dir);
  if (!stacks.includes(stackName(env)))
    throw new InputError(
      `--env ${env}: the ${flag} artifact has no ${stackName(env)} (it has ${stacks.join(', ') || 'none'})`,
    );
}

function withWork<T>(f: (work: string) => T): T {
  const work = mkdtempSync(join(tmpdir(), 'identity-gateway-release-'));
  try {
    return f(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function version(flags: Flags, repo: string, io: Out): void {
  const v = releaseVersion(repo);
  if (flags.json) io.out(`${JSON.stringify(v, null, 2)}\n`);
  else io.out(`${v.version}\n`);
  if (v.source !== 'tag' || v.dirty) io.err(`version: ${v.explanation}\n`);
}

function manifest(flags: Flags, repo: string, io: Out): void {
  const out = need(flags, 'out');
  const m = buildManifest(repo, synthDir(flags), releaseVersion(repo));
  writeFileAtomic(out, `${JSON.stringify(m, null, 2)}\n`);
  io.out(`wrote ${out}: ${m.version}, ${Object.keys(m.stacks).length} stacks, inputs sha256 ${m.inputs.sha256}\n`);
}

/** A manifest named by `--manifest`: the file exists and reads as one. */
const manifestOf = (flags: Flags): Manifest => {
  const file = existingFile('--manifest', need(flags, 'manifest'), 'a release manifest');
  try {
    return readManifest(file);
  } catch (e) {
    throw new InputError(`--manifest ${file}: ${(e as Error).message}`, { cause: e });
  }
};

function verify(flags: Flags, repo: string, io: Out): void {
  const m = manifestOf(flags);
  const stacks = flags.env ? [stackName(envOf(flags))] : undefined;
  const problems = verifyArtifact(m, synthDir(flags), stacks);
  if (!flags['artifact-only']) problems.push(...verifyInputs(m, repo, releaseVersion(repo)));
  if (problems.length)
    throw new Error(`${synthDir(flags)} is not the release ${m.version}:\n  ${problems.join('\n  ')}`);
  io.out(`ok: ${synthDir(flags)} matches the manifest of ${m.version}${stacks ? ` for ${stacks[0]}` : ''}\n`);
}

/** The commit a record keeps: `--commit` (checked against the version's hash), else HEAD when it is `v`. */
function recordedCommit(flags: Flags, repo: string, env: string, v: string): string | undefined {
  const name = parseVersionName(v);
  const given = flags.commit as string | undefined;
  if (given !== undefined) {
    if (!/^[0-9a-f]{40}$/.test(given)) throw new Error(`--commit ${given}: expected a full 40-hex commit id`);
    if (name.kind === 'commit' && !given.startsWith(name.abbrev))
      throw new Error(`refusing to record ${v} for ${env}: --commit ${given} is not commit ${name.abbrev}`);
    return given;
  }
  try {
    const head = releaseVersion(repo);
    return head.version === v ? head.commit : undefined;
  } catch {
    return undefined;
  }
}

function record(flags: Flags, repo: string, io: Out): void {
  const env = envOf(flags);
  const v = versionFlag(flags, 'version');
  const name = parseVersionName(v);
  if (name.kind === 'unreleasable') throw new Error(`refusing to record ${v} for ${env}: ${name.reason}`);
  const commit = recordedCommit(flags, repo, env, v);
  const stack = stackName(env);
  const plan = existingFile('--plan', need(flags, 'plan'), 'the JSON of the second plan');
  const resources = checkConvergedPlan(readJsonObject(plan, RELEASE_JSON_LIMITS), stack, v);
  const artifact = readStack(synthDir(flags), stack);
  const applied = artifact?.json.output?.stack_version?.value;
  if (artifact && applied !== v)
    throw new Error(`refusing to record ${v} for ${env}: ${synthDir(flags)} holds ${stack} of ${String(applied)}`);
  const path = writeRecord(recordsDir(flags, true), {
    environment: env,
    stack,
    version: v,
    ...(commit ? { commit } : {}),
    stackSha256: artifact ? sha256(artifact.text) : undefined,
    resources,
    recordedAt: new Date().toISOString(),
  });
  io.out(`recorded: ${env} runs ${v} converged (${resources} resources, second plan empty) in ${path}\n`);
}

function promote(flags: Flags, _repo: string, io: Out): void {
  const m = typeof flags.manifest === 'string' ? manifestOf(flags) : undefined;
  io.out(`${promoteCheck(recordsDir(flags), envOf(flags), versionFlag(flags, 'version'), m)}\n`);
}

function describeReading(env: string, r: StateReading): string {
  if (r.kind === 'offline') return `${env}: ${r.explanation}`;
  if (r.kind === 'never-applied') return `${env}: never applied (no state at ${r.from})`;
  return `${env} runs ${r.version} (stack_version output of ${r.from})`;
}

/** Whether `ref` names a commit of `repo`. */
function resolvesToCommit(repo: string, ref: string): boolean {
  try {
    return git(repo, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`) !== '';
  } catch {
    return false;
  }
}

/** How the deployed version relates to `main`. */
function aheadLine(repo: string, env: string, deployed: string, mainRef: string | undefined): string {
  let deployedCommit: string;
  try {
    deployedCommit = commitOfVersion(repo, deployed);
  } catch (e) {
    return `cannot compare ${env} with main: ${(e as Error).message}`;
  }
  const resolves = (r: string) => resolvesToCommit(repo, r);
  const ref = mainRef ?? ['origin/main', 'main'].find(resolves);
  if (!ref || !resolves(ref)) {
    const missing = ref ?? 'neither origin/main nor main';
    return `cannot compare ${env} with main: ${missing} does not exist here (--main <ref>)`;
  }
  const main = git(repo, 'rev-parse', '--verify', `${ref}^{commit}`);
  const mainVersion = releaseVersion(repo, main).version;
  const ahead = Number(git(repo, 'rev-list', '--count', `${deployedCommit}..${main}`));
  const behind = Number(git(repo, 'rev-list', '--count', `${main}..${deployedCommit}`));
  if (ahead === 0 && behind === 0) return `${ref} (${mainVersion}) is what ${env} runs`;
  const off = behind > 0 ? `; ${env} runs ${behind} commit(s) that are not on ${ref}` : '';
  const where = `${deployed}, ${deployedCommit.slice(0, ABBREV)}`;
  return `${ref} (${mainVersion}) is ${ahead} commit(s) ahead of ${env} (${where})${off}`;
}

function status(flags: Flags, repo: string, io: Out): void {
  const env = envOf(flags);
  const mainRef = flags.main as string | undefined;
  if (mainRef !== undefined && !resolvesToCommit(repo, mainRef))
    throw new InputError(`--main ${mainRef}: no such branch, tag or commit in ${repo}`);
  const records = recordsDir(flags);
  const stack = stackName(env);
  let reading: StateReading;
  if (typeof flags['state-file'] === 'string')
    reading = readStateFile(existingFile('--state-file', flags['state-file'], 'a Terraform state file'));
  else {
    const artifact = readStack(synthDir(flags), stack);
    if (!artifact)
      throw new Error(
        `no synthesized ${stack} in ${synthDir(flags)} to read its backend from: run npm run synth first`,
      );
    reading = readDeployedVersion(stack, artifact.json, join(synthDir(flags), 'stacks', stack), {
      offline: !!flags.offline,
    });
  }
  io.out(`${describeReading(env, reading)}\n`);
  const rec = readRecord(records, env)?.current;
  io.out(
    rec
      ? `last convergence record: ${rec.version} at ${rec.recordedAt}\n`
      : `no convergence record for ${env} in ${records}\n`,
  );
  const deployed = reading.kind === 'version' ? reading.version : undefined;
  if (deployed) io.out(`${aheadLine(repo, env, deployed, mainRef)}\n`);
}

function notes(flags: Flags, repo: string, io: Out): void {
  const from = versionFlag(flags, 'from');
  const to = versionFlag(flags, 'to');
  const env = flags.env ? envOf(flags) : undefined;
  inOrder(['--from', from], ['--to', to], 'the release notes');
  const fromDir = artifactDir('--from-dir', flags['from-dir'] as string | undefined, from);
  const toDir = artifactDir('--to-dir', flags['to-dir'] as string | undefined, to);
  // A version that names nothing fails before anything is synthesized.
  if (!fromDir) commitOfVersion(repo, from);
  if (!toDir) commitOfVersion(repo, to);
  const log = (l: string) => io.err(`${l}\n`);
  const review = withWork((work) => {
    const a = artifactOf(repo, from, work, 'from', fromDir, log);
    const b = artifactOf(repo, to, work, 'to', toDir, log);
    if (env)
      for (const [flag, x] of [
        ['--from', a],
        ['--to', b],
      ] as const)
        hasEnvironment(flag, x.outdir, env);
    return reviewBetween(a, b, env);
  });
  const text = flags.json ? `${JSON.stringify(review, null, 2)}\n` : renderNotes(review, from, to);
  io.out(text);
  if (typeof flags.out === 'string') writeFileAtomic(flags.out, text);
}

function rollback(flags: Flags, repo: string, io: Out): void {
  const env = envOf(flags);
  const target = versionFlag(flags, 'to');
  const known = readRecord(recordsDir(flags), env)?.current.version;
  const current = typeof flags.current === 'string' ? parseVersionName(flags.current).version : known;
  if (!current)
    throw new Error(
      `refusing to roll ${env} back to ${target}: what it runs is unknown ` +
        `(no record in ${recordsDir(flags)}; give --current <version>)`,
    );
  inOrder(['--to', target], ['--current', current], 'a rollback');
  const m = typeof flags.manifest === 'string' ? manifestOf(flags) : undefined;
  const currentDir = artifactDir('--current-dir', flags['current-dir'] as string | undefined, current);
  const targetDir = artifactDir('--target-dir', flags['target-dir'] as string | undefined, target);
  if (!currentDir) commitOfVersion(repo, current);
  if (!targetDir) commitOfVersion(repo, target);
  const log = (l: string) => io.err(`${l}\n`);
  withWork((work) => {
    const cur = {
      ...artifactOf(repo, current, work, 'current', currentDir, log),
      version: current,
    };
    const tgt = {
      ...artifactOf(repo, target, work, 'target', targetDir, log),
      version: target,
    };
    const plan = planRollback({ environment: env, current: cur, target: tgt, manifest: m });
    io.out(renderRollback(plan));
    assertAccepted(plan, !!flags['accept-irreversible']);
    const out = (flags.out as string) ?? `cdktf.out.rollback`;
    const dest = writeRollbackArtifact(tgt, env, out);
    io.out(
      `\nwrote ${dest}: ${stackName(env)} of ${target}. Next: plan and apply it from that directory (terraform init, ` +
        'terraform plan -out, apply that plan), a second plan must be empty, then ' +
        `npm run release -- record --env ${env} --version ${target}.\n`,
    );
  });
}

/** Key=value lines for a workflow step's outputs (`--github-output "$GITHUB_OUTPUT"`) and for a person. */
function outputs(flags: Flags, io: Out, values: Record<string, string>): void {
  const text = Object.entries(values)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
  io.out(text);
  if (typeof flags['github-output'] === 'string') appendFileSync(flags['github-output'], text);
}

function materialize(flags: Flags, repo: string, out: string): Deployed {
  // --stored may be absent: the pipeline downloads into it only what was stored (else history is synthesized).
  return materializeDeployed({
    repo,
    recordsDir: recordsDir(flags),
    environment: envOf(flags),
    out,
    stored: flags.stored as string | undefined,
  });
}

/**
 * What an environment runs (its record). With --out, that version's artifact in <out>/stacks/<stack>/;
 * refuses (exit 1) when it has a record but the artifact can be neither fetched nor synthesized again.
 */
function deployed(flags: Flags, repo: string, io: Out): void {
  const env = envOf(flags);
  if (typeof flags.out !== 'string') {
    const rec = readRecord(recordsDir(flags), env)?.current;
    io.err(`${rec ? `${env} runs ${rec.version} (recorded ${rec.recordedAt})` : `${env} has no convergence record`}\n`);
    outputs(flags, io, { version: rec?.version ?? '', commit: rec?.commit ?? '' });
    return;
  }
  const d = materialize(flags, repo, flags.out);
  io.err(`${d.explanation}\n`);
  if (d.kind === 'unavailable') throw new Error(`cannot compare with what ${env} runs: ${d.explanation}`);
  outputs(flags, io, {
    version: d.kind === 'artifact' ? d.version : '',
    source: d.kind === 'artifact' ? d.source : 'none',
    stack_dir: d.kind === 'artifact' ? d.stackDir : '',
  });
}

/** The review an approver reads: from what the environment runs to this run's artifact of it. */
function deployReviewCommand(flags: Flags, repo: string, io: Out): void {
  const { markdown } = withWork((work) => deployReview(materialize(flags, repo, work), synthDir(flags)));
  io.out(markdown);
  if (typeof flags.out === 'string') writeFileAtomic(flags.out, markdown);
}

function iamPolicy(flags: Flags, _repo: string, io: Out): void {
  const env = envOf(flags);
  const role = need(flags, 'role');
  if (role !== 'plan' && role !== 'deploy') throw new Error(`--role ${role}: allowed plan, deploy`);
  const artifact = readStack(synthDir(flags), stackName(env));
  if (!artifact) throw new Error(`no synthesized ${stackName(env)} in ${synthDir(flags)}: run npm run synth first`);
  const policy = ciRolePolicy(role as CiRole, {
    environment: env,
    json: artifact.json,
    recordsUri: flags['records-uri'] as string | undefined,
  });
  io.out(`${JSON.stringify(policy, null, 2)}\n`);
}

const COMMANDS: Record<string, (flags: Flags, repo: string, io: Out) => void> = {
  version,
  manifest,
  verify,
  record,
  'promote-check': promote,
  status,
  notes,
  rollback,
  deployed,
  'deploy-review': deployReviewCommand,
  'iam-policy': iamPolicy,
};

const USAGE = `usage: npm run release -- <${Object.keys(COMMANDS).join('|')}> [options] (see docs/releases.md)
  npm run --silent version [-- --json]
  npm run release-notes -- --from <v> --to <v> [--env <env>] [--from-dir <dir>] [--to-dir <dir>] [--json] [--out <file>]
  npm run status -- --env <env> [--dir <dir>] [--state-file <file>] [--offline] [--main <ref>] [--records-dir <dir>]`;

/** `npm run release` (and version, release-notes, status) for the repository at `repo`. */
export const releaseCommand = (repo = process.cwd(), name = 'release'): Command => ({
  name,
  usage: USAGE,
  run: (argv, io) => {
    const [command, ...rest] = argv;
    const run = command ? COMMANDS[command] : undefined;
    if (!run) throw new UsageError(`unknown command ${command ?? '(none)'}`);
    run(parseFlags(rest), repo, io);
    return 0;
  },
});

/** `npm run release` in the current directory (the CLI convention's command). */
export const cli = releaseCommand();

/** The whole command; returns the exit code. Messages start with `release <command>:`. */
export function main(argv: readonly string[], repo = process.cwd(), io: Out = processIo): number {
  const command = argv[0] && COMMANDS[argv[0]] ? `release ${argv[0]}` : 'release';
  return runCommand(releaseCommand(repo, command), argv, io);
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

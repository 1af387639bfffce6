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
 * Every refusal exits 1 with a message naming the version and the environment.
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
import { buildManifest, readManifest, readStack, sha256, verifyArtifact, verifyInputs } from './manifest';
import { checkConvergedPlan, PROMOTION_ORDER, promoteCheck, readRecord, writeRecord } from './records';
import { ABBREV, parseVersionName } from './semver';
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
      throw new Error(`unknown argument ${argv[i]}`);
    if (BOOLEAN_FLAGS.has(name)) flags[name] = true;
    else {
      const v = argv[++i];
      if (v === undefined || v.trim() === '' || v.startsWith('--')) throw new Error(`--${name} needs a value`);
      flags[name] = v;
    }
  }
  return flags;
}

const need = (flags: Flags, name: string): string => {
  const v = flags[name];
  if (typeof v !== 'string') throw new Error(`--${name} is required`);
  return v;
};
const envOf = (flags: Flags): string => {
  const env = need(flags, 'env');
  if (!ENVIRONMENTS.includes(env)) throw new Error(`--env ${env}: allowed ${ENVIRONMENTS.join(', ')}`);
  return env;
};
const versionFlag = (flags: Flags, name: string): string => parseVersionName(need(flags, name)).version;
const recordsDir = (flags: Flags): string =>
  (flags['records-dir'] as string) ?? process.env.RELEASE_RECORDS_DIR ?? '.releases';
const synthDir = (flags: Flags): string => (flags.dir as string) ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';

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

function verify(flags: Flags, repo: string, io: Out): void {
  const m = readManifest(need(flags, 'manifest'));
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
  const resources = checkConvergedPlan(readJsonObject(need(flags, 'plan'), RELEASE_JSON_LIMITS), stack, v);
  const artifact = readStack(synthDir(flags), stack);
  const applied = artifact?.json.output?.stack_version?.value;
  if (artifact && applied !== v)
    throw new Error(`refusing to record ${v} for ${env}: ${synthDir(flags)} holds ${stack} of ${String(applied)}`);
  const path = writeRecord(recordsDir(flags), {
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
  const m = typeof flags.manifest === 'string' ? readManifest(flags.manifest) : undefined;
  io.out(`${promoteCheck(recordsDir(flags), envOf(flags), versionFlag(flags, 'version'), m)}\n`);
}

function describeReading(env: string, r: StateReading): string {
  if (r.kind === 'offline') return `${env}: ${r.explanation}`;
  if (r.kind === 'never-applied') return `${env}: never applied (no state at ${r.from})`;
  return `${env} runs ${r.version} (stack_version output of ${r.from})`;
}

/** How the deployed version relates to `main`. */
function aheadLine(repo: string, env: string, deployed: string, mainRef: string | undefined): string {
  let deployedCommit: string;
  try {
    deployedCommit = commitOfVersion(repo, deployed);
  } catch (e) {
    return `cannot compare ${env} with main: ${(e as Error).message}`;
  }
  const resolves = (r: string) => {
    try {
      return git(repo, 'rev-parse', '--verify', '--quiet', `${r}^{commit}`) !== '';
    } catch {
      return false;
    }
  };
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
  const stack = stackName(env);
  let reading: StateReading;
  if (typeof flags['state-file'] === 'string') reading = readStateFile(flags['state-file']);
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
  const rec = readRecord(recordsDir(flags), env)?.current;
  io.out(
    rec
      ? `last convergence record: ${rec.version} at ${rec.recordedAt}\n`
      : `no convergence record for ${env} in ${recordsDir(flags)}\n`,
  );
  const deployed = reading.kind === 'version' ? reading.version : undefined;
  if (deployed) io.out(`${aheadLine(repo, env, deployed, flags.main as string | undefined)}\n`);
}

function notes(flags: Flags, repo: string, io: Out): void {
  const from = versionFlag(flags, 'from');
  const to = versionFlag(flags, 'to');
  const env = flags.env ? envOf(flags) : undefined;
  const log = (l: string) => io.err(`${l}\n`);
  const review = withWork((work) => {
    const a = artifactOf(repo, from, work, 'from', flags['from-dir'] as string | undefined, log);
    const b = artifactOf(repo, to, work, 'to', flags['to-dir'] as string | undefined, log);
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
  const m = typeof flags.manifest === 'string' ? readManifest(flags.manifest) : undefined;
  const log = (l: string) => io.err(`${l}\n`);
  withWork((work) => {
    const cur = {
      ...artifactOf(repo, current, work, 'current', flags['current-dir'] as string | undefined, log),
      version: current,
    };
    const tgt = {
      ...artifactOf(repo, target, work, 'target', flags['target-dir'] as string | undefined, log),
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

/** The whole command; returns the exit code. */
export function main(
  argv: readonly string[],
  repo = process.cwd(),
  io: Out = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
): number {
  const [command, ...rest] = argv;
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    io.err(`usage: npm run release -- <${Object.keys(COMMANDS).join('|')}> [options] (see docs/releases.md)\n`);
    return 1;
  }
  try {
    run(parseFlags(rest), repo, io);
    return 0;
  } catch (e) {
    io.err(`release ${command}: ${(e as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

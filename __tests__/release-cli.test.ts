/**
 * Versioned releases end to end, in a git copy of this project with two release tags: v1.0.0, a
 * README-only commit after it, and v1.1.0, which renames the mobile app's key (a replaced app: new
 * client_id) and deactivates dev's phone authenticator. Each version is synthesized from its own commit,
 * as the release commands do: three `npm run synth` runs in worktrees, the costly part of this file.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { artifactOf } from '../release/history';
import { main } from '../release/cli';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const typecheckGate = require('../tools/typecheck.js') as {
  inputsHash: (root: string) => string;
  markerFor: (root: string, hash: string) => string;
};

const ROOT = join(__dirname, '..');
const SKIP = new Set([
  'node_modules',
  'cdktf.out',
  '.git',
  '__tests__',
  'bench',
  'coverage',
  '.github',
  'reports',
  '.releases',
]);
let repo: string;
let work: string;
let v100: string;
let after: string; // the README-only commit after v1.0.0
let v110: string;
let afterVersion: string;

const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
const commit = (message: string) => {
  git('add', '-A');
  git('commit', '-q', '-m', message);
};
const edit = (file: string, from: string, to: string) => {
  const path = join(repo, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(path, text.split(from).join(to));
};

/** The release CLI in-process, in the copy. */
function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, repo, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** An npm script in the copy, as a user runs it. */
function npm(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };
    delete env.CDKTF_OUTDIR;
    const child = spawn('npm', ['run', '--silent', ...args], { cwd: repo, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/**
 * Records the copy's current sources as type-checked, so the type-check gate of `npm run synth` in a
 * worktree of this commit (tools/typecheck.js: same sources, so same hash; its marker lands in this
 * checkout's node_modules through the links) skips its cold `tsc -p tsconfig.app.json`, about 9 CPU-s
 * per source tree in a clean clone. Sound because these are this checkout's own sources (less __tests__
 * and bench), which `npm test` type-checks with `tsc --noEmit` (tsconfig.json: the same options and a
 * superset of the files), and the release commits only swap a string for a string and true for false
 * in typed config; the gate itself is tested in typecheck-gate.test.ts. Never seeded for the real
 * project: its hash covers __tests__, so it differs (checked), and a user's `npm run synth` still checks.
 */
function markTypeChecked(projectHash: string): void {
  const hash = typecheckGate.inputsHash(repo);
  if (hash === projectHash) throw new Error(`${repo} has the sources of ${ROOT}: refusing to mark them checked`);
  const marker = typecheckGate.markerFor(repo, hash);
  try {
    mkdirSync(dirname(marker), { recursive: true });
    writeFileSync(marker, '');
  } catch {
    // A read-only node_modules: the gate type-checks the copy, which only costs time (as in the gate).
  }
}

const stackOf = (outdir: string, env: string) =>
  JSON.parse(readFileSync(join(outdir, 'stacks', `identity-gateway-${env}`, 'cdk.tf.json'), 'utf8'));

let headVersion: { code: number; out: string; err: string };

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'igw-release-'));
  work = mkdtempSync(join(tmpdir(), 'igw-release-work-'));
  for (const entry of readdirSync(ROOT)) {
    if (!SKIP.has(entry) && !entry.endsWith('.tfstate'))
      cpSync(join(ROOT, entry), join(repo, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'), 'dir');
  git('init', '-q', '-b', 'main');
  commit('first release');
  git('tag', 'v1.0.0');
  const projectHash = typecheckGate.inputsHash(ROOT);
  markTypeChecked(projectHash); // v1.0.0 and the docs-only commit: the same TypeScript sources
  edit('README.md', '# identity-gateway', '# identity-gateway (docs only)');
  commit('docs only');
  afterVersion = `1.0.0+1.g${git('rev-parse', 'HEAD').slice(0, 7)}`;
  edit('config/environments/shared.ts', "key: 'mobile',", "key: 'mobile-app',");
  edit('config/environments/shared.ts', "clients: ['portal', 'mobile']", "clients: ['portal', 'mobile-app']");
  edit('config/environments/dev.ts', 'phone: true', 'phone: false');
  commit('rename the mobile app, phone off in dev');
  git('tag', 'v1.1.0');
  markTypeChecked(projectHash);
  // WHEN each version is synthesized from its commit (npm run synth in a worktree), as the release commands do
  const head = npm('version');
  v100 = artifactOf(repo, '1.0.0', work, 'v100').outdir;
  after = artifactOf(repo, afterVersion, work, 'after').outdir;
  v110 = artifactOf(repo, '1.1.0', work, 'v110').outdir;
  headVersion = await head;
}, 300000); // three syntheses from git: a minute on a loaded machine

afterAll(() => {
  for (const d of [repo, work]) if (d) rmSync(d, { recursive: true, force: true });
});

test("npm run version prints the tag of a tagged commit, and synth stamps each commit's version on every stack", () => {
  expect(headVersion).toMatchObject({ code: 0, out: '1.1.0\n' });
  for (const env of ['dev', 'staging', 'prod']) {
    expect(stackOf(v110, env).output.stack_version.value).toBe('1.1.0');
    expect(stackOf(v100, env).output.stack_version.value).toBe('1.0.0');
    expect(stackOf(after, env).output.stack_version.value).toBe(afterVersion);
  }
});

test('GIVEN a docs-only commit THEN its stacks differ from v1.0.0 only in the version fields', () => {
  for (const env of ['dev', 'staging', 'prod']) {
    const a = JSON.stringify(stackOf(v100, env)).split('1.0.0').join('V');
    const b = JSON.stringify(stackOf(after, env)).split(afterVersion).join('V').split('1.0.0').join('V');
    expect(b).toBe(a);
  }
});

describe('manifest and verify', () => {
  let manifestFile: string;
  beforeAll(() => {
    manifestFile = join(work, 'manifest.json');
    expect(cli('manifest', '--out', manifestFile, '--dir', v110)).toMatchObject({ code: 0 });
  });

  test('the manifest names version, commit, each stack checksum and the inputs; written twice it is identical', () => {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
    expect(m).toMatchObject({ version: '1.1.0', commit: git('rev-parse', 'HEAD') });
    expect(Object.keys(m.stacks)).toEqual([
      'identity-gateway-dev',
      'identity-gateway-prod',
      'identity-gateway-staging',
    ]);
    expect(m.stacks['identity-gateway-prod'].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.inputs.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = join(work, 'manifest-again.json');
    cli('manifest', '--out', again, '--dir', v110);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(manifestFile, 'utf8'));
    expect(cli('verify', '--manifest', manifestFile, '--dir', v110)).toMatchObject({ code: 0 });
  });

  test("fails to verify another version's output, naming stack, checksums and version", () => {
    const r = cli('verify', '--manifest', manifestFile, '--dir', v100, '--env', 'prod');
    expect(r.code).toBe(1);
    expect(r.err).toContain('is not the release 1.1.0');
    expect(r.err).toContain('identity-gateway-prod: stacks/identity-gateway-prod/cdk.tf.json has sha256');
    expect(r.err).toContain('(stack_version 1.0.0)');
  });

  test('fails to write a manifest of a stale output or a dirty tree', () => {
    expect(cli('manifest', '--out', join(work, 'm2.json'), '--dir', v100).err).toContain(
      'is not the output of 1.1.0 (HEAD): identity-gateway-dev was synthesized as 1.0.0',
    );
    writeFileSync(join(repo, 'scratch.txt'), 'x');
    try {
      expect(cli('manifest', '--out', join(work, 'm3.json'), '--dir', v110).err).toContain(
        'refusing to write a release manifest for 1.1.0+0.g',
      );
    } finally {
      rmSync(join(repo, 'scratch.txt'));
    }
  });
});

describe('release notes', () => {
  test('GIVEN v1.0.0 and v1.1.0 WHEN notes are rendered THEN the review per environment names the replaced app', () => {
    const r = cli('notes', '--from', '1.0.0', '--to', '1.1.0', '--from-dir', v100, '--to-dir', v110);
    expect(r.code).toBe(0);
    expect(r.out).toContain('## Release notes: 1.0.0 -> 1.1.0');
    expect(r.out).toMatch(/\*\*dev\*\*: 🟠 replaces `okta_app_oauth "Mobile app \(native\)"`: construct id changed/);
    expect(r.out).toMatch(/\*\*prod\*\*: 🟠 replaces `okta_app_oauth "Mobile app \(native\)"`/);
  });

  test('a docs-only commit has no security changes', () => {
    const r = cli(
      'notes',
      '--from',
      '1.0.0',
      '--to',
      afterVersion,
      '--from-dir',
      v100,
      '--to-dir',
      after,
      '--env',
      'prod',
    );
    expect(r.out).not.toContain('replaces');
    expect(r.out).not.toContain('Weakens');
  });

  test('fails for a version that is not in the repository, naming it', () => {
    const r = cli('notes', '--from', '0.9.0', '--to', '1.1.0');
    expect(r.code).toBe(1);
    expect(r.err).toContain('version 0.9.0: no release tag v0.9.0 in this repository');
  });
});

describe('status', () => {
  test('GIVEN a state running 1.0.0 THEN status names it and says main is 2 commits ahead', () => {
    const state = join(work, 'dev.tfstate');
    writeFileSync(
      state,
      JSON.stringify({ version: 4, outputs: { stack_version: { value: '1.0.0', type: 'string' } }, resources: [] }),
    );
    const r = cli('status', '--env', 'dev', '--state-file', state, '--records-dir', join(work, 'no-records'));
    expect(r.out).toContain(`dev runs 1.0.0 (stack_version output of ${state})`);
    expect(r.out).toContain('main (1.1.0) is 2 commit(s) ahead of dev (1.0.0,');
    expect(r.out).toContain('no convergence record for dev');
  });

  test('offline, an S3 state is explained (bucket, key, credentials), not read; a local state is read', () => {
    const prod = cli('status', '--env', 'prod', '--dir', v110, '--offline');
    expect(prod.code).toBe(0);
    expect(prod.out).toMatch(
      /prod: offline \(--offline\): would read the stack_version output of identity-gateway-prod from its state at s3:/,
    );
    expect(prod.out).toContain('AWS credentials from the default chain');
    // Every default environment keeps S3 state; a sandbox with local state is read from its file.
    const local = join(work, 'local-out', 'stacks', 'identity-gateway-dev');
    mkdirSync(local, { recursive: true });
    const json = JSON.parse(readFileSync(join(v110, 'stacks', 'identity-gateway-dev', 'cdk.tf.json'), 'utf8'));
    json.terraform.backend = { local: { path: 'terraform.tfstate' } };
    writeFileSync(join(local, 'cdk.tf.json'), JSON.stringify(json));
    expect(cli('status', '--env', 'dev', '--dir', join(work, 'local-out')).out).toContain(
      'dev: never applied (no state at',
    );
  });

  test('fails without a synthesized stack to read the backend from', () => {
    expect(cli('status', '--env', 'prod', '--dir', join(work, 'nothing')).err).toContain('run npm run synth first');
  });
});

describe('rollback', () => {
  /** Rolls `env` back from 1.1.0 to 1.0.0 using the synthesized outputs of both. */
  const rollbackTo100 = (env: string, ...extra: string[]) =>
    // biome-ignore format: the arguments read as the command line an operator types
    cli('rollback', '--env', env, '--to', '1.0.0', '--current', '1.1.0',
      '--current-dir', v110, '--target-dir', v100, ...extra);

  test('fails to roll dev back past the replaced app without saying so; names versions, env, what is lost', () => {
    const r = rollbackTo100('dev', '--out', join(work, 'rb-refused'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('## Rollback of dev: 1.1.0 -> 1.0.0');
    expect(r.out).toContain('### Cannot be rolled back');
    expect(r.out).toMatch(
      /`okta_app_oauth "Mobile app \(native\)"`: replaced after 1\.0\.0: the client_id it had in 1\.0\.0 is gone/,
    );
    expect(r.out).toMatch(/`okta_authenticator "[^"]*"`: deactivated after 1\.0\.0/);
    expect(r.err).toContain('refusing to roll dev back from 1.1.0 to 1.0.0');
    expect(r.err).toContain('--accept-irreversible');
    expect(() => readdirSync(join(work, 'rb-refused'))).toThrow();
  });

  test('fails to roll back to a version not in the repository: without --target-dir it comes from git', () => {
    // The CLI then synthesizes it with artifactOf, as beforeAll made v100 from its commit: not repeated here.
    const r = cli('rollback', '--env', 'dev', '--to', '0.9.0', '--current', '1.1.0', '--current-dir', v110);
    expect(r.code).toBe(1);
    expect(r.err).toContain('version 0.9.0: no release tag v0.9.0 in this repository');
  });

  test('GIVEN --accept-irreversible THEN the artifact of the earlier version is written for plan and apply', () => {
    const out = join(work, 'rb');
    const r = rollbackTo100('prod', '--out', out, '--accept-irreversible');
    expect(r.code).toBe(0);
    expect(stackOf(out, 'prod')).toEqual(stackOf(v100, 'prod'));
    expect(r.out).toContain('npm run release -- record --env prod --version 1.0.0');
  });

  test('fails when the target artifact does not match the manifest given for it', () => {
    const manifest = join(work, 'manifest.json');
    const r = rollbackTo100('prod', '--manifest', manifest);
    expect(r.err).toContain('the manifest is for 1.1.0, not the rollback target 1.0.0');
  });
});

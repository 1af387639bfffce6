/**
 * Versioned releases end to end, in a git copy of this project with two release tags: v1.0.0, a
 * README-only commit after it, and v1.1.0, which renames the mobile app's key (a replaced app: new
 * client_id) and deactivates dev's phone authenticator. Each version is synthesized from its own commit,
 * as the release commands do: three `npm run synth` runs in worktrees, the costly part of this file. The
 * same three artifacts serve as what an environment runs, for the deploy review and the drift baseline.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { artifactOf, reviewBetween } from '../release/history';
import { main } from '../release/cli';
import { commitOfRecord, materializeDeployed } from '../release/deployed';
import { sha256 } from '../release/manifest';
import { writeRecord, type ConvergenceRecord } from '../release/records';
import { renderMarkdown } from '../review/markdown';
import { commitOfVersion, releaseVersion } from '../release/version';
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

/** An empty folder (a records folder with no record yet), made if missing. */
const madeDir = (d: string): string => (mkdirSync(d, { recursive: true }), d);

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

  test("GIVEN a CI job's checkout with the downloaded artifact, review and plan bundle THEN it verifies", () => {
    // The plan and apply jobs download release-manifest.json into the checkout; untracked files that are
    // not ignored would make the version .dirty, and verify would refuse every deploy.
    const written = ['release-manifest.json', 'review.md', 'plan-bundle/tfplan.enc', 'deployed/x', 'stored/x'];
    for (const f of written) {
      mkdirSync(dirname(join(repo, f)), { recursive: true });
      writeFileSync(join(repo, f), readFileSync(manifestFile));
    }
    try {
      expect(
        cli('verify', '--manifest', join(repo, 'release-manifest.json'), '--dir', v110, '--env', 'dev'),
      ).toMatchObject({ code: 0 });
    } finally {
      for (const f of written) rmSync(join(repo, f.split('/')[0]), { recursive: true, force: true });
    }
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
    expect(r.code).toBe(2);
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
    const r = cli('status', '--env', 'dev', '--state-file', state, '--records-dir', madeDir(join(work, 'no-records')));
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
    expect(r.code).toBe(2);
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

describe('what an environment runs: the deploy review and the drift baseline', () => {
  let recordsRoot: string;
  const stackText = (outdir: string, env: string) =>
    readFileSync(join(outdir, 'stacks', `identity-gateway-${env}`, 'cdk.tf.json'), 'utf8');
  /** A records directory in which `env` runs `version`, applied from the artifact in `outdir`. */
  const runs = (name: string, env: string, version: string, outdir: string, extra: Partial<ConvergenceRecord> = {}) => {
    const dir = join(recordsRoot, name);
    writeRecord(dir, {
      environment: env,
      stack: `identity-gateway-${env}`,
      version,
      stackSha256: sha256(stackText(outdir, env)),
      resources: 1,
      recordedAt: '2026-01-01T00:00:00.000Z',
      ...extra,
    });
    return dir;
  };
  beforeAll(() => {
    recordsRoot = join(work, 'deployed-records');
  });

  test(
    'GIVEN the push that creates main (before = forty zeros) WHEN dev is planned ' + 'THEN the review base is nothing',
    () => {
      // GIVEN the first push: the old job's base does not resolve (`git rev-parse --verify 0000…^{commit}`)
      expect(() => git('rev-parse', '--verify', `${'0'.repeat(40)}^{commit}`)).toThrow();
      // WHEN the plan job reviews dev, which has no convergence record
      const out = join(work, 'first-review.md');
      const r = cli(
        'deploy-review',
        '--env',
        'dev',
        '--dir',
        v110,
        '--records-dir',
        madeDir(join(recordsRoot, 'none')),
        '--out',
        out,
      );
      // THEN it reviews against nothing: every resource of dev is new
      expect(r.code).toBe(0);
      expect(r.out).toContain('## Deploy to dev: nothing deployed -> 1.1.0');
      expect(r.out).toContain('(first deploy)');
      expect(r.out).toMatch(/\| dev \| \+\d+ \/ −0 \/ ~0 \(new stack\) \|/);
      expect(readFileSync(out, 'utf8')).toBe(r.out);
    },
  );

  test('GIVEN prod lags at 1.0.0 WHEN the run deploys 1.1.0 THEN its approver reads every change since 1.0.0', () => {
    const records = runs('prod-lags', 'prod', '1.0.0', v100, { commit: git('rev-parse', 'v1.0.0^{commit}') });
    // The previous commit's review (what the plan job read before) of a later docs-only push shows nothing...
    const lastPush = renderMarkdown(reviewBetween({ outdir: v110, label: 'a' }, { outdir: v110, label: 'b' }, 'prod'));
    expect(lastPush).toContain('No changes to any synthesized stack.');
    // ...while the plan applies what prod has not run yet: the deploy review starts from what prod runs
    const r = cli('deploy-review', '--env', 'prod', '--dir', v110, '--records-dir', records, '--stored', v100);
    expect(r.code).toBe(0);
    expect(r.out).toContain('## Deploy to prod: 1.0.0 -> 1.1.0');
    expect(r.out).toContain(
      "Compared `1.0.0 (what prod runs)` (base) with `1.1.0 (this run's release artifact)` (head)",
    );
    expect(r.out).toMatch(/\*\*prod\*\*: 🟠 replaces `okta_app_oauth "Mobile app \(native\)"`/);
    expect(r.out).toContain('the artifact stored when it was applied');
  });

  test(
    'GIVEN no stored artifact THEN the recorded commit is synthesized again, ' + 'byte for byte the one applied',
    () => {
      const commit = git('rev-parse', `${afterVersion.split('.g')[1]}^{commit}`);
      const records = runs('from-history', 'staging', afterVersion, after, { commit });
      const again = (outdir: string) =>
        materializeDeployed({
          repo,
          recordsDir: records,
          environment: 'staging',
          out: join(work, `history-${outdir === after ? 'same' : 'other'}`),
          synthesize: (_repo, c) => (c === commit ? outdir : ''),
        });
      expect(again(after)).toMatchObject({ kind: 'artifact', source: 'history', version: afterVersion });
      // fails: a synthesis that differs (e.g. a commit tagged since) is never compared as if it were what runs
      const other = again(v100);
      expect(other).toMatchObject({ kind: 'unavailable', version: afterVersion });
      expect(other.explanation).toContain('synthesized again differs (its sha256 is');
    },
  );

  test(
    'GIVEN a force-push dropped the commit dev runs THEN its stored artifact serves; ' + 'without it, it says so',
    () => {
      // GIVEN dev runs a commit no longer in this repository's history (after a force-push)
      const gone = 'f'.repeat(40);
      const records = runs('force-push', 'dev', '1.0.0+2.gfffffff', v100, { commit: gone });
      const stored = cli('deploy-review', '--env', 'dev', '--dir', v110, '--records-dir', records, '--stored', v100);
      expect(stored.code).toBe(0);
      expect(stored.out).toContain('## Deploy to dev: 1.0.0+2.gfffffff -> 1.1.0');
      // fails: no stored artifact and no commit: the review shows everything as added and says why (no guess)
      const none = cli('deploy-review', '--env', 'dev', '--dir', v110, '--records-dir', records);
      expect(none.code).toBe(0);
      expect(none.out).toContain(`commit ${gone} is not in this repository's history (a force-push`);
      expect(none.out).toContain('Every resource is shown as added');
      // ...and the drift check refuses to compare with anything else
      const drift = cli('deployed', '--env', 'dev', '--records-dir', records, '--out', join(work, 'force-push-out'));
      expect(drift.code).toBe(1);
      expect(drift.err).toContain('release deployed: cannot compare with what dev runs');
    },
  );

  test(
    'GIVEN a release tag added after the merge THEN that commit is the clean X.Y.Z, ' + 'and what runs is found',
    () => {
      const commit = git('rev-parse', `${afterVersion.split('.g')[1]}^{commit}`);
      const records = runs('tagged-later', 'dev', afterVersion, after, { commit });
      git('tag', 'v1.0.1', commit);
      try {
        // The deploy of the tag synthesizes this commit as the clean release 1.0.1
        expect(releaseVersion(repo, commit).version).toBe('1.0.1');
        // The version dev runs no longer names its commit by itself; the record's commit still does
        expect(() => commitOfVersion(repo, afterVersion)).toThrow(/whose release version is 1\.0\.1/);
        const rec = { environment: 'dev', stack: 'identity-gateway-dev', version: afterVersion, resources: 1 };
        expect(commitOfRecord(repo, { ...rec, commit, recordedAt: 'x' })).toBe(commit);
        const out = join(work, 'tagged-out');
        const github = join(work, 'tagged-github-output');
        const r = cli(
          'deployed',
          '--env',
          'dev',
          '--records-dir',
          records,
          '--stored',
          after,
          '--out',
          out,
          '--github-output',
          github,
        );
        expect(r.code).toBe(0);
        expect(r.out).toBe(
          `version=${afterVersion}\nsource=stored\nstack_dir=${join(out, 'stacks', 'identity-gateway-dev')}\n`,
        );
        expect(readFileSync(github, 'utf8')).toBe(r.out);
        expect(stackText(out, 'dev')).toBe(stackText(after, 'dev'));
      } finally {
        git('tag', '-d', 'v1.0.1');
      }
    },
  );
});

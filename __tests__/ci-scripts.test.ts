/**
 * The delivery scripts under tools/ci/, run for real against a stand-in terraform (support/
 * fake-terraform.sh) in temporary stack directories: the plan bundle, the apply job's refusals (another
 * commit, a changed stack, an old plan), applying exactly the saved plan, convergence with its one
 * re-apply for two-step resources, missing secrets, local state, and drift exit codes. Then shellcheck
 * over every script and every `run:` block of the workflows.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..');
const CI = join(ROOT, 'tools', 'ci');
const COMMIT = 'a'.repeat(40);
let work: string;
let bin: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'igw-ci-'));
  bin = join(work, 'bin');
  mkdirSync(bin);
  copyFileSync(join(__dirname, 'support', 'fake-terraform.sh'), join(bin, 'terraform'));
  chmodSync(join(bin, 'terraform'), 0o755);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Case {
  readonly dir: string;
  readonly bundle: string;
  readonly log: string;
  readonly summary: string;
}

let n = 0;
/** A fresh synthesized-looking stack directory, bundle directory, call log and job summary. */
function freshCase(backend: object = { s3: { bucket: 'b', key: 'k' } }): Case {
  const base = join(work, `case-${++n}`);
  const dir = join(base, 'identity-gateway-staging');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ terraform: { backend } }));
  writeFileSync(join(dir, 'assets', 'handler.zip'), 'zip');
  return { dir, bundle: join(base, 'bundle'), log: join(base, 'tf.log'), summary: join(base, 'summary.md') };
}

function run(c: Case, script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('bash', [join(CI, script), ...args], {
    encoding: 'utf8',
    env: {
      PATH: `${bin}${delimiter}${process.env.PATH}`,
      HOME: work,
      GITHUB_SHA: COMMIT,
      GITHUB_STEP_SUMMARY: c.summary,
      FAKE_TF_LOG: c.log,
      ...env,
    },
  });
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
  return {
    status: r.status,
    stderr: r.stderr,
    summary: read(c.summary),
    calls: read(c.log).split('\n').filter(Boolean),
  };
}

/** A saved plan bundle for a case (plan #1 has changes), the summary and log reset afterwards. */
function planned(c: Case): void {
  expect(run(c, 'plan.sh', [c.dir, c.bundle], { FAKE_PLAN_EXITS: '2' }).status).toBe(0);
  rmSync(c.summary, { force: true });
  rmSync(c.log, { force: true });
}

const meta = (c: Case) =>
  Object.fromEntries(
    readFileSync(join(c.bundle, 'plan-meta.env'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('=')),
  );

describe('plan.sh', () => {
  test(
    'GIVEN a stack with changes WHEN planned THEN the bundle holds the ' +
      'plan, its text, the lock and the metadata, and the summary shows it',
    () => {
      const c = freshCase();
      const r = run(c, 'plan.sh', [c.dir, c.bundle], { FAKE_PLAN_EXITS: '2' });
      expect(r.status).toBe(0);
      expect(readdirSync(c.bundle)).toEqual(
        expect.arrayContaining(['tfplan', 'plan.txt', 'plan-meta.env', '.terraform.lock.hcl']),
      );
      expect(readFileSync(join(c.bundle, '.terraform.lock.hcl'), 'utf8')).toContain(
        'registry.terraform.io/hashicorp/aws',
      );
      expect(meta(c)).toMatchObject({ commit: COMMIT, stack: 'identity-gateway-staging', has_changes: 'true' });
      expect(meta(c).stack_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r.summary).toContain('## Plan for identity-gateway-staging at aaaaaaaaaaaa');
      expect(r.summary).toContain('Plan: 1 to add');
      expect(r.calls).toContainEqual(expect.stringMatching(/^plan .*-detailed-exitcode -out=tfplan/));
    },
  );

  test('fails when no plan can be computed, with the reason in the job summary', () => {
    const c = freshCase();
    const r = run(c, 'plan.sh', [c.dir, c.bundle], { FAKE_PLAN_EXITS: '1' });
    expect(r.status).toBe(1);
    expect(r.summary).toContain('No plan for identity-gateway-staging');
    expect(r.summary).toContain('Invalid provider configuration');
    expect(existsSync(join(c.bundle, 'plan-meta.env'))).toBe(false);
  });
});

describe('apply.sh', () => {
  test(
    'GIVEN a fresh plan of this commit WHEN applied THEN ' +
      'exactly that plan is applied and the second plan is empty',
    () => {
      const c = freshCase();
      planned(c);
      const r = run(c, 'apply.sh', [c.dir, c.bundle], { FAKE_PLAN_EXITS: '0' });
      expect(r.status).toBe(0);
      expect(r.calls).toContainEqual(expect.stringMatching(/^init .*-lockfile=readonly/));
      expect(r.calls.filter((l) => l.startsWith('applied '))).toEqual(['applied plan-1']);
      expect(r.calls).toContainEqual(expect.stringMatching(/^plan .*-detailed-exitcode/));
      expect(r.summary).toContain('converged: the plan after apply is empty');
    },
  );

  test('fails: a plan from another commit is refused and nothing is applied', () => {
    const c = freshCase();
    planned(c);
    const r = run(c, 'apply.sh', [c.dir, c.bundle], { GITHUB_SHA: 'b'.repeat(40) });
    expect(r.status).toBe(1);
    expect(r.summary).toContain('Plan is from another commit');
    expect(r.summary).toContain(COMMIT);
    expect(r.calls.some((l) => l.startsWith('apply'))).toBe(false);
  });

  test('fails: a stack that synthesizes differently since the plan is refused', () => {
    const c = freshCase();
    planned(c);
    writeFileSync(join(c.dir, 'assets', 'handler.zip'), 'other zip');
    const r = run(c, 'apply.sh', [c.dir, c.bundle]);
    expect(r.status).toBe(1);
    expect(r.summary).toContain('Stack changed since the plan');
    expect(r.calls.some((l) => l.startsWith('apply'))).toBe(false);
  });

  test('fails: a plan older than MAX_PLAN_AGE_MINUTES is refused', () => {
    const c = freshCase();
    planned(c);
    const file = join(c.bundle, 'plan-meta.env');
    const old = Math.floor(Date.now() / 1000) - 31 * 60;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/created_epoch=\d+/, `created_epoch=${old}`));
    const r = run(c, 'apply.sh', [c.dir, c.bundle], { MAX_PLAN_AGE_MINUTES: '30' });
    expect(r.status).toBe(1);
    expect(r.summary).toMatch(/Plan is too old[\s\S]*31 minutes old; at most 30/);
    expect(r.calls.some((l) => l.startsWith('apply'))).toBe(false);
  });

  test('fails: no saved plan at all', () => {
    const c = freshCase();
    const r = run(c, 'apply.sh', [c.dir, c.bundle]);
    expect(r.status).toBe(1);
    expect(r.summary).toContain('No saved plan for identity-gateway-staging');
  });
});

describe('converge.sh', () => {
  test('fails: a non-empty plan after apply shows what differs and is not re-applied', () => {
    const c = freshCase();
    const r = run(c, 'converge.sh', [c.dir], {
      FAKE_PLAN_EXITS: '2',
      FAKE_CHANGED_TYPES: 'okta_authenticator aws_lambda_function',
    });
    expect(r.status).toBe(1);
    expect(r.summary).toContain('did not converge');
    expect(r.summary).toContain('aws_lambda_function');
    expect(r.summary).toContain('text of plan-1');
    expect(r.calls.some((l) => l.startsWith('apply'))).toBe(false);
  });

  test(
    'GIVEN only a known two-step resource still differs WHEN ' +
      'converging THEN it re-applies once and the next plan is empty',
    () => {
      const c = freshCase();
      const r = run(c, 'converge.sh', [c.dir], { FAKE_PLAN_EXITS: '2 0', FAKE_CHANGED_TYPES: 'okta_authenticator' });
      expect(r.status).toBe(0);
      expect(r.calls.filter((l) => l.startsWith('applied '))).toEqual(['applied plan-1']);
      expect(r.summary).toContain('converged after one re-apply');
    },
  );

  test('fails: a two-step resource that still differs after the one re-apply', () => {
    const c = freshCase();
    const r = run(c, 'converge.sh', [c.dir], { FAKE_PLAN_EXITS: '2 2', FAKE_CHANGED_TYPES: 'okta_authenticator' });
    expect(r.status).toBe(1);
    expect(r.calls.filter((l) => l.startsWith('applied '))).toHaveLength(1);
    expect(r.summary).toContain('Still not empty after the one re-apply');
  });
});

describe('require-env.sh and require-remote-state.sh', () => {
  test('fails naming every missing secret', () => {
    const c = freshCase();
    const r = run(c, 'require-env.sh', ['OKTA_API_CLIENT_ID', 'OKTA_API_PRIVATE_KEY', 'OKTA_API_PRIVATE_KEY_ID'], {
      OKTA_API_CLIENT_ID: '0oa1',
    });
    expect(r.status).toBe(1);
    expect(r.summary).toContain('Not set: OKTA_API_PRIVATE_KEY OKTA_API_PRIVATE_KEY_ID');
    expect(r.summary).not.toContain('0oa1');
  });

  test('fails: an API token in CI (local use only)', () => {
    const c = freshCase();
    const r = run(c, 'require-env.sh', ['OKTA_API_CLIENT_ID'], {
      OKTA_API_CLIENT_ID: '0oa1',
      OKTA_API_TOKEN: 'x',
      CI: 'true',
    });
    expect(r.status).toBe(1);
    expect(r.summary).toContain('OKTA_API_TOKEN is set in CI');
  });

  test('passes when every variable is set', () => {
    const c = freshCase();
    expect(run(c, 'require-env.sh', ['OKTA_API_CLIENT_ID'], { OKTA_API_CLIENT_ID: '0oa1', CI: 'true' }).status).toBe(0);
  });

  test('fails: a stack with local state is not applied by CI; S3 state is', () => {
    const local = freshCase({ local: { path: 'terraform.tfstate' } });
    const r = run(local, 'require-remote-state.sh', [local.dir]);
    expect(r.status).toBe(1);
    expect(r.summary).toContain('identity-gateway-staging keeps local state');
    const s3 = freshCase();
    expect(run(s3, 'require-remote-state.sh', [s3.dir]).status).toBe(0);
  });
});

describe('drift.sh', () => {
  test.each([
    ['0', 0, 'No drift in identity-gateway-staging'],
    ['2', 1, 'Drift in identity-gateway-staging'],
    ['1', 1, 'Drift check failed for identity-gateway-staging'],
  ])('plan exit %s -> exit %s with "%s" in the summary', (planExit, status, text) => {
    const c = freshCase();
    const r = run(c, 'drift.sh', [c.dir], { FAKE_PLAN_EXITS: planExit });
    expect(r.status).toBe(status);
    expect(r.summary).toContain(text);
    expect(r.calls).toContainEqual(expect.stringMatching(/^plan -refresh-only -detailed-exitcode/));
  });
});

describe('step.sh', () => {
  test("fails with the command's exit code and its last output lines in the job summary", () => {
    const c = freshCase();
    const r = run(c, 'step.sh', [
      'Synthesize',
      'bash',
      '-c',
      'echo "okta.provider.backoff: expected boolean" >&2; exit 3',
    ]);
    expect(r.status).toBe(3);
    expect(r.summary).toContain('### ❌ Synthesize failed (exit 3)');
    expect(r.summary).toContain('okta.provider.backoff: expected boolean');
  });

  test('passes through a succeeding command without touching the summary', () => {
    const c = freshCase();
    const r = run(c, 'step.sh', ['Synthesize', 'true']);
    expect(r.status).toBe(0);
    expect(r.summary).toBe('');
  });
});

test('docs/deploy-pipeline.md lists exactly the known two-step resource types the convergence check re-applies', () => {
  const inScripts = /^TWO_STEP_TYPES="([^"]*)"/m.exec(readFileSync(join(CI, 'common.sh'), 'utf8'))![1].split(' ');
  const readme = readFileSync(join(ROOT, 'docs', 'deploy-pipeline.md'), 'utf8');
  const section = readme.split('## Known two-step resources')[1]?.split('\n#')[0] ?? '';
  expect([...section.matchAll(/^- `(\w+)`/gm)].map((m) => m[1])).toEqual(inScripts);
});

describe('release-records.sh', () => {
  /** The stand-in `aws` (support/fake-aws.sh) with a folder as the bucket. */
  function withFakeAws(c: Case): Record<string, string> {
    const awsBin = join(c.dir, '..', 'awsbin');
    mkdirSync(awsBin, { recursive: true });
    copyFileSync(join(__dirname, 'support', 'fake-aws.sh'), join(awsBin, 'aws'));
    chmodSync(join(awsBin, 'aws'), 0o755);
    return {
      PATH: `${awsBin}${delimiter}${bin}${delimiter}${process.env.PATH}`,
      RELEASE_RECORDS_URI: 's3://acme-releases/records/',
      FAKE_S3_ROOT: join(c.dir, '..', 's3'),
    };
  }

  test('fails: a RELEASE_RECORDS_URI that is not s3://bucket/prefix names the value', () => {
    const c = freshCase();
    const r = run(c, 'release-records.sh', ['pull'], { RELEASE_RECORDS_URI: 'https://example.com/records' });
    expect(r.status).toBe(1);
    expect(r.summary).toContain("'https://example.com/records' is not an s3://bucket/prefix/ URI");
  });

  test('fails: pushing an environment that has no record says which file is missing', () => {
    const c = freshCase();
    const r = run(c, 'release-records.sh', ['push', 'dev'], {
      ...withFakeAws(c),
      RELEASE_RECORDS_DIR: join(c.dir, 'none'),
    });
    expect(r.status).toBe(1);
    expect(r.summary).toContain('identity-gateway-dev.json does not exist');
  });

  test('GIVEN a record WHEN pushed and pulled THEN it travels through the bucket unchanged', () => {
    const c = freshCase();
    const env = withFakeAws(c);
    const records = join(c.dir, 'records');
    mkdirSync(records);
    writeFileSync(join(records, 'identity-gateway-dev.json'), '{"current":{"version":"1.0.0"}}');
    expect(run(c, 'release-records.sh', ['push', 'dev'], { ...env, RELEASE_RECORDS_DIR: records }).status).toBe(0);
    const pulled = join(c.dir, 'pulled');
    const r = run(c, 'release-records.sh', ['pull'], { ...env, RELEASE_RECORDS_DIR: pulled });
    expect(r.status).toBe(0);
    expect(readFileSync(join(pulled, 'identity-gateway-dev.json'), 'utf8')).toBe('{"current":{"version":"1.0.0"}}');
    expect(r.calls.filter((l) => l.startsWith('aws s3 cp'))).toHaveLength(2);
  });
});

describe('release-notes.sh', () => {
  test('fails: a tag that is not vX.Y.Z is refused naming it', () => {
    const c = freshCase();
    const r = run(c, 'release-notes.sh', ['v1.2', join(c.dir, 'notes.md')]);
    expect(r.status).toBe(1);
    expect(r.summary).toContain("'v1.2' is not vX.Y.Z (semver)");
  });
});

describe('shellcheck', () => {
  const shellcheck = spawnSync('shellcheck', ['--version']).status === 0;
  const scripts = readdirSync(CI)
    .filter((f) => f.endsWith('.sh'))
    .map((f) => join(CI, f));
  if (!shellcheck) {
    console.warn('Skipping shellcheck: the shellcheck binary is not on PATH (apt-get install shellcheck)');
    test.skip('shellcheck (skipped: binary absent)', () => undefined);
    return;
  }

  test('passes over tools/ci/*.sh and .ci/run', () => {
    const r = spawnSync('shellcheck', ['-x', '-P', 'SCRIPTDIR/../..', ...scripts, join(ROOT, '.ci', 'run')], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  test('passes over every run: block of the workflows (expressions replaced by a placeholder)', () => {
    const dir = join(ROOT, '.github', 'workflows');
    const blocks: string[] = [];
    for (const file of readdirSync(dir)) {
      const wf = parse(readFileSync(join(dir, file), 'utf8')) as {
        jobs: Record<string, { steps?: { name?: string; run?: string }[] }>;
      };
      for (const [job, j] of Object.entries(wf.jobs)) {
        (j.steps ?? []).forEach((s, i) => {
          if (!s.run) return;
          const path = join(work, `${file}-${job}-${i}.sh`);
          writeFileSync(path, `#!/usr/bin/env bash\nset -eo pipefail\n${s.run.replace(/\$\{\{[^}]*\}\}/g, 'EXPR')}\n`);
          blocks.push(path);
        });
      }
    }
    expect(blocks.length).toBeGreaterThan(5);
    const r = spawnSync('shellcheck', ['-S', 'warning', ...blocks], { encoding: 'utf8' });
    expect(r.stdout).toBe('');
  });
});

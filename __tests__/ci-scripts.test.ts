/**
 * The delivery scripts under tools/ci/, run for real against a stand-in terraform (support/
 * fake-terraform.sh) and a stand-in aws (support/fake-aws.sh) in temporary stack directories: the plan
 * bundle (encrypted in CI, planned without the state lock), the apply job's refusals (another commit, a
 * changed stack, an old plan, altered plan bytes), applying exactly the saved plan, convergence with its
 * one re-apply for two-step resources, missing secrets, local state, drift of what an environment runs,
 * the records and stored artifacts, the Okta scopes a job asks for, the ref a deploy may run from, and a
 * failure reason in the job summary for every way a script can stop. Then shellcheck over every script
 * and every `run:` block of the workflows.
 */
import { spawn, spawnSync } from 'node:child_process';
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
import { fixtureStackDir, synthesizedJson } from './support/fixture';
import { readOktaApiScopes } from '../release/okta-scopes';
import { StackModel } from '../synthesized/model';
import { appliedOrg, copyOrg } from '../tools/okta-org';
import { startStandIn, type StandInOrg } from '../tools/okta-stand-in';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { changedPaths, driftReport } = require('../tools/ci/drift-report.js') as {
  changedPaths: (a: unknown, b: unknown) => string[];
  driftReport: (plan: unknown) => { resources: { address: string; actions: string; attributes: string[] }[] };
};

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
interface CaseOptions {
  readonly backend?: object;
  /** The stack_version output of the synthesized stack. */
  readonly version?: string;
  /** @default staging */
  readonly environment?: string;
}
/**
 * A fresh synthesized-looking stack directory (`<base>/out/stacks/identity-gateway-<env>`, as in cdktf.out),
 * bundle directory, call log and job summary.
 */
function freshCase(opts: CaseOptions = {}): Case {
  const base = join(work, `case-${++n}`);
  const dir = join(base, 'out', 'stacks', `identity-gateway-${opts.environment ?? 'staging'}`);
  mkdirSync(join(dir, 'assets'), { recursive: true });
  const backend = opts.backend ?? { s3: { bucket: 'b', key: 'k' } };
  const output = opts.version ? { output: { stack_version: { value: opts.version } } } : {};
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ terraform: { backend }, ...output }));
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

  test('plans without taking the state lock: the read-only plan role cannot write it', () => {
    const c = freshCase();
    const r = run(c, 'plan.sh', [c.dir, c.bundle], { FAKE_PLAN_EXITS: '0' });
    expect(r.calls).toContainEqual(expect.stringMatching(/^plan .*-lock=false/));
    expect(meta(c).plan_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test(
    'GIVEN PLAN_BUNDLE_KEY WHEN planned THEN the bundle holds the plan only encrypted, ' + 'and the apply opens it',
    () => {
      const c = freshCase();
      const key = { PLAN_BUNDLE_KEY: 'k'.repeat(32), GITHUB_RUN_ID: '42', CI: 'true' };
      expect(run(c, 'plan.sh', [c.dir, c.bundle], { ...key, FAKE_PLAN_EXITS: '2' }).status).toBe(0);
      expect(readdirSync(c.bundle)).toContain('tfplan.enc');
      expect(readdirSync(c.bundle)).not.toContain('tfplan');
      expect(readFileSync(join(c.bundle, 'tfplan.enc')).includes('plan-1')).toBe(false);
      rmSync(join(c.dir, 'tfplan'));
      const r = run(c, 'apply.sh', [c.dir, c.bundle], { ...key, FAKE_PLAN_EXITS: '0' });
      expect(r.status).toBe(0);
      expect(r.calls.filter((l) => l.startsWith('applied '))).toEqual(['applied plan-1']);
    },
  );

  test('fails: an encrypted plan opens only in the run that made it, and never in CI without a key', () => {
    const c = freshCase();
    const key = { PLAN_BUNDLE_KEY: 'k'.repeat(32), GITHUB_RUN_ID: '42' };
    expect(run(c, 'plan.sh', [c.dir, c.bundle], { ...key, FAKE_PLAN_EXITS: '2' }).status).toBe(0);
    const other = run(c, 'apply.sh', [c.dir, c.bundle], { ...key, GITHUB_RUN_ID: '43' });
    expect(other.status).toBe(1);
    expect(other.summary).toContain('Cannot open the saved plan');
    expect(other.calls.some((l) => l.startsWith('apply'))).toBe(false);
    const unkeyed = freshCase();
    const r = run(unkeyed, 'plan.sh', [unkeyed.dir, unkeyed.bundle], { CI: 'true' });
    expect(r.status).toBe(1);
    expect(r.summary).toContain('PLAN_BUNDLE_KEY is not set');
    expect(r.calls).toEqual([]);
  });

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

  test('fails: a saved plan whose bytes are not the ones planned is refused', () => {
    const c = freshCase();
    planned(c);
    writeFileSync(join(c.bundle, 'tfplan'), 'plan-9');
    const r = run(c, 'apply.sh', [c.dir, c.bundle]);
    expect(r.status).toBe(1);
    expect(r.summary).toContain('Saved plan altered');
    expect(r.calls.some((l) => l.startsWith('apply'))).toBe(false);
  });

  test('fails: terraform apply itself fails, and the job summary says which command (not only the step log)', () => {
    const c = freshCase();
    planned(c);
    const r = run(c, 'apply.sh', [c.dir, c.bundle], { FAKE_APPLY_EXIT: '1' });
    expect(r.status).toBe(1);
    expect(r.summary).toContain('### ❌ apply.sh failed (exit 1)');
    expect(r.summary).toContain(
      '`terraform -chdir="$dir" apply -input=false -no-color -lock-timeout=5m "$PLAN_FILE"` exited 1',
    );
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
    const local = freshCase({ backend: { local: { path: 'terraform.tfstate' } } });
    const r = run(local, 'require-remote-state.sh', [local.dir]);
    expect(r.status).toBe(1);
    expect(r.summary).toContain('identity-gateway-staging keeps local state');
    const s3 = freshCase();
    expect(run(s3, 'require-remote-state.sh', [s3.dir]).status).toBe(0);
  });
});

describe('drift.sh: the artifact an environment runs against its state', () => {
  const V1 = '1.4.0+3.g1a2b3c4';
  const V2 = '1.5.0';

  test('GIVEN an environment nobody touched WHEN its own artifact is checked THEN there is no drift', () => {
    const c = freshCase({ version: V1 });
    const r = run(c, 'drift.sh', [c.dir, V1], { FAKE_STATE_VERSION: V1 });
    expect(r.status).toBe(0);
    expect(r.summary).toContain(`No drift in identity-gateway-staging (${V1})`);
    expect(r.calls).toContainEqual(expect.stringMatching(/^plan -refresh-only -detailed-exitcode .*-lock=false/));
  });

  test(
    'fails: an environment behind main compared with main (the old check) is refused, ' + 'not reported as drift',
    () => {
      // GIVEN staging runs V1 (state and record) and main is at V2: the old job synthesized main's HEAD
      const c = freshCase({ version: V2 });
      const r = run(c, 'drift.sh', [c.dir, V1], { FAKE_STATE_VERSION: V1 });
      // THEN it refuses to compare another artifact instead of failing every night on stack_version
      expect(r.status).toBe(2);
      expect(r.summary).toContain('Not the artifact identity-gateway-staging runs');
      expect(r.summary).toContain(`holds identity-gateway-staging of ${V2}; identity-gateway-staging runs ${V1}`);
      expect(r.summary).not.toContain('Drift in');
      expect(r.calls).toEqual([]);
    },
  );

  test('fails: infrastructure changed outside Terraform, with each resource and its attributes in the summary', () => {
    const c = freshCase({ version: V1 });
    const r = run(c, 'drift.sh', [c.dir, V1], {
      FAKE_STATE_VERSION: V1,
      FAKE_DRIFT: 'aws_apigatewayv2_stage.Gateway_Stage|default_route_settings.throttling_rate_limit,tags.Owner',
    });
    expect(r.status).toBe(1);
    expect(r.summary).toContain('### ⚠️ Drift in identity-gateway-staging');
    expect(r.summary).toContain(
      '| `aws_apigatewayv2_stage.Gateway_Stage` | update | ' +
        '`default_route_settings.throttling_rate_limit`, `tags.Owner` |',
    );
    expect(r.summary).toContain(`since identity-gateway-staging (${V1}) was applied`);
    // The saved refresh-only plan and its JSON hold state values: gone, whatever the outcome.
    expect(existsSync(join(c.dir, 'drift.tfplan'))).toBe(false);
    expect(existsSync(join(c.dir, 'drift.json'))).toBe(false);
  });

  test('fails: a state applied from another artifact than the record names is said to be that, not drift', () => {
    // GIVEN the record says V2 (its artifact is compared) but the state holds V1's outputs
    const c = freshCase({ version: V2 });
    const r = run(c, 'drift.sh', [c.dir, V2], { FAKE_STATE_VERSION: V1 });
    expect(r.status).toBe(2);
    expect(r.summary).toContain(`State of identity-gateway-staging is not ${V2}`);
    expect(r.summary).toContain('the state holds the outputs of');
    expect(r.summary).not.toContain('Drift in');
  });

  test('fails when no plan can be made, with the reason, and on a bad call', () => {
    const c = freshCase({ version: V1 });
    const r = run(c, 'drift.sh', [c.dir, V1], { FAKE_PLAN_EXITS: '1', FAKE_STATE_VERSION: V1 });
    expect(r.status).toBe(1);
    expect(r.summary).toContain('Drift check failed for identity-gateway-staging');
    const bad = run(freshCase(), 'drift.sh', [c.dir]);
    expect(bad.status).toBe(2);
    expect(bad.summary).toContain('usage: drift.sh <stack dir> <version the environment runs>');
  });

  test('the drift report diffs nested attributes by path and names a resource deleted outside Terraform', () => {
    expect(changedPaths({ a: { b: 1, c: [1, 2] }, d: 'x' }, { a: { b: 2, c: [1, 3, 4] }, d: 'x' })).toEqual([
      'a.b',
      'a.c[1]',
      'a.c[2]',
    ]);
    const report = driftReport({
      resource_drift: [
        { address: 'aws_sns_topic.t', change: { actions: ['delete'], before: { name: 't' }, after: null } },
        { address: 'aws_sns_topic.u', change: { actions: ['no-op'], before: {}, after: {} } },
      ],
    });
    expect(report.resources).toEqual([
      { address: 'aws_sns_topic.t', actions: 'deleted outside Terraform', attributes: [] },
    ]);
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

/** The stand-in `aws` (support/fake-aws.sh) with a folder as the bucket. */
function withFakeAws(c: Case): Record<string, string> {
  const awsBin = join(c.dir, '..', '..', '..', 'awsbin');
  mkdirSync(awsBin, { recursive: true });
  copyFileSync(join(__dirname, 'support', 'fake-aws.sh'), join(awsBin, 'aws'));
  chmodSync(join(awsBin, 'aws'), 0o755);
  return {
    PATH: `${awsBin}${delimiter}${bin}${delimiter}${process.env.PATH}`,
    RELEASE_RECORDS_URI: 's3://acme-releases/records/',
    FAKE_S3_ROOT: join(c.dir, '..', '..', '..', 's3'),
  };
}
/** The bucket folder of a case's stand-in S3. */
const bucket = (c: Case) => join(c.dir, '..', '..', '..', 's3', 'acme-releases', 'records');
const recordFile = (version: string, history: string[] = []) =>
  JSON.stringify({
    format: 'identity-gateway-convergence-record/1',
    current: { environment: 'dev', stack: 'identity-gateway-dev', version, resources: 1, recordedAt: 'then' },
    history: history.map((v) => ({ environment: 'dev', stack: 'identity-gateway-dev', version: v, resources: 1 })),
  });

describe('release-records.sh', () => {
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

  test('GIVEN a record and its stack WHEN pushed, pulled and fetched THEN the record and the artifact travel', () => {
    const c = freshCase({ environment: 'dev', version: '1.0.0' });
    const env = withFakeAws(c);
    const records = join(c.dir, '..', '..', '..', 'records');
    mkdirSync(records);
    writeFileSync(join(records, 'identity-gateway-dev.json'), recordFile('1.0.0'));
    writeFileSync(join(c.dir, 'tfplan'), 'plan with state values');
    expect(run(c, 'release-records.sh', ['push', 'dev', c.dir], { ...env, RELEASE_RECORDS_DIR: records }).status).toBe(
      0,
    );
    // Only what Terraform deploys is stored: cdk.tf.json and assets/, never a plan or the state
    const stored = join(bucket(c), 'artifacts', 'identity-gateway-dev', '1.0.0');
    expect(readdirSync(stored).sort()).toEqual(['assets', 'cdk.tf.json']);
    const pulled = join(c.dir, '..', '..', '..', 'pulled');
    const r = run(c, 'release-records.sh', ['pull'], { ...env, RELEASE_RECORDS_DIR: pulled });
    expect(r.status).toBe(0);
    // pull copies the records only (not every stored artifact)
    expect(readdirSync(pulled)).toEqual(['identity-gateway-dev.json']);
    const dest = join(c.dir, '..', '..', '..', 'fetched');
    expect(run(c, 'release-records.sh', ['fetch', 'dev', dest], { ...env, RELEASE_RECORDS_DIR: pulled }).status).toBe(
      0,
    );
    expect(readFileSync(join(dest, 'stacks', 'identity-gateway-dev', 'cdk.tf.json'), 'utf8')).toBe(
      readFileSync(join(c.dir, 'cdk.tf.json'), 'utf8'),
    );
  });

  test('GIVEN no record (first deploy) WHEN fetching THEN nothing is fetched and nothing fails', () => {
    const c = freshCase();
    const dest = join(c.dir, '..', '..', '..', 'fetched');
    const r = run(c, 'release-records.sh', ['fetch', 'dev', dest], {
      ...withFakeAws(c),
      RELEASE_RECORDS_DIR: join(c.dir, 'none'),
    });
    expect(r.status).toBe(0);
    expect(existsSync(dest)).toBe(false);
  });
});

describe('record.sh: the apply job records what converged', () => {
  test(
    "GIVEN dev's record with history in the bucket WHEN a fresh runner records " + 'THEN the history is kept',
    () => {
      const version = `1.2.0+3.g${COMMIT.slice(0, 7)}`;
      const c = freshCase({ environment: 'dev', version });
      const env = withFakeAws(c);
      mkdirSync(bucket(c), { recursive: true });
      writeFileSync(join(bucket(c), 'identity-gateway-dev.json'), recordFile('1.1.0', ['1.0.0']));
      writeFileSync(join(c.dir, 'converge.tfplan'), 'plan-7');
      // WHEN the apply job (an empty records directory: a fresh runner) records
      const records = join(c.dir, '..', '..', '..', 'records');
      const r = run(c, 'record.sh', ['dev', version, c.dir], {
        ...env,
        RELEASE_RECORDS_DIR: records,
        FAKE_STATE_VERSION: version,
        FAKE_CHANGED_TYPES: '',
      });
      expect(r.status).toBe(0);
      // THEN the bucket's dev record is the new version, with the previous ones as history (not reset)
      const file = JSON.parse(readFileSync(join(bucket(c), 'identity-gateway-dev.json'), 'utf8'));
      expect(file.current).toMatchObject({ version, commit: COMMIT });
      expect(file.history.map((h: { version: string }) => h.version)).toEqual(['1.1.0', '1.0.0']);
      expect(existsSync(join(bucket(c), 'artifacts', 'identity-gateway-dev', version, 'cdk.tf.json'))).toBe(true);
      expect(r.calls[0]).toMatch(/^aws s3 cp --recursive .*--include identity-gateway-\*\.json/);
      expect(r.summary).toContain(`Recorded: dev runs ${version} converged`);
    },
  );
});

describe('okta-scopes.sh', () => {
  test(
    'GIVEN a synthesized stack THEN plan and drift get its read scopes, ' + 'apply its write scopes (OKTA_API_SCOPES)',
    () => {
      const c = freshCase();
      const githubEnv = join(c.dir, 'github-env');
      const read = run(c, 'okta-scopes.sh', [fixtureStackDir('staging'), 'read'], { GITHUB_ENV: githubEnv });
      expect(read.status).toBe(0);
      const scopes = readOktaApiScopes('staging', synthesizedJson('staging'))!;
      expect(readFileSync(githubEnv, 'utf8')).toBe(`OKTA_API_SCOPES=${scopes.read.join(',')}\n`);
      expect(readFileSync(githubEnv, 'utf8')).not.toContain('.manage');
      const write = spawnSync('bash', [join(CI, 'okta-scopes.sh'), fixtureStackDir('staging'), 'write'], {
        encoding: 'utf8',
      });
      expect(write.stdout.trim()).toBe(scopes.write.join(','));
    },
  );

  test('a gateway-only stack needs no Okta scopes; an okta stack without recorded scopes fails', () => {
    const c = freshCase();
    const none = run(c, 'okta-scopes.sh', [fixtureStackDir('dev', 'gateway-only'), 'read'], {
      GITHUB_ENV: join(c.dir, 'github-env'),
    });
    expect(none.status).toBe(0);
    expect(existsSync(join(c.dir, 'github-env'))).toBe(false);
    writeFileSync(join(c.dir, 'cdk.tf.json'), JSON.stringify({ provider: { okta: [{ org_name: 'acme' }] } }));
    const r = run(c, 'okta-scopes.sh', [c.dir, 'read']);
    expect(r.status).toBe(1);
    expect(r.summary).toContain('has an okta provider but records no read scopes');
  });
});

describe('preflight.sh and parity.sh: the live org before and after an apply', () => {
  const TOKEN = 'stand-in-token-for-the-ci-scripts';
  /** Runs a script while the stand-in answers in this process (spawnSync would hold its event loop). */
  function runAsync(c: Case, script: string, args: string[], env: Record<string, string>) {
    return new Promise<ReturnType<typeof run>>((resolve) => {
      const child = spawn('bash', [join(CI, script), ...args], {
        cwd: ROOT,
        env: {
          ...process.env,
          PATH: `${bin}${delimiter}${process.env.PATH}`,
          GITHUB_STEP_SUMMARY: c.summary,
          FAKE_TF_LOG: c.log,
          ...env,
        },
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.resume();
      child.on('close', (status) => {
        const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
        resolve({ status, stderr, summary: read(c.summary), calls: read(c.log).split('\n').filter(Boolean) });
      });
    });
  }
  /** A case holding an environment's synthesized stack, and a stand-in of its org after a clean apply. */
  async function withOrg(
    env: 'dev' | 'prod',
    seed: (o: StandInOrg) => void,
    body: (c: Case, url: string, state: string) => Promise<void>,
  ) {
    const c = freshCase({ environment: env });
    writeFileSync(join(c.dir, 'cdk.tf.json'), JSON.stringify(synthesizedJson(env)));
    const applied = appliedOrg(new StackModel(`identity-gateway-${env}`, synthesizedJson(env)));
    const org = copyOrg(applied.org);
    seed(org);
    const state = join(c.dir, '..', '..', '..', 'state.json');
    const resources = [...applied.managed].map(([a, id]) => ({
      mode: 'managed',
      type: a.split('.')[0],
      name: a.split('.')[1],
      instances: [{ attributes: { id } }],
    }));
    writeFileSync(state, JSON.stringify({ version: 4, resources }));
    const standIn = await startStandIn(org, { apiToken: TOKEN });
    try {
      await body(c, standIn.url, state);
    } finally {
      await standIn.close();
    }
  }

  test(
    'GIVEN the applied org and its state WHEN preflight.sh runs ' + 'THEN it pulls the state, finds nothing, exit 0',
    async () => {
      await withOrg(
        'prod',
        () => undefined,
        async (c, url, state) => {
          const r = await runAsync(c, 'preflight.sh', [c.dir, c.bundle], {
            OKTA_API_TOKEN: TOKEN,
            OKTA_API_BASE_URL: url,
            FAKE_STATE_FILE: state,
          });
          expect(r.stderr).toBe('');
          expect(r.status).toBe(0);
          expect(r.calls).toEqual([expect.stringMatching(/^init .*-lockfile=readonly/), 'state pull']);
          expect(r.summary).toContain('✅ Preflight: prod');
          expect(r.summary).toContain('Nothing found.');
        },
      );
    },
  );

  test('fails on a blocker, with the findings in the job summary; the pulled state is deleted', async () => {
    await withOrg(
      'prod',
      (o) => (o.organization.pipeline = 'v1'),
      async (c, url) => {
        // A temp directory of its own: the state pulled there must be gone after the step.
        const temp = join(c.dir, '..', '..', '..', 'tmp');
        mkdirSync(temp);
        const r = await runAsync(c, 'preflight.sh', [c.dir, c.bundle], {
          OKTA_API_TOKEN: TOKEN,
          OKTA_API_BASE_URL: url,
          TMPDIR: temp,
        });
        expect(r.stderr).toContain('::error title=Preflight found a blocker');
        expect(r.status).toBe(1);
        expect(r.summary).toContain('| blocker | `classic-org` |');
        expect(r.summary).toContain('Preflight found a blocker for identity-gateway-prod');
        expect(readdirSync(temp)).toEqual([]);
      },
    );
  });

  test('GIVEN a stack without an Okta half THEN there is nothing to check and terraform is not run', () => {
    const c = freshCase();
    const r = run(c, 'preflight.sh', [c.dir, c.bundle]);
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([]);
    expect(run(c, 'parity.sh', [c.dir]).status).toBe(0);
  });

  test('fails when parity finds cells where Okta matches other rules, listing them in the job summary', async () => {
    const seed = (o: StandInOrg) =>
      (o.simulate = () => ({
        status: 200,
        body: [
          {
            policyType: 'ACCESS_POLICY',
            result: { policies: [{ name: 'Other', status: 'MATCH', rules: [{ name: 'Rule', status: 'MATCH' }] }] },
          },
        ],
      }));
    await withOrg('dev', seed, async (c, url) => {
      const r = await runAsync(c, 'parity.sh', [c.dir], { OKTA_API_TOKEN: TOKEN, OKTA_API_BASE_URL: url });
      expect(r.status).toBe(1);
      expect(r.summary).toContain('`parity-mismatch`');
      expect(r.summary).toContain('Parity mismatch for identity-gateway-dev');
    });
  });
});

describe('require-main.sh: where a deploy may run from', () => {
  let repo: string;
  let first: string;
  let tip: string;
  beforeAll(() => {
    repo = join(work, 'refs-repo');
    mkdirSync(repo);
    const g = (...args: string[]) =>
      spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: repo,
        encoding: 'utf8',
      }).stdout.trim();
    g('init', '-q', '-b', 'main');
    g('commit', '-q', '--allow-empty', '-m', 'one');
    first = g('rev-parse', 'HEAD');
    g('commit', '-q', '--allow-empty', '-m', 'two');
    tip = g('rev-parse', 'HEAD');
    g('update-ref', 'refs/remotes/origin/main', tip);
    g('tag', 'v1.0.0', tip);
    g('tag', 'v0.9.0', first);
  });
  const guard = (ref: string, sha: string) => {
    const c = freshCase();
    const r = spawnSync('bash', [join(CI, 'require-main.sh')], {
      cwd: repo,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, GITHUB_REF: ref, GITHUB_SHA: sha, GITHUB_STEP_SUMMARY: c.summary },
    });
    return { status: r.status, summary: existsSync(c.summary) ? readFileSync(c.summary, 'utf8') : '' };
  };

  test(
    'GIVEN main, or a release tag on the commit at its tip (tagged after the merge) ' + 'THEN the deploy goes ahead',
    () => {
      expect(guard('refs/heads/main', tip).status).toBe(0);
      const tagged = guard('refs/tags/v1.0.0', tip);
      expect(tagged.status).toBe(0);
      expect(tagged.summary).toContain('Deploying the release v1.0.0 (the tip of main');
    },
  );

  test('fails: another branch (a manual run from a feature branch), or a tag behind main (it would roll back)', () => {
    const branch = guard('refs/heads/feature', tip);
    expect(branch.status).toBe(1);
    expect(branch.summary).toContain("This run is for 'refs/heads/feature'");
    const old = guard('refs/tags/v0.9.0', first);
    expect(old.status).toBe(1);
    expect(old.summary).toContain(`v0.9.0 tags ${first.slice(0, 12)}, main is at ${tip.slice(0, 12)}`);
  });
});

describe('failure-summary.sh', () => {
  test('names each failed step of the job, with what to check for an action that cannot say why itself', () => {
    const c = freshCase();
    const steps = { checkout: { outcome: 'success' }, aws: { outcome: 'failure' }, plan: { outcome: 'skipped' } };
    const r = run(c, 'failure-summary.sh', [], { STEPS: JSON.stringify(steps), JOB: 'plan identity-gateway-dev' });
    expect(r.status).toBe(0);
    expect(r.summary).toContain('### ❌ plan identity-gateway-dev: step `aws` failed');
    expect(r.summary).toContain("trust policy allows this repository's OIDC subject");
    expect(r.summary).not.toContain('`plan`');
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

/**
 * Convergence records and promotion by version, with real Terraform evidence: a configuration holding
 * only the stack_version output (no provider, so it applies offline) is applied, planned a second time
 * and shown as JSON, exactly as the pipeline does after applying a stack. The same state shows what the
 * nightly drift check met (a refresh-only plan changes stack_version when it compares another version's
 * artifact) and that tools/ci/drift.sh, comparing the artifact the environment runs, finds no drift.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { main } from '../release/cli';
import { checkConvergedPlan, promoteCheck, readRecord, writeRecord, type ConvergenceRecord } from '../release/records';
import type { Manifest } from '../release/manifest';
import { stackVersionOfState } from '../release/state';

const V1 = '1.4.0+3.g1a2b3c4';
const V2 = '1.5.0';
const hasTerraform = (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, 'terraform')));
const inCi = process.env.CI === 'true' || process.env.CI === '1';

let dir: string;
let records: string;
let convergedPlan: string;
let pendingPlan: string;

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, dir, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const rec = (environment: string, version: string, extra: Partial<ConvergenceRecord> = {}): ConvergenceRecord => ({
  environment,
  stack: `identity-gateway-${environment}`,
  version,
  resources: 1,
  recordedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'igw-records-'));
  records = join(dir, 'records');
  if (!hasTerraform) return;
  const tf = (...args: string[]) =>
    execFileSync('terraform', [...args, '-no-color'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' },
    });
  const config = (version: string) =>
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ output: { stack_version: { value: version } } }));
  // GIVEN V1 applied, then planned again (converged), and then a configuration of V2 planned (not applied)
  config(V1);
  tf('init', '-input=false');
  tf('apply', '-auto-approve', '-input=false');
  tf('plan', '-input=false', '-out=second.tfplan');
  convergedPlan = join(dir, 'second.json');
  writeFileSync(convergedPlan, tf('show', '-json', 'second.tfplan'));
  config(V2);
  tf('plan', '-input=false', '-out=pending.tfplan');
  pendingPlan = join(dir, 'pending.json');
  writeFileSync(pendingPlan, tf('show', '-json', 'pending.tfplan'));
}, 60000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An existing synth output folder that holds no stack (so no artifact is compared). */
const noStacks = (): string => {
  const d = join(dir, 'none');
  mkdirSync(d, { recursive: true });
  return d;
};

describe('record: after a clean second plan', () => {
  if (!hasTerraform) {
    test(inCi ? 'terraform is on PATH in CI' : 'skipped: terraform is not on PATH', () => {
      if (inCi) throw new Error('terraform is not on PATH');
    });
    return;
  }

  test('GIVEN an empty second plan of an applied version WHEN recorded THEN the record names env and version', () => {
    const r = cli(
      'record',
      '--env',
      'dev',
      '--version',
      V1,
      '--plan',
      convergedPlan,
      '--records-dir',
      records,
      '--dir',
      noStacks(),
    );
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain(`recorded: dev runs ${V1} converged`);
    expect(readRecord(records, 'dev')?.current).toMatchObject({
      environment: 'dev',
      stack: 'identity-gateway-dev',
      version: V1,
    });
  });

  test('fails to record a version the state does not run (names both)', () => {
    const r = cli(
      'record',
      '--env',
      'dev',
      '--version',
      V2,
      '--plan',
      convergedPlan,
      '--records-dir',
      join(dir, 'other'),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain(`identity-gateway-dev's state has stack_version ${V1}, not ${V2}`);
    expect(readRecord(join(dir, 'other'), 'dev')).toBeUndefined();
  });

  test('fails to record a plan that still changes something (not converged)', () => {
    expect(() => checkConvergedPlan(JSON.parse(readFileSync(pendingPlan, 'utf8')), 'identity-gateway-dev', V2)).toThrow(
      `identity-gateway-dev has not converged at ${V2}: the second plan still changes output stack_version (update)`,
    );
  });

  test('GIVEN the commit of the version WHEN recorded THEN the record keeps it; another commit is refused', () => {
    const commit = `1a2b3c4${'0'.repeat(33)}`;
    const args = ['record', '--env', 'staging', '--version', V1, '--plan', convergedPlan, '--dir', noStacks()];
    const ok = cli(...args, '--records-dir', join(dir, 'with-commit'), '--commit', commit);
    expect(ok.code).toBe(0);
    expect(readRecord(join(dir, 'with-commit'), 'staging')?.current.commit).toBe(commit);
    const other = cli(...args, '--records-dir', join(dir, 'other-commit'), '--commit', 'f'.repeat(40));
    expect(other.code).toBe(1);
    expect(other.err).toContain(`--commit ${'f'.repeat(40)} is not commit 1a2b3c4`);
  });

  test('fails to record a dirty or unparsable version', () => {
    expect(cli('record', '--env', 'dev', '--version', `${V1}.dirty`, '--plan', convergedPlan).err).toContain(
      `refusing to record ${V1}.dirty for dev: built from a working tree with uncommitted changes`,
    );
    expect(cli('record', '--env', 'dev', '--version', '1.4', '--plan', convergedPlan).err).toContain(
      'version "1.4" does not parse',
    );
  });

  test('status reads the version from the state file and the record', () => {
    const r = cli('status', '--env', 'dev', '--state-file', join(dir, 'terraform.tfstate'), '--records-dir', records);
    expect(r.out).toContain(`dev runs ${V1} (stack_version output of ${join(dir, 'terraform.tfstate')})`);
    expect(r.out).toContain(`last convergence record: ${V1}`);
    // The version names commit 1a2b3c4, which this directory (no git) cannot resolve: said, not guessed.
    expect(r.out).toContain(`cannot compare dev with main: version ${V1}: no git repository`);
  });
});

describe('drift: the artifact an environment runs against its state (real Terraform, tools/ci/drift.sh)', () => {
  if (!hasTerraform) {
    test(inCi ? 'terraform is on PATH in CI' : 'skipped: terraform is not on PATH', () => {
      if (inCi) throw new Error('terraform is not on PATH');
    });
    return;
  }
  /** drift.sh on a stack directory holding `version`'s artifact over the state where V1 was applied. */
  const drift = (version: string, runs: string) => {
    const stack = join(dir, `drift-${version}`, 'stacks', 'identity-gateway-dev');
    mkdirSync(stack, { recursive: true });
    const backend = { local: { path: join(dir, 'terraform.tfstate') } };
    const json = { terraform: { backend }, output: { stack_version: { value: version } } };
    writeFileSync(join(stack, 'cdk.tf.json'), JSON.stringify(json));
    const summary = join(stack, '..', 'summary.md');
    const r = spawnSync('bash', [join(__dirname, '..', 'tools', 'ci', 'drift.sh'), stack, runs], {
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1', GITHUB_STEP_SUMMARY: summary },
    });
    return { status: r.status, summary: existsSync(summary) ? readFileSync(summary, 'utf8') : '' };
  };

  test('GIVEN dev runs V1 and nothing changed WHEN its own artifact is compared THEN there is no drift', () => {
    const r = drift(V1, V1);
    expect(r.summary).toContain(`No drift in identity-gateway-dev (${V1})`);
    expect(r.status).toBe(0);
  });

  test(
    "fails: main's artifact (V2, the old nightly check) changes stack_version alone; " + 'it is refused, not drift',
    () => {
      // What the old nightly job did: the refresh-only plan of main's artifact exits 2 on the output alone...
      const old = drift(V2, V2);
      expect(old.status).toBe(2);
      expect(old.summary).toContain('Outputs the comparison would change: `stack_version`');
      expect(old.summary).toContain(`the state holds the outputs of ${V1}`);
      // ...which is reported as a wrong comparison, never as drift; and the drift job compares V1's artifact
      expect(old.summary).not.toContain('Drift in');
      expect(drift(V2, V1).summary).toContain(`Not the artifact identity-gateway-dev runs`);
    },
  );
});

describe('reading the deployed version', () => {
  test('state files and terraform output -json: a version, never applied, or refused when not this stack', () => {
    expect(stackVersionOfState({ stack_version: { value: V1 } }, 'output')).toEqual({
      kind: 'version',
      version: V1,
      from: 'output',
    });
    expect(stackVersionOfState({}, 'output')).toEqual({ kind: 'never-applied', from: 'output' });
    expect(stackVersionOfState({ version: 4, outputs: {}, resources: [] }, 's')).toEqual({
      kind: 'never-applied',
      from: 's',
    });
  });

  test('fails on a state with resources but no stack_version output (applied before versioned releases)', () => {
    expect(() => stackVersionOfState({ version: 4, outputs: {}, resources: [{}] }, 'old.tfstate')).toThrow(
      'old.tfstate has no stack_version output: applied before versioned releases',
    );
  });
});

describe('promote-check', () => {
  let dirOf: (name: string) => string;
  beforeAll(() => {
    dirOf = (name) => join(dir, `promote-${name}`);
    writeRecord(dirOf('dev-v1'), rec('dev', V1, { stackSha256: 'a'.repeat(64) }));
    writeRecord(dirOf('staging'), rec('dev', V2));
    writeRecord(dirOf('staging'), rec('staging', V1));
  });

  test('GIVEN dev runs V1 converged WHEN V1 is promoted to staging THEN it may go ahead', () => {
    expect(promoteCheck(dirOf('dev-v1'), 'staging', V1)).toContain(`ok: dev runs ${V1} converged`);
    const r = cli('promote-check', '--env', 'staging', '--version', V1, '--records-dir', dirOf('dev-v1'));
    expect(r.code).toBe(0);
  });

  test('fails to promote a version dev never ran, naming what every environment runs', () => {
    const r = cli('promote-check', '--env', 'staging', '--version', V2, '--records-dir', dirOf('dev-v1'));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`refusing to promote ${V2} to staging: dev runs ${V1}, not ${V2}`);
    expect(r.err).toContain(
      `dev runs ${V1} (converged 2026-01-01T00:00:00.000Z); staging runs no recorded version; ` +
        'prod runs no recorded version',
    );
  });

  test('fails to promote to prod what staging does not run (staging, not dev, is what counts)', () => {
    expect(() => promoteCheck(dirOf('staging'), 'prod', V2)).toThrow(
      `refusing to promote ${V2} to prod: staging runs ${V1}, not ${V2}`,
    );
    expect(() => promoteCheck(dirOf('none'), 'staging', V1)).toThrow('dev has no convergence record');
    expect(() => promoteCheck(dirOf('none'), 'dev', V1)).toThrow('cannot promote to dev');
  });

  test('fails when the manifest is of another artifact than the one dev applied', () => {
    const manifest = {
      version: V1,
      stacks: { 'identity-gateway-dev': { sha256: 'b'.repeat(64) } },
    } as unknown as Manifest;
    expect(() => promoteCheck(dirOf('dev-v1'), 'staging', V1, manifest)).toThrow(
      `dev applied an artifact with sha256 ${'a'.repeat(64)}`,
    );
    const other = { ...manifest, version: V2 } as Manifest;
    expect(() => promoteCheck(dirOf('dev-v1'), 'staging', V1, other)).toThrow(`the manifest is for ${V2}`);
  });

  test('records keep the history, newest first', () => {
    const file = readRecord(dirOf('staging'), 'dev')!;
    expect(file.current.version).toBe(V2);
    writeRecord(dirOf('staging'), rec('dev', V1));
    expect(readRecord(dirOf('staging'), 'dev')!.history.map((h) => h.version)).toEqual([V2]);
  });
});

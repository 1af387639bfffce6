/**
 * Real Terraform on the AWS half: each environment as a gateway-only stack (no Okta resources, as when
 * another team runs the Okta org) goes through `terraform init -lockfile=readonly` (the committed lock
 * file; providers from a local mirror when there is one, else from the registry) and `terraform plan
 * -refresh=false` with fake credentials. Plan validates the configuration first (what `terraform validate`
 * checks fails the plan or shows as one of its diagnostics), so no separate validate runs: every
 * Terraform command loads the provider's schema, which is most of its cost. The okta provider binary
 * cannot be had offline, so the Okta half is covered by the generated types and the other tests. One
 * environment (the first) is initialized and planned as on a GitHub-hosted runner: CI=true, no mirror or
 * CLI config, a restored cache.
 *
 * In CI these tests must run: a missing terraform fails loudly. Elsewhere they skip, saying why.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../config/schema';
import { stackName } from '../domain/stack-names';
import { fixtureStackDir } from './support/fixture';
import { gatewayOnly } from './support/configs';
import {
  copyInit,
  initShared,
  plan,
  prepareForOfflinePlan,
  runnerSetup,
  terraform,
  terraformSetup,
  type PlanOutcome,
  type TerraformSetup,
} from './support/terraform';
import { OKTA_EVENT_WATCHES } from '../constructs/aws/audit-trail';

const setup = terraformSetup();
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const available = !('missing' in setup);

if (!available && inCi) {
  test('real Terraform is available in CI', () => {
    throw new Error(`Real-Terraform tests cannot run in CI: ${(setup as { missing: string }).missing}`);
  });
} else if (!available) {
  console.warn(`Skipping real-Terraform tests: ${(setup as { missing: string }).missing}`);
  test.skip('real Terraform (skipped: see warning)', () => undefined);
} else {
  const tf = setup as TerraformSetup;
  let outdir: string;
  const plans = {} as Record<EnvironmentName, PlanOutcome>;
  /** The runner's init, then the first environment's plan in its directory, awaited by the runner's test. */
  let runnerPlan: Promise<PlanOutcome>;
  const [runnerEnv, ...sharedEnvs] = ENVIRONMENT_NAMES;

  beforeAll(async () => {
    // GIVEN every environment as a gateway-only stack, as synthesized once per run (with its Lambda asset)
    outdir = mkdtempSync(join(tmpdir(), 'igw-tf-'));
    const dirOf = (env: EnvironmentName) => join(outdir, stackName(env));
    ENVIRONMENT_NAMES.forEach((env) => cpSync(fixtureStackDir(env, 'gateway-only'), dirOf(env), { recursive: true }));
    ENVIRONMENT_NAMES.map(dirOf).forEach(prepareForOfflinePlan);
    // The runner's init (in a fresh HOME of its own, as on a GitHub-hosted runner) is the only one: the other
    // environments get a copy of its .terraform (same providers, lock file and backend), since every init
    // costs a load of the provider. Without a local mirror this machine installs from the registry: it is
    // already in the runner's situation.
    const runner = tf.source === 'registry' ? tf : runnerSetup(join(outdir, 'runner-home'));
    const runnerDir = dirOf(runnerEnv);
    const runnerInit =
      'missing' in runner
        ? Promise.reject(new Error(`cannot reproduce the runner: ${runner.missing}`))
        : terraform(runner, runnerDir, 'init', '-input=false', '-lockfile=readonly');
    runnerPlan = runnerInit.then(() => plan(runner as TerraformSetup, runnerDir));
    runnerPlan.catch(() => undefined); // reported by the runner's test
    // If the runner cannot be reproduced, the others still get an init of their own.
    const initialized = runnerInit.then(
      () => copyInit(runnerDir, sharedEnvs.map(dirOf)),
      () => initShared(tf, sharedEnvs.map(dirOf)),
    );
    await initialized;
    // WHEN each is planned (all at once)
    const planned = await Promise.all(sharedEnvs.map((env) => plan(tf, dirOf(env))));
    sharedEnvs.forEach((env, i) => (plans[env] = planned[i]));
    plans[runnerEnv] = await runnerPlan.catch(() => ({
      changes: [],
      diagnostics: ['the runner failed: see its test'],
    }));
  }, 600000);

  test('GIVEN a GitHub-hosted runner (CI=true, no mirror or CLI config, the restored ' +
    'provider cache) WHEN init and plan run THEN both pass with the committed lock file', async () => {
    expect((await runnerPlan).diagnostics).toEqual([]);
  }, 300000);

  afterAll(() => {
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  describe.each(ENVIRONMENT_NAMES)('gateway-only identity-gateway-%s', (env) => {
    test("passes plan's validation (what terraform validate checks) with no diagnostics", () => {
      expect(plans[env].diagnostics).toEqual([]);
    });

    test('plans only creations, and the plan matches the snapshot', () => {
      expect(plans[env].changes.every((line) => line.startsWith('create '))).toBe(true);
      expect(plans[env].changes).toMatchSnapshot();
    });

    test('plans the API, its JWT authorizer, every configured route, the stage, logs and the handler', () => {
      const count = (type: string) => plans[env].changes.filter((l) => l.startsWith(`create ${type}.`)).length;
      expect(count('aws_apigatewayv2_api')).toBe(1);
      expect(count('aws_apigatewayv2_authorizer')).toBe(1);
      expect(count('aws_apigatewayv2_route')).toBe(gatewayOnly(env).gateway.routes.length);
      expect(count('aws_apigatewayv2_stage')).toBe(1);
      const audit = gatewayOnly(env).audit;
      const streams = audit?.oktaLogStream ? 1 : 0;
      expect(count('aws_cloudwatch_log_group')).toBe(2 + streams);
      expect(count('aws_lambda_function')).toBe(1);
      expect(count('aws_lambda_permission')).toBe(1);
      expect(plans[env].changes.some((l) => l.includes('okta_'))).toBe(false);
    });

    test(
      'plans the audit trail: alert topic, gateway alarms, ' +
        'dashboard, and the Okta event bus when a stream is configured',
      () => {
        const count = (type: string) => plans[env].changes.filter((l) => l.startsWith(`create ${type}.`)).length;
        const streams = gatewayOnly(env).audit?.oktaLogStream ? 1 : 0;
        expect(count('aws_sns_topic')).toBe(1);
        expect(count('aws_cloudwatch_metric_alarm')).toBe(3);
        expect(count('aws_cloudwatch_dashboard')).toBe(1);
        expect(count('aws_cloudwatch_event_bus')).toBe(streams);
        expect(count('aws_cloudwatch_event_rule')).toBe(streams * OKTA_EVENT_WATCHES.length);
      },
    );
  });
}

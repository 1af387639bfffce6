/**
 * Real Terraform on the AWS half: each environment as a gateway-only stack (no Okta resources, as when
 * another team runs the Okta org) goes through `terraform init -lockfile=readonly` (the committed lock
 * file; providers from a local mirror when there is one, else from the registry) and `terraform plan
 * -refresh=false` with fake credentials. Plan validates the configuration first (what `terraform validate`
 * checks fails the plan or shows as one of its diagnostics), so no separate validate runs: every
 * Terraform command loads the provider's schema, which is most of its cost. The okta provider binary
 * cannot be had offline, so the Okta half is covered by the generated types and the other tests. One
 * environment (the first) is initialized and planned as on a GitHub-hosted runner: CI=true, no mirror or
 * CLI config, a restored cache. One more plan adopts an existing resource through an import block.
 *
 * In CI these tests must run: a missing terraform fails loudly. Elsewhere they skip, saying why.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  /** Staging again, adopting its access log group (the import block stacks/imports.ts writes). */
  let adopted: PlanOutcome;
  let logs: Server | undefined;
  const logGroup = '/aws/apigateway/identity-gateway-staging/access';

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
    const adoptDir = await adoptingLogGroup(join(outdir, 'adopting'));
    copyInit(dirOf(sharedEnvs[0]), [adoptDir]);
    // WHEN each is planned (all at once)
    const planned = await Promise.all([...sharedEnvs.map((env) => plan(tf, dirOf(env))), plan(tf, adoptDir)]);
    sharedEnvs.forEach((env, i) => (plans[env] = planned[i]));
    adopted = planned[sharedEnvs.length];
    plans[runnerEnv] = await runnerPlan.catch(() => ({
      changes: [],
      diagnostics: ['the runner failed: see its test'],
    }));
  }, 600000);

  test('GIVEN a GitHub-hosted runner (CI=true, no mirror or CLI config, the restored ' +
    'provider cache) WHEN init and plan run THEN both pass with the committed lock file', async () => {
    expect((await runnerPlan).diagnostics).toEqual([]);
  }, 300000);

  /**
   * Gateway-only staging adopting its access log group: the import block stacks/imports.ts writes
   * (`import: [{ to, id }]`, imports.test.ts), the provider reading the log group from a stand-in of
   * CloudWatch Logs on 127.0.0.1 (JSON protocol, the provider's `endpoints`): nothing reaches AWS.
   */
  async function adoptingLogGroup(dir: string): Promise<string> {
    const server = createServer((req, res) => {
      const target = String(req.headers['x-amz-target']);
      req.resume().on('end', () => {
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        const arn = `arn:aws:logs:eu-west-1:222222222222:log-group:${logGroup}`;
        if (target.endsWith('.DescribeLogGroups'))
          res.end(JSON.stringify({ logGroups: [{ logGroupName: logGroup, arn: `${arn}:*`, retentionInDays: 7 }] }));
        else if (target.endsWith('.ListTagsForResource')) res.end(JSON.stringify({ tags: {} }));
        else res.writeHead(400).end(JSON.stringify({ __type: 'UnknownOperationException' }));
      });
    });
    logs = server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cpSync(fixtureStackDir('staging', 'gateway-only'), dir, { recursive: true });
    prepareForOfflinePlan(dir);
    const file = join(dir, 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const groups = Object.entries(json.resource.aws_cloudwatch_log_group) as [string, { name: string }][];
    const [name] = groups.find(([, g]) => g.name === logGroup)!;
    json.import = [{ id: logGroup, to: `aws_cloudwatch_log_group.${name}` }];
    json.provider.aws[0].endpoints = [{ logs: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }];
    writeFileSync(file, JSON.stringify(json));
    return dir;
  }

  test(
    'GIVEN an import block WHEN planned THEN Terraform 1.11 imports the existing log group ' + 'instead of creating it',
    () => {
      expect(adopted.diagnostics).toEqual([]);
      expect(adopted.changes).toContainEqual(
        expect.stringMatching(/^import\+(update|no-op) aws_cloudwatch_log_group\.Gateway_AccessLogs_/),
      );
      expect(adopted.changes.filter((c) => /^create aws_cloudwatch_log_group\.Gateway_AccessLogs_/.test(c))).toEqual(
        [],
      );
      // Everything else is created as in staging's own plan.
      expect(adopted.changes.length).toBe(plans.staging.changes.length);
    },
  );

  afterAll(() => {
    logs?.close();
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

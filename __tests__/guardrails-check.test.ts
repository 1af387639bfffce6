/**
 * The guardrails end to end: single-point mutations of the prod output are each caught by the expected
 * rule; suppressions; the synth hook; `npm run check` exit codes; `npm run rules` and docs/rules.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../config/environments';
import { parseEnvironmentConfig } from '../config/load';
import { rulesMarkdown } from '../guardrails/catalogue';
import { checkStack, failing, formatLine, SUPPRESSION_RULE_ID } from '../guardrails/engine';
import { checkAfterSynth } from '../guardrails/synth';
import { buildApp, synthesizeApp } from '../stacks/app';
import { StackModel } from '../synthesized/model';
import {
  allowRule,
  entry,
  modelOf,
  refTo,
  res,
  route,
  synthesizedDefaults,
  type Json,
  type Synthesized,
} from './support/guardrails';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'guardrails', 'cli.ts');

let outdir: string;
let json: Synthesized;

beforeAll(() => {
  ({ outdir, json } = synthesizedDefaults());
});

const accessRule = (j: Json, name: string) => res(j, 'okta_auth_server_policy_rule', '', (a) => a.name === name);

/** Single-point mutations of the prod output and the rule that must catch each. */
const MUTATIONS: [what: string, ruleId: string, edit: (j: Json) => void][] = [
  [
    "remove a route's authorization",
    'GW-01',
    (j) =>
      Object.assign(route(j, 'POST /payments'), {
        authorization_type: 'NONE',
        authorizer_id: undefined,
        authorization_scopes: undefined,
      }),
  ],
  ['a JWT route without scopes', 'GW-02', (j) => (route(j, 'GET /me').authorization_scopes = [])],
  [
    'a copied issuer string',
    'GW-04',
    (j) => (res(j, 'aws_apigatewayv2_authorizer').jwt_configuration.issuer = 'https://acme.okta.com/oauth2/default'),
  ],
  [
    "an app client_id in the authorizer's audience",
    'GW-05',
    (j) =>
      (res(j, 'aws_apigatewayv2_authorizer').jwt_configuration.audience = [
        refTo(j, 'okta_app_oauth', 'Apps_portal_', 'client_id'),
      ]),
  ],
  ['drop the access logs', 'GW-07', (j) => delete res(j, 'aws_apigatewayv2_stage').access_log_settings],
  [
    'drop the access-log KMS key',
    'GW-10',
    (j) => delete res(j, 'aws_cloudwatch_log_group', 'Gateway_AccessLogs').kms_key_id,
  ],
  ['a Lambda permission without source_arn', 'GW-11', (j) => delete res(j, 'aws_lambda_permission').source_arn],
  [
    "CORS '*' with credentials",
    'GW-15',
    (j) =>
      Object.assign(res(j, 'aws_apigatewayv2_api').cors_configuration, {
        allow_origins: ['*'],
        allow_credentials: true,
      }),
  ],
  [
    'an SPA with a client secret',
    'OK-01',
    (j) => (res(j, 'okta_app_oauth', 'Apps_portal_').token_endpoint_auth_method = 'client_secret_post'),
  ],
  [
    'an http redirect URI',
    'OK-03',
    (j) => (res(j, 'okta_app_oauth', 'Apps_portal_').redirect_uris = ['http://portal.example.com/login/callback']),
  ],
  [
    'static refresh tokens',
    'OK-04',
    (j) => (res(j, 'okta_app_oauth', 'Apps_mobile_').refresh_token_rotation = 'STATIC'),
  ],
  ['access token lifetime 1440', 'OK-05', (j) => (accessRule(j, 'Users').access_token_lifetime_minutes = 1440)],
  ["a '*' scope grant", 'OK-07', (j) => (accessRule(j, 'Payments operators').scope_whitelist = ['*'])],
  [
    'a policy for every client',
    'OK-08',
    (j) => (res(j, 'okta_auth_server_policy', 'AuthorizationServer_Policies_admin').client_whitelist = []),
  ],
  ['issuer_mode DYNAMIC', 'OK-11', (j) => (res(j, 'okta_auth_server').issuer_mode = 'DYNAMIC')],
  [
    'drop the phishing-resistant constraint',
    'MFA-01',
    (j) => (allowRule(j, 'high').constraints = [JSON.stringify({ possession: { userPresence: 'REQUIRED' } })]),
  ],
  [
    'the global session without MFA',
    'MFA-03',
    (j) => (res(j, 'okta_policy_rule_signon', '', (a) => a.access === 'ALLOW').mfa_required = false),
  ],
  [
    "a 'posession' typo in constraints",
    'MFA-04',
    (j) =>
      (allowRule(j, 'critical').constraints = [
        JSON.stringify({ posession: { phishingResistant: 'REQUIRED', deviceBound: 'REQUIRED' } }),
      ]),
  ],
  [
    'the blocklist deny rule moved last',
    'MFA-05',
    (j) => (res(j, 'okta_policy_rule_signon', '', (a) => a.access === 'DENY').priority = 3),
  ],
  [
    'payments:write granted to a standard-tier app',
    'MFA-06',
    (j) => accessRule(j, 'Users').scope_whitelist.push('payments:write'),
  ],
  [
    'a tier policy whose default rule allows',
    'MFA-11',
    (j) => (res(j, 'okta_app_signon_policy', '', (a) => a.name === 'Sign-on tier: critical').catch_all = true),
  ],
  ['drop use_lockfile', 'ST-02', (j) => delete j.terraform.backend.s3.use_lockfile],
  ['a provider version range', 'ST-03', (j) => (j.terraform.required_providers.okta.version = '>= 4.0')],
  ['drop allowed_account_ids', 'ST-04', (j) => delete j.provider.aws[0].allowed_account_ids],
];

describe('mutation test: single-point mutations of the prod output', () => {
  test('the unmutated prod output has no error findings', () => {
    expect(failing(checkStack(modelOf('prod', json.prod)).findings)).toEqual([]);
  });

  test.each(MUTATIONS)('%s is caught by %s', (_, ruleId, edit) => {
    const errors = failing(checkStack(modelOf('prod', json.prod, edit)).findings);
    expect(errors.map((f) => f.ruleId)).toContain(ruleId);
  });
});

describe('suppressions', () => {
  const suppressed = (suppressions: Json[]) =>
    checkStack(
      modelOf('prod', json.prod, (j) => {
        res(j, 'okta_auth_server').credentials_rotation_mode = 'MANUAL';
        accessRule(j, 'Users').access_token_lifetime_minutes = 120;
        j['//'].guardrails.suppressions = suppressions;
      }),
      { today: '2026-11-28' },
    );
  const ruleAddress = (j: Json) =>
    `okta_auth_server_policy_rule.${entry(j, 'okta_auth_server_policy_rule', '', (a) => a.name === 'Users')[0]}`;

  test('a suppressed finding is still shown, marked suppressed, and does not fail', () => {
    const address = ruleAddress(json.prod);
    const report = suppressed([
      { ruleId: 'OK-05', address, reason: 'Long-lived tokens for the 2026 migration window', expires: '2026-12-31' },
    ]);
    const finding = report.findings.find((f) => f.ruleId === 'OK-05')!;
    expect(finding.suppressed).toEqual({
      reason: 'Long-lived tokens for the 2026 migration window',
      expires: '2026-12-31',
    });
    expect(formatLine(finding)).toContain('suppressed');
    expect(failing(report.findings)).toEqual([]);
  });

  test('warns about a suppression that matches no finding', () => {
    const report = suppressed([
      { ruleId: 'GW-19', address: 'aws_cloudwatch_log_group.Gone', reason: 'Retention is managed centrally' },
    ]);
    expect(report.findings.filter((f) => f.ruleId === SUPPRESSION_RULE_ID).map((f) => [f.severity, f.message])).toEqual(
      [['warning', 'suppression of GW-19 matches no finding: remove it']],
    );
  });

  test('fails on an unknown rule id', () => {
    const report = suppressed([
      { ruleId: 'GW-99', address: ruleAddress(json.prod), reason: 'Nobody knows this rule at all' },
    ]);
    expect(failing(report.findings).map((f) => [f.ruleId, f.message])).toContainEqual([
      SUPPRESSION_RULE_ID,
      'suppression of GW-99: unknown rule id',
    ]);
  });

  test('fails on an expired suppression, and the finding is no longer suppressed', () => {
    const report = suppressed([
      {
        ruleId: 'OK-05',
        address: ruleAddress(json.prod),
        reason: 'Temporary during the migration',
        expires: '2026-11-27',
      },
    ]);
    expect(
      failing(report.findings)
        .map((f) => f.ruleId)
        .sort(),
    ).toEqual(['OK-05', SUPPRESSION_RULE_ID]);
  });

  test('fails on a missing reason (the engine, and the config schema)', () => {
    const report = suppressed([{ ruleId: 'OK-05', address: ruleAddress(json.prod), reason: '' }]);
    expect(failing(report.findings).map((f) => f.ruleId)).toContain(SUPPRESSION_RULE_ID);
    const parsed = parseEnvironmentConfig('prod', {
      ...ENVIRONMENTS.prod,
      suppressions: [{ ruleId: 'OK-05', address: 'x.y', reason: 'because' }],
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.path)).toEqual(['suppressions[0].reason']);
  });

  test("an environment's suppressions are recorded in its synthesized output", () => {
    const dir = mkdtempSync(join(tmpdir(), 'guardrails-suppressions-'));
    const entryConfig = {
      ruleId: 'GW-19',
      address: 'aws_cloudwatch_log_group.x',
      reason: 'Retention is managed centrally',
      expires: '2027-01-31',
    };
    const { app } = buildApp({
      environments: { prod: { ...ENVIRONMENTS.prod, suppressions: [entryConfig] } },
      version: '0.0.0-test',
      outdir: dir,
    });
    app.synth();
    const out = JSON.parse(readFileSync(join(dir, 'stacks', 'identity-gateway-prod', 'cdk.tf.json'), 'utf8'));
    expect(out['//'].guardrails.suppressions).toEqual([entryConfig]);
  });
});

describe('during synth', () => {
  const stack = (env: 'dev' | 'prod', j: Json) => new StackModel(`identity-gateway-${env}`, j);

  test('the default output passes (warnings at most)', () => {
    const result = checkAfterSynth(StackModel.loadDir(outdir));
    expect(result.failed).toBe(false);
    expect(result.failedStacks).toEqual([]);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('fails with a table when there is an error finding', () => {
    const mutated = structuredClone(json.prod);
    res(mutated, 'okta_auth_server').issuer_mode = 'DYNAMIC';
    const result = checkAfterSynth([stack('prod', mutated)]);
    expect(result.failed).toBe(true);
    // THEN main.ts removes that stack's output: nothing deployable is left for it
    expect(result.failedStacks).toEqual(['identity-gateway-prod']);
    expect(result.output).toMatch(/^Rule\s+Severity\s+Stack\s+Resource\s+Message\n/);
    expect(result.output).toContain('OK-11  error');
    expect(result.output).toContain('1 error(s)');
  });

  test("with cdktf synth --hcl (no cdk.tf.json on disk) the stack's own Terraform JSON is what gets checked", () => {
    const dir = mkdtempSync(join(tmpdir(), 'guardrails-hcl-'));
    const saved = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = 'true';
    let built: ReturnType<typeof buildApp>;
    try {
      built = buildApp({ environments: { dev: ENVIRONMENTS.dev }, version: '0.0.0-test', outdir: dir });
    } finally {
      if (saved === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = saved;
    }
    const { models } = synthesizeApp(built.app, ['identity-gateway-dev'], dir, { configs: built.configs });
    expect(readdirSync(join(dir, 'stacks', 'identity-gateway-dev'))).toContain('cdk.tf');
    expect(models.map((m) => m.json)).toEqual([built.stacks.dev.toTerraform()]);
    expect(checkAfterSynth(models).failed).toBe(false);
  });

  test('fails before publishing: a stack with a guardrail error never reaches the output, its old one goes', () => {
    // GIVEN an output holding an earlier dev stack, and dev with a suppression that expired long ago
    const dir = mkdtempSync(join(tmpdir(), 'guardrails-staged-'));
    mkdirSync(join(dir, 'stacks', 'identity-gateway-dev'), { recursive: true });
    writeFileSync(join(dir, 'stacks', 'identity-gateway-dev', 'cdk.tf.json'), '{}');
    const expired = { ruleId: 'GW-01', address: 'x.y', reason: 'expired long ago', expires: '2020-01-01' };
    const dev = { ...ENVIRONMENTS.dev, suppressions: [expired] };
    const built = buildApp({ environments: { dev }, version: '0.0.0-test', outdir: dir, staged: true });
    // WHEN it is synthesized as npm run synth does, guardrails on
    const written = synthesizeApp(built.app, ['identity-gateway-dev'], dir, {
      configs: built.configs,
      guardrails: true,
    });
    // THEN the verdict names it, and nothing of it is left to deploy
    expect(written.guardrails!.failedStacks).toEqual(['identity-gateway-dev']);
    expect(written.models).toEqual([]);
    expect(readdirSync(join(dir, 'stacks'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).stacks).toEqual({});
  });

  test('prints warnings without failing', () => {
    const mutated = structuredClone(json.dev);
    delete res(mutated, 'aws_cloudwatch_log_group', 'Handlers_').retention_in_days;
    const result = checkAfterSynth([stack('dev', mutated)]);
    expect(result.failed).toBe(false);
    expect(result.output).toContain('GW-19  warning');
  });
});

describe('npm run check and npm run rules', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['-r', join(ROOT, 'tools', 'register.js'), CLI, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });

  test('check exits 0 on the default output', () => {
    const r = run('check', '--dir', outdir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/3 stack\(s\), \d+ finding\(s\), 0 failing error\(s\)/);
    // One line per finding: rule id, severity, stack, resource address, message.
    for (const line of r.stdout.trim().split('\n').slice(0, -1))
      expect(line).toMatch(/^[A-Z]+-\d{2} {2}(error|warning)\S* .*identity-gateway-\w+ {2}\S+ {2}\S/);
  });

  test('check exits 1 on mutated output and names every expected rule (--json)', () => {
    // All mutations at once (one process), except dropping the access logs, which would hide GW-10.
    const combined = MUTATIONS.filter(([, id]) => id !== 'GW-07');
    const mutated = structuredClone(json.prod);
    for (const [, , edit] of combined) edit(mutated);
    const dir = mkdtempSync(join(tmpdir(), 'guardrails-mutated-'));
    mkdirSync(join(dir, 'stacks', 'identity-gateway-prod'), { recursive: true });
    writeFileSync(join(dir, 'stacks', 'identity-gateway-prod', 'cdk.tf.json'), JSON.stringify(mutated));
    const r = run('check', '--dir', dir, '--json');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as {
      findings: { ruleId: string; severity: string; stack: string; address: string; message: string }[];
    };
    const ids = new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId));
    for (const [, ruleId] of combined) expect([ruleId, ids.has(ruleId)]).toEqual([ruleId, true]);
    for (const f of report.findings) expect(f.stack).toBe('identity-gateway-prod');
  });

  test('docs/rules.md carries the table `npm run rules` prints', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.rules).toBe('node -r ./tools/register.js guardrails/cli.ts rules');
    const readme = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    const table = readme.split('<!-- generated:rules:start -->\n')[1]?.split('<!-- generated:rules:end -->')[0];
    expect(table).toBe(rulesMarkdown());
  });
});

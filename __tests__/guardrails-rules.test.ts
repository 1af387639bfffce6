/**
 * Every guardrail rule: compliant on a default environment, non-compliant on single-point edits of
 * the synthesized JSON ("fails when ..."). The defaults produce no error findings, and docs/guardrails.md lists
 * exactly the warnings they produce.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENVIRONMENT_NAMES } from '../config/schema';
import { RULES, ruleById } from '../guardrails/catalogue';
import { checkStack, failing, formatLine } from '../guardrails/engine';
import { CASES } from './support/guardrail-cases';
import { modelOf, res, route, synthesizedDefaults, type Json, type Synthesized } from './support/guardrails';
import { synthesizedJson } from './support/fixture';

let json: Synthesized;
let external: Json;

beforeAll(() => {
  // GIVEN the default environments as `npm run synth` writes them (synthesized once per run)
  json = synthesizedDefaults().json;
  // AND staging in gateway-only mode (identity.mode = external)
  external = synthesizedJson('staging', 'gateway-only');
});

describe('the catalogue', () => {
  test('has at least 30 rules with unique ids, each in its own file named after the rule', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    const files = readdirSync(join(__dirname, '..', 'guardrails', 'rules'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(RULES.map((r) => r.name).sort()).toEqual(files.sort());
  });

  test.each(RULES.map((r) => [r.id, r] as const))('%s states its severity, title, why, source and fix', (_, rule) => {
    expect(['error', 'warning']).toContain(rule.severity);
    for (const text of [rule.title, rule.why, rule.source, rule.fix]) expect(text.trim().length).toBeGreaterThan(10);
  });

  test('every rule has a compliant and at least one failing case', () => {
    expect(Object.keys(CASES).sort()).toEqual(RULES.map((r) => r.id).sort());
  });
});

describe.each(RULES.map((r) => [r.id, r.name] as const))('%s %s', (id) => {
  const rule = ruleById(id)!;
  const c = CASES[id];

  test(`is compliant on the default ${c.compliant.env} stack${c.compliant.edit ? ' (made applicable)' : ''}`, () => {
    // WHEN the rule checks the stack THEN it is compliant
    expect(rule.check(modelOf(c.compliant.env, json[c.compliant.env], c.compliant.edit))).toEqual({
      status: 'compliant',
    });
  });

  test.each(c.fails.map((f) => [f.when, f] as const))('fails when %s', (_, f) => {
    const result = rule.check(modelOf(f.env, json[f.env], f.edit));
    expect(result.status).toBe('non-compliant');
    if (result.status !== 'non-compliant') return;
    expect(result.findings.length).toBeGreaterThan(0);
    for (const finding of result.findings) {
      expect(finding.address).toMatch(/\S/);
      expect(finding.message).toMatch(/\S/);
    }
  });
});

describe('rules without their resources', () => {
  test('the MFA rollout rules are not applicable to a stack without Okta sign-on resources', () => {
    const gatewayOnly = modelOf('prod', json.prod, (j) => {
      for (const block of [j.resource, j.data])
        for (const type of Object.keys(block)) if (type.startsWith('okta_')) delete block[type];
      delete j['//'].guardrails.scopeAssurance;
      delete j['//'].guardrails.breakGlass;
    });
    const statuses = checkStack(gatewayOnly).statuses;
    for (const id of RULES.filter((r) => r.id.startsWith('MFA-')).map((r) => r.id))
      expect([id, statuses[id]]).toEqual([id, 'not-applicable']);
  });
});

describe('gateway-only stacks (external issuer)', () => {
  const gatewayRules = ['GW-03', 'GW-04', 'GW-05'];

  test('the issuer, audience and route scopes are checked against the configured external issuer', () => {
    const report = checkStack(modelOf('staging', external));
    expect(gatewayRules.map((id) => [id, report.statuses[id]])).toEqual(gatewayRules.map((id) => [id, 'compliant']));
    expect(failing(report.findings)).toEqual([]);
  });

  test('fails when a route requires a scope the external server does not define', () => {
    expect(
      ruleById('GW-03')!.check(
        modelOf('staging', external, (j) => (route(j, 'GET /me').authorization_scopes = ['profile:write'])),
      ).status,
    ).toBe('non-compliant');
  });

  test('fails when the issuer or audience differ from the configured ones', () => {
    const edited = (edit: (j: Json) => void) => modelOf('staging', external, edit);
    expect(
      ruleById('GW-04')!.check(
        edited(
          (j) => (res(j, 'aws_apigatewayv2_authorizer').jwt_configuration.issuer = 'https://evil.example.com/oauth2/x'),
        ),
      ).status,
    ).toBe('non-compliant');
    expect(
      ruleById('GW-05')!.check(
        edited((j) => (res(j, 'aws_apigatewayv2_authorizer').jwt_configuration.audience = ['0oa1abcdefghijklmnop'])),
      ).status,
    ).toBe('non-compliant');
  });
});

describe('the default environments', () => {
  test.each(ENVIRONMENT_NAMES.map((e) => [e] as const))('%s has no error findings', (env) => {
    const report = checkStack(modelOf(env, json[env]));
    expect(failing(report.findings).map(formatLine)).toEqual([]);
  });

  test('docs/guardrails.md lists exactly the warnings they produce', () => {
    const warnings = ENVIRONMENT_NAMES.flatMap((env) =>
      checkStack(modelOf(env, json[env])).findings.filter((f) => f.severity === 'warning'),
    );
    const readme = readFileSync(join(__dirname, '..', 'docs', 'guardrails.md'), 'utf8');
    const block =
      readme.split('<!-- guardrails-warnings:start -->')[1]?.split('<!-- guardrails-warnings:end -->')[0]?.trim() ?? '';
    const expected =
      warnings.length === 0
        ? 'None: dev, staging and prod synthesize with no error and no warning findings.'
        : warnings.map((f) => `- \`${f.ruleId}\` ${f.stack} \`${f.address}\`: ${f.message}`).join('\n');
    expect(block).toBe(expected);
  });
});

/**
 * Provider conformance (OKC rules, guardrails/conformance/): every rule is compliant on a fixed default
 * environment and flags the old, wrong values of issue 10; a "second plan" feeds every okta_* resource
 * of the three environments (and of a benchmark-generated config) through its read-back model and
 * finds no difference; every okta_* type the stacks emit has a read-back model and a validator rule.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConfig } from '../bench/generate';
import { ENVIRONMENT_NAMES } from '../config/schema';
import { ruleById } from '../guardrails/catalogue';
import { CONFORMANCE_RULES } from '../guardrails/conformance/catalogue';
import { differences, READ_BACK, secondPlan, type ReadBackModel } from '../guardrails/conformance/read-back';
import { checkStack, formatLine } from '../guardrails/engine';
import { StackModel } from '../synthesized/model';
import { buildApp } from '../stacks/app';
import { CONFORMANCE_CASES } from './support/conformance-cases';
import { describeRuleTable, modelOf, synthesizedDefaults, type Json, type Synthesized } from './support/guardrails';

let json: Synthesized;
let generated: StackModel;

beforeAll(() => {
  // GIVEN the default environments, synthesized once the way `npm run synth` does
  json = synthesizedDefaults().json;
  // AND a benchmark-generated prod config (more apps, groups and routes), synthesized the same way
  const outdir = mkdtempSync(join(tmpdir(), 'conformance-bench-'));
  buildApp({
    environments: { prod: generateConfig({ routes: 30, apps: 6, groups: 12 }) },
    version: '0.0.0-test',
    outdir,
  }).app.synth();
  generated = StackModel.fromFile(
    join(outdir, 'stacks', 'identity-gateway-prod', 'cdk.tf.json'),
    'identity-gateway-prod',
  );
});

const oktaResources = (m: StackModel) => m.all().filter((r) => r.mode === 'resource' && r.type.startsWith('okta_'));
const conformanceFindings = (m: StackModel) => checkStack(m, { rules: CONFORMANCE_RULES }).findings.map(formatLine);

describe('the conformance catalogue', () => {
  test('has OKC-nn ids, each rule in its own file under guardrails/conformance/rules named after it', () => {
    expect(CONFORMANCE_RULES.every((r) => /^OKC-\d{2}$/.test(r.id))).toBe(true);
    expect(new Set(CONFORMANCE_RULES.map((r) => r.id)).size).toBe(CONFORMANCE_RULES.length);
    const files = readdirSync(join(__dirname, '..', 'guardrails', 'conformance', 'rules')).map((f) =>
      f.replace(/\.ts$/, ''),
    );
    expect(CONFORMANCE_RULES.map((r) => r.name).sort()).toEqual(files.sort());
  });

  test.each(CONFORMANCE_RULES.map((r) => [r.id, r] as const))(
    '%s cites the provider source with a line, and is in the shared catalogue',
    (id, rule) => {
      expect(rule.source).toMatch(/\.(go|yaml|ts):\d+/);
      for (const text of [rule.title, rule.why, rule.fix]) expect(text.trim().length).toBeGreaterThan(10);
      expect(ruleById(id)).toBe(rule);
    },
  );

  test('every rule has a compliant and at least one failing case', () => {
    expect(Object.keys(CONFORMANCE_CASES).sort()).toEqual(CONFORMANCE_RULES.map((r) => r.id).sort());
  });
});

describeRuleTable(CONFORMANCE_RULES, CONFORMANCE_CASES, () => json, {
  compliantTitle: (c) => `is compliant on the ${c.env} stack in the form issue 10 asks for`,
  address: /^(data\.)?okta_\w+\.\S+/,
});

describe('the second plan', () => {
  test.each(ENVIRONMENT_NAMES.map((e) => [e] as const))(
    '%s: every okta_* resource reads back exactly as planned',
    (env) => {
      // GIVEN every okta_* resource of the synthesized environment
      const resources = oktaResources(modelOf(env, json[env]));
      expect(resources.length).toBeGreaterThan(30);
      // WHEN each goes through its type's read-back model THEN nothing differs and no type lacks a model
      const missing = resources.filter((r) => !READ_BACK[r.type]).map((r) => r.type);
      expect([...new Set(missing)]).toEqual([]);
      expect(resources.flatMap((r) => secondPlan(r) ?? [])).toEqual([]);
    },
  );

  test('a device assurance rule states managed = false (the provider sends it with registered): a clean plan', () => {
    // GIVEN prod's app sign-on rules that require device assurance: registered, and managed stated as the org
    // declares (no device management: false)
    const rules = oktaResources(modelOf('prod', json.prod)).filter(
      (r) => r.type === 'okta_app_signon_policy_rule' && r.attrs.device_is_registered === true,
    );
    expect(rules.length).toBeGreaterThan(0);
    const model = READ_BACK.okta_app_signon_policy_rule;
    for (const rule of rules) {
      expect(rule.attrs.device_is_managed).toBe(false);
      // THEN the second plan is clean, under SDKv2's and under the framework's comparison alike: nothing is left to
      // a value the provider fills in
      expect(secondPlan(rule)).toEqual([]);
      expect(differences(rule, { ...model, framework: true })).toEqual([]);
    }
  });

  test('GIVEN the old form (registered, managed unset) THEN it reads back managed = false: clean in SDKv2 only', () => {
    const rule = oktaResources(
      modelOf('prod', json.prod, (j) => {
        for (const r of Object.values(j.resource.okta_app_signon_policy_rule as Record<string, any>))
          delete r.device_is_managed;
      }),
    ).find((r) => r.type === 'okta_app_signon_policy_rule' && r.attrs.device_is_registered === true)!;
    expect(secondPlan(rule)).toEqual([]);
    expect(
      differences(rule, { ...READ_BACK.okta_app_signon_policy_rule, framework: true }).map((d) => [
        d.attribute,
        d.readBack,
      ]),
    ).toEqual([['device_is_managed', false]]);
  });

  test(
    'fails (the old form) for identity_provider "" where the org has the condition: it reads back as ANY on ' +
      'every plan; clean where the org declares none',
    () => {
      const ruleOf = (env: 'dev' | 'prod', edit: (j: any) => void) =>
        oktaResources(modelOf(env, json[env], edit)).find((r) => r.type === 'okta_policy_rule_signon')!;
      const empty = (j: any) => {
        for (const r of Object.values(j.resource.okta_policy_rule_signon as Record<string, any>))
          r.identity_provider = '';
      };
      const org = { riskScoring: true, identityProviderConditions: true, deviceManagement: false };
      expect((secondPlan(ruleOf('prod', empty), org) ?? []).map((d) => [d.attribute, d.planned, d.readBack])).toEqual([
        ['identity_provider', '', 'ANY'],
      ]);
      // The same rule in an org that declares no identity-provider conditions: nothing sent, nothing returned.
      expect(secondPlan(ruleOf('prod', empty), { ...org, identityProviderConditions: false })).toEqual([]);
      // And the synthesized stacks send ANY: clean under their own declarations.
      const rule = ruleOf('dev', () => undefined);
      expect(rule.attrs.identity_provider).toBe('ANY');
      expect(secondPlan(rule, modelOf('dev', json.dev).declarations.org)).toEqual([]);
    },
  );

  test('fails on a value read back where none was planned, except an SDKv2 zero value', () => {
    const group = oktaResources(modelOf('dev', json.dev)).find((r) => r.type === 'okta_group')!;
    const reading = (value: string | number | boolean): ReadBackModel => ({
      defaults: {},
      readBack: (p) => ({ ...p, extra: value }),
      source: 's',
    });
    expect(differences(group, reading(false))).toEqual([]);
    expect(differences(group, reading(0))).toEqual([]);
    expect(differences(group, reading(''))).toEqual([]);
    expect(differences(group, reading(true)).map((d) => d.attribute)).toEqual(['extra']);
    expect(differences(group, { ...reading(false), framework: true }).map((d) => d.attribute)).toEqual(['extra']);
  });

  test('fails when an okta_* type has no read-back model', () => {
    const m = modelOf('dev', json.dev, (j: Json) => (j.resource.okta_group_rule = { Rule: { name: 'x' } }));
    expect(secondPlan(m.get('okta_group_rule.Rule')!)).toBeUndefined();
    expect(
      conformanceFindings(m).some(
        (f) => f.startsWith('OKC-12') && f.includes('okta_group_rule has no read-back model'),
      ),
    ).toBe(true);
  });

  test('accepts authenticator settings in the form the API returns them', () => {
    // GIVEN Email as a recovery-only authenticator with its token lifetime, and Okta Verify with FIPS stated
    const m = modelOf('prod', json.prod, (j: Json) => {
      for (const a of Object.values(j.resource.okta_authenticator as Record<string, Json>)) {
        if (a.key === 'okta_email') a.settings = JSON.stringify({ allowedFor: 'recovery', tokenLifetimeInMinutes: 5 });
      }
    });
    // THEN they read back as planned
    const authenticators = oktaResources(m).filter((r) => r.type === 'okta_authenticator');
    expect(authenticators.flatMap((r) => secondPlan(r) ?? [])).toEqual([]);
  });

  test('fails on each old form of issue 10 (constraints, Okta Verify settings, RESOURCE claim)', () => {
    const m = modelOf('prod', json.prod, (j: Json) => {
      for (const r of Object.values(j.resource.okta_app_signon_policy_rule as Record<string, Json>)) {
        r.constraints = r.constraints?.map((c: string) =>
          JSON.stringify({ possession: { ...JSON.parse(c).possession, required: undefined } }),
        );
      }
      for (const a of Object.values(j.resource.okta_authenticator as Record<string, Json>))
        if (a.key === 'okta_verify') a.settings = '{"userVerification":"REQUIRED"}';
      for (const c of Object.values(j.resource.okta_auth_server_claim as Record<string, Json>))
        c.always_include_in_token = false;
    });
    const attributes = oktaResources(m)
      .flatMap((r) => secondPlan(r) ?? [])
      .map((d) => d.attribute);
    expect(new Set(attributes)).toEqual(new Set(['constraints', 'settings', 'always_include_in_token']));
  });
});

describe('every okta_* type the project emits', () => {
  const types = () =>
    [...new Set(ENVIRONMENT_NAMES.flatMap((e) => oktaResources(modelOf(e, json[e])).map((r) => r.type)))].sort();

  test('has a read-back model and a validator rule that applies to it', () => {
    for (const type of types()) {
      // GIVEN a stack holding only this okta type
      const only = modelOf('prod', json.prod.resource[type] ? json.prod : json.dev, (j: Json) => {
        for (const t of Object.keys(j.resource)) if (t !== type) delete j.resource[t];
      });
      const statuses = checkStack(only, { rules: CONFORMANCE_RULES.filter((r) => r.id !== 'OKC-12') }).statuses;
      expect([type, Object.values(statuses).some((s) => s !== 'not-applicable')]).toEqual([type, true]);
      expect([type, READ_BACK[type] !== undefined]).toEqual([type, true]);
    }
  });
});

describe('every okta_* resource type the constructs can emit', () => {
  test('has a read-back model (from the deep provider imports of constructs/okta and stacks)', () => {
    // GIVEN every `@cdktf/provider-okta/lib/<type>` the constructs and the stack import (resources only)
    const imported = ['constructs/okta', 'stacks'].flatMap((dir) =>
      readdirSync(join(__dirname, '..', dir))
        .filter((f) => f.endsWith('.ts'))
        .flatMap((f) => [
          ...readFileSync(join(__dirname, '..', dir, f), 'utf8').matchAll(/provider-okta\/lib\/([a-z0-9-]+)'/g),
        ])
        .map((m) => m[1])
        .filter((lib) => lib !== 'provider' && !lib.startsWith('data-'))
        .map((lib) => `okta_${lib.replace(/-/g, '_')}`),
    );
    expect(imported.length).toBeGreaterThan(15);
    // THEN each has a read-back model
    expect([...new Set(imported)].filter((type) => !READ_BACK[type])).toEqual([]);
  });
});

describe('zero conformance findings', () => {
  test.each(ENVIRONMENT_NAMES.map((e) => [e] as const))('%s synthesizes with no conformance finding', (env) => {
    expect(conformanceFindings(modelOf(env, json[env]))).toEqual([]);
  });

  test('a benchmark-generated config synthesizes with no conformance finding', () => {
    expect(oktaResources(generated).length).toBeGreaterThan(oktaResources(modelOf('prod', json.prod)).length);
    expect(conformanceFindings(generated)).toEqual([]);
    expect(oktaResources(generated).flatMap((r) => secondPlan(r) ?? [])).toEqual([]);
  });

  test('docs/rules.md lists the conformance rules in its rules table', () => {
    const readme = readFileSync(join(__dirname, '..', 'docs', 'rules.md'), 'utf8');
    for (const r of CONFORMANCE_RULES) expect(readme).toContain(`| ${r.id} | ${r.severity} |`);
  });
});

/**
 * The declarations contract (synthesized/declarations.ts): the stack records its environment, each
 * sign-on policy's tier, public routes, suppressions, assurance and rollout under `//`, and every reader
 * takes them from there; nothing parses stack names or guesses tiers from policy names.
 */
import { ENVIRONMENT_NAMES } from '../config/schema';
import { stackName } from '../domain/stack-names';
import { SIGN_ON_TIERS } from '../domain/okta/sign-on-constraints';
import { readDeclarations, DECLARATIONS_KEY } from '../synthesized/declarations';
import { tierOf } from '../synthesized/facts';
import { StackModel } from '../synthesized/model';
import { entry, modelOf, synthesizedDefaults, type Synthesized } from './support/guardrails';

let json: Synthesized;
beforeAll(() => {
  json = synthesizedDefaults().json;
});

describe.each(ENVIRONMENT_NAMES)('GIVEN the synthesized %s stack', (env) => {
  test('THEN it declares its environment, and the model reads it from there', () => {
    expect(json[env]['//'][DECLARATIONS_KEY].environment).toBe(env);
    expect(modelOf(env, json[env]).environment).toBe(env);
  });

  test('THEN every tier has exactly one declared sign-on policy, and each address is a policy of the stack', () => {
    const model = modelOf(env, json[env]);
    const tiers = model.declarations.policyTiers;
    expect(Object.values(tiers).sort()).toEqual([...SIGN_ON_TIERS].sort());
    for (const address of Object.keys(tiers)) expect(model.get(address)?.type).toBe('okta_app_signon_policy');
  });
});

test('the environment comes from the declarations, not the stack name', () => {
  // GIVEN the prod JSON loaded under a name that is not identity-gateway-<env>
  const model = new StackModel('any-name-at-all', json.prod);
  // THEN it is still prod
  expect(model.environment).toBe('prod');
});

test('a policy keeps its declared tier whatever its name says, and an undeclared policy has none', () => {
  // GIVEN the high tier's policy renamed so its name suggests another tier, and a new policy called "critical"
  const model = modelOf('prod', json.prod, (j) => {
    const [, high] = entry(j, 'okta_app_signon_policy', '', (a) => a.name === 'Sign-on tier: high');
    high.name = 'Sign-on tier: standard';
    high.description = 'standard';
    j.resource.okta_app_signon_policy.extra = { name: 'critical', description: 'critical' };
  });
  const [highName] = entry(json.prod, 'okta_app_signon_policy', '', (a) => a.name === 'Sign-on tier: high');
  // THEN the declared tier wins and the undeclared policy is untiered
  expect(tierOf(model, model.get(`okta_app_signon_policy.${highName}`)!)).toBe('high');
  expect(tierOf(model, model.get('okta_app_signon_policy.extra')!)).toBeUndefined();
});

test('JSON without a declarations block reads as empty, with no environment', () => {
  const d = readDeclarations(stackName('dev'), { resource: {} });
  expect(d).toEqual({ policyTiers: {}, publicRoutes: {}, suppressions: [], scopeAssurance: {}, passwordPolicy: {} });
  expect(new StackModel(stackName('prod'), {}).environment).toBeUndefined();
});

test('fails: a block written before the contract (no environment) names the stack and says to synthesize again', () => {
  // GIVEN a stack synthesized by an older version: a // guardrails block without environment
  const legacy = structuredClone(json.prod);
  delete legacy['//'][DECLARATIONS_KEY].environment;
  // THEN reading it fails clearly instead of guessing prod from the name
  expect(() => new StackModel(stackName('prod'), legacy).environment).toThrow(
    /identity-gateway-prod: .*names no environment.*synthesize it again/,
  );
});

test('an unknown tier is not read as a tier; an unknown scope assurance is kept so the rules can flag it', () => {
  const d = readDeclarations('s', {
    '//': {
      [DECLARATIONS_KEY]: {
        environment: 'dev',
        policyTiers: { 'okta_app_signon_policy.a': 'hihg' },
        scopeAssurance: { x: 'mfaa' },
      },
    },
  });
  expect(d.policyTiers).toEqual({});
  expect(d.scopeAssurance).toEqual({ x: 'mfaa' });
});

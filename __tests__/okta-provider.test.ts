/**
 * The okta provider block: OAuth scopes derived from the stack's own okta resource types, rate-limit and
 * retry settings written explicitly (ranges from terraform-provider-okta v4.20.0 okta/provider.go:197-242),
 * and no credential of any kind in the synthesized output.
 */
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../config/schema';
import { OKTA_API_SCOPES_BY_TYPE, oktaApiScopes } from '../stacks/okta-api-scopes';
import { stackJson, synthesizedJson } from './support/fixture';
import { compliant, ruleResults } from './support/guardrails';
import { configFor, problemsOf } from './support/configs';
import { synthStack } from './support/synth';
import type { TfJson } from './support/tf-json';

const synthesized = {} as Record<EnvironmentName, TfJson>;
let tuned: TfJson;

beforeAll(() => {
  // GIVEN each default environment, synthesized once per run
  for (const env of ENVIRONMENT_NAMES) synthesized[env] = stackJson(env);
  tuned = synthStack(
    'staging',
    configFor('staging', (c) => {
      c.okta.provider = {
        maxApiCapacity: 30,
        maxRetries: 8,
        minWaitSeconds: 10,
        maxWaitSeconds: 120,
        requestTimeoutSeconds: 90,
      };
    }),
  );
});

const oktaTypes = (json: TfJson) =>
  [...Object.keys(json.resource), ...Object.keys(json.data ?? {})].filter((t) => t.startsWith('okta_'));

describe.each(ENVIRONMENT_NAMES)('identity-gateway-%s okta provider', (env) => {
  test('requests exactly the scopes its okta resource types need, no more', () => {
    // GIVEN the environment's synthesized stack WHEN its okta provider block is read
    const provider = synthesized[env].provider!.okta[0];
    // THEN the scopes are the union of what each resource type needs (a manage scope covering read)
    const expected = new Set(oktaTypes(synthesized[env]).flatMap((t) => OKTA_API_SCOPES_BY_TYPE[t]));
    for (const s of [...expected])
      if (s.endsWith('.read') && expected.has(s.replace(/\.read$/, '.manage'))) expected.delete(s);
    expect(provider.scopes).toEqual([...expected].sort());
    expect(provider.scopes.every((s: string) => /^okta\.[a-zA-Z]+\.(manage|read)$/.test(s))).toBe(true);
    expect(provider.scopes).not.toContain('okta.users.manage');
  });

  test('sets max_api_capacity 50 and the retry / back-off settings explicitly', () => {
    expect(synthesized[env].provider!.okta[0]).toMatchObject({
      max_api_capacity: 50,
      backoff: true,
      min_wait_seconds: 30,
      max_wait_seconds: 300,
      max_retries: 5,
      request_timeout: 60,
    });
  });

  test('carries no credential: no token, client id or key in the provider block', () => {
    expect(ruleResults(env, synthesizedJson(env), ['ST-07'])).toEqual(compliant(['ST-07']));
    expect(synthesized[env].provider!.okta[0]).not.toHaveProperty('client_id');
  });
});

test('GIVEN provider settings in config WHEN synthesized THEN the provider uses them', () => {
  expect(tuned.provider!.okta[0]).toMatchObject({
    max_api_capacity: 30,
    max_retries: 8,
    min_wait_seconds: 10,
    max_wait_seconds: 120,
    request_timeout: 90,
  });
});

test('a gateway-only stack has no okta provider and so no scopes', () => {
  expect(stackJson('dev', 'gateway-only').provider?.okta).toBeUndefined();
});

test('fails on an okta type without a known scope, naming the type and the table', () => {
  expect(() => oktaApiScopes(['okta_group', 'okta_user'])).toThrow(/okta_user.*OKTA_API_SCOPES_BY_TYPE/);
});

describe("fails on provider settings outside the provider's ranges", () => {
  test.each([
    ['maxApiCapacity', 0],
    ['maxApiCapacity', 101],
    ['maxRetries', 101],
    ['requestTimeoutSeconds', 301],
    ['minWaitSeconds', 0],
  ])('fails: okta.provider.%s = %p', (field, value) => {
    const problems = problemsOf(
      'prod',
      configFor('prod', (c) => {
        c.okta.provider = { [field]: value };
      }),
    );
    expect(problems).toEqual([expect.objectContaining({ environment: 'prod', path: `okta.provider.${field}` })]);
  });

  test('fails: minWaitSeconds above maxWaitSeconds', () => {
    const problems = problemsOf(
      'dev',
      configFor('dev', (c) => {
        c.okta.provider = { minWaitSeconds: 200, maxWaitSeconds: 100 };
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'okta.provider.minWaitSeconds',
        message: expect.stringMatching(/maxWaitSeconds/),
      }),
    ]);
  });

  test('fails: a string where a boolean belongs', () => {
    const problems = problemsOf(
      'staging',
      configFor('staging', (c) => {
        c.okta.provider = { backoff: 'false' };
      }),
    );
    expect(problems).toEqual([expect.objectContaining({ path: 'okta.provider.backoff', received: '"false"' })]);
  });
});

/**
 * The okta provider block: rate-limit and retry settings written explicitly (ranges from
 * terraform-provider-okta v4.20.0 okta/provider.go:197-242), no credential of any kind and no OAuth scopes
 * in the synthesized output; the scopes, derived from the stack's own okta resource types, are recorded
 * under `//` as a write set (apply) and a read set (plan, drift) that each job passes as OKTA_API_SCOPES.
 */
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../config/schema';
import { OKTA_API_SCOPES_BY_TYPE, oktaApiScopes } from '../stacks/okta-api-scopes';
import { readOktaApiScopes } from '../release/okta-scopes';
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
  test('records exactly the scopes its okta resource types need to write, no more', () => {
    // GIVEN the environment's synthesized stack WHEN the scopes it records are read
    const { write } = readOktaApiScopes(env, synthesizedJson(env))!;
    // THEN the write set is the union of what each resource type needs (a manage scope covering read)
    const expected = new Set(oktaTypes(synthesized[env]).flatMap((t) => OKTA_API_SCOPES_BY_TYPE[t]));
    for (const s of [...expected])
      if (s.endsWith('.read') && expected.has(s.replace(/\.read$/, '.manage'))) expected.delete(s);
    expect(write).toEqual([...expected].sort());
    expect(write.every((s: string) => /^okta\.[a-zA-Z]+\.(manage|read)$/.test(s))).toBe(true);
    expect(write).not.toContain('okta.users.manage');
  });

  test('records a read set for plan and drift: the okta.*.read scope of every write scope, nothing that writes', () => {
    const { read, write } = readOktaApiScopes(env, synthesizedJson(env))!;
    expect(read.every((s) => /^okta\.[a-zA-Z]+\.read$/.test(s))).toBe(true);
    expect(read).toEqual([...new Set(write.map((s) => s.replace(/\.manage$/, '.read')))].sort());
  });

  test('puts no scopes in the provider block, so the job chooses them through OKTA_API_SCOPES', () => {
    // okta provider v4.20.0 reads OKTA_API_SCOPES only when the block sets none (okta/config.go:145-150, 316-326)
    expect(synthesized[env].provider!.okta[0]).not.toHaveProperty('scopes');
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
  expect(readOktaApiScopes('dev', synthesizedJson('dev', 'gateway-only'))).toBeUndefined();
});

test('fails: an okta provider without recorded scopes (synthesized before they moved out of the block)', () => {
  const old = synthesizedJson('dev');
  delete old['//'].oktaApiScopes;
  expect(() => readOktaApiScopes('identity-gateway-dev', old)).toThrow(
    'identity-gateway-dev has an okta provider but no // oktaApiScopes',
  );
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

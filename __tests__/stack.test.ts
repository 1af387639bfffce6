/**
 * The synthesized stack of every default environment: assertions of intent (what must hold, whatever
 * the snapshot says). Where a guardrail states the property, the test calls that rule instead of
 * recomputing it. The snapshots are one file per environment under snapshots/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../config/schema';
import { stackJson, synthesizedJson } from './support/fixture';
import { compliant, ruleResults } from './support/guardrails';
import { configFor } from './support/configs';
import { synthStack } from './support/synth';
import { ref, resources, type TfJson } from './support/tf-json';

const synthesized = {} as Record<EnvironmentName, TfJson>;
let external: TfJson;

beforeAll(() => {
  // GIVEN the embedded default config of each environment, synthesized once per run
  for (const env of ENVIRONMENT_NAMES) synthesized[env] = stackJson(env);
  external = stackJson('staging', 'gateway-only');
});

describe.each(ENVIRONMENT_NAMES)('identity-gateway-%s', (env) => {
  const json = () => synthesized[env];
  const only = (type: string): [string, any] => {
    const all = resources(json(), type);
    expect(all).toHaveLength(1);
    return all[0];
  };

  /** The rules' results on this environment's output as written (the `//` declarations included). */
  const rules = (...ids: string[]) => ruleResults(env, synthesizedJson(env), ids);

  test("the authorizer trusts exactly the stack's auth server: issuer and audience are references to it", () => {
    const [serverName, server] = only('okta_auth_server');
    const [, authorizer] = only('aws_apigatewayv2_authorizer');
    expect(authorizer.authorizer_type).toBe('JWT');
    expect(authorizer.identity_sources).toEqual(['$request.header.Authorization']);
    expect(authorizer.jwt_configuration.issuer).toBe(ref('okta_auth_server', serverName, 'issuer'));
    expect(authorizer.jwt_configuration.audience).toBe(`\${tolist(okta_auth_server.${serverName}.audiences)}`);
    expect(server.issuer_mode).not.toBe('DYNAMIC');
    expect(server.credentials_rotation_mode).toBe('AUTO');
    // Never an app's client_id as audience (ID tokens carry it in aud).
    expect(JSON.stringify(authorizer.jwt_configuration)).not.toContain('okta_app_oauth');
  });

  test('every route is JWT with at least one scope the auth server defines and grants, or public with a reason', () => {
    const ids = ['GW-01', 'GW-02', 'GW-03'];
    expect(rules(...ids)).toEqual(compliant(ids));
    const publicRoutes = resources(json(), 'aws_apigatewayv2_route').filter(([, r]) => r.authorization_type === 'NONE');
    // The only route the defaults declare public.
    expect(publicRoutes.map(([, r]) => r.route_key)).toEqual(['GET /health']);
  });

  test('the stage writes JSON access logs with the authorizer error and throttles every route', () => {
    const [, stage] = only('aws_apigatewayv2_stage');
    expect(stage.name).toBe('$default');
    expect(stage.auto_deploy).toBe(true);
    const format = JSON.parse(stage.access_log_settings.format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      routeKey: '$context.routeKey',
      status: '$context.status',
      responseLatency: '$context.responseLatency',
      integrationError: '$context.integrationErrorMessage',
      authorizerError: '$context.authorizer.error',
      sub: '$context.authorizer.claims.sub',
      cid: '$context.authorizer.claims.cid',
    });
    const accessLogs = resources(json(), 'aws_cloudwatch_log_group').find(([, g]) =>
      g.name.startsWith('/aws/apigateway/'),
    );
    expect(stage.access_log_settings.destination_arn).toBe(ref('aws_cloudwatch_log_group', accessLogs![0], 'arn'));
    expect(accessLogs![1].retention_in_days).toBeGreaterThan(0);
    expect(stage.default_route_settings.throttling_burst_limit).toBeGreaterThan(0);
    expect(stage.default_route_settings.throttling_rate_limit).toBeGreaterThan(0);
  });

  test(
    'SPAs and native apps use authorization code + PKCE with ' + 'no client authentication and rotating refresh tokens',
    () => {
      const ids = ['OK-01', 'OK-02', 'OK-04'];
      expect(rules(...ids)).toEqual(compliant(ids));
    },
  );

  test('service apps use client_credentials with private_key_jwt and never keep a secret in state', () => {
    expect(rules('OK-10')).toEqual(compliant(['OK-10']));
    const services = resources(json(), 'okta_app_oauth')
      .map(([, a]) => a)
      .filter((a) => a.type === 'service');
    expect(services.length).toBeGreaterThan(0);
    for (const a of services) {
      expect(a.grant_types).toEqual(['client_credentials']);
      expect(a.jwks.length).toBeGreaterThan(0);
    }
  });

  test('every user-facing app has exactly one complete group assignment', () => {
    expect(rules('OK-13')).toEqual(compliant(['OK-13']));
    for (const [, g] of resources(json(), 'okta_app_group_assignments')) expect(g.group.length).toBeGreaterThan(0);
  });

  test(
    'no rule grants scope * and every rule has explicit ' + 'token lifetimes; priorities are unique from 1 and chained',
    () => {
      const ids = ['OK-05', 'OK-06', 'OK-07', 'OK-14', 'OK-15'];
      expect(rules(...ids)).toEqual(compliant(ids));
    },
  );

  test("Lambda permissions are scoped to this API's execution ARN", () => {
    const [apiName] = only('aws_apigatewayv2_api');
    expect(rules('GW-11')).toEqual(compliant(['GW-11']));
    for (const [, p] of resources(json(), 'aws_lambda_permission')) {
      expect(p.source_arn).toBe(`${ref('aws_apigatewayv2_api', apiName, 'execution_arn')}/*/*`);
    }
  });

  test(
    'the backend is explicit: encrypted S3 with native locking ' +
      'and one key per stack (CI applies every environment)',
    () => {
      const backend = json().terraform.backend;
      expect(Object.keys(backend)).toEqual(['s3']);
      expect(backend.s3).toMatchObject({
        encrypt: true,
        use_lockfile: true,
        key: `identity-gateway/identity-gateway-${env}.tfstate`,
      });
      expect(backend.s3.kms_key_id).toMatch(/^arn:aws:kms:/);
      expect(backend.s3.dynamodb_table).toBeUndefined();
    },
  );

  test("providers are pinned; AWS is restricted to the environment's account and tags every resource", () => {
    expect(json().terraform.required_providers.aws.version).toBe('5.100.0');
    expect(json().terraform.required_providers.okta).toEqual({ source: 'okta/okta', version: '4.20.0' });
    const aws = json().provider!.aws[0];
    expect(aws.allowed_account_ids).toHaveLength(1);
    expect(aws.default_tags[0].tags).toMatchObject({
      Project: 'identity-gateway',
      Environment: env,
      StackVersion: '0.0.0-test',
    });
    // Credentials never appear in the provider blocks: they come from the environment, and so do the
    // OAuth scopes (OKTA_API_SCOPES: read for plan and drift, write for apply; okta-provider.test.ts).
    expect(Object.keys(json().provider!.okta[0]).sort()).toEqual([
      'backoff',
      'base_url',
      'max_api_capacity',
      'max_retries',
      'max_wait_seconds',
      'min_wait_seconds',
      'org_name',
      'request_timeout',
    ]);
  });

  test(
    `prevent_destroy is ${env === 'prod' ? 'on' : 'off'} ` + `for the auth server, apps, API and access-log group`,
    () => {
      const protectedTypes = ['okta_auth_server', 'okta_app_oauth', 'aws_apigatewayv2_api'];
      for (const type of protectedTypes) {
        for (const [, r] of resources(json(), type)) expect(r.lifecycle?.prevent_destroy === true).toBe(env === 'prod');
      }
      const accessLogs = resources(json(), 'aws_cloudwatch_log_group').find(([, g]) =>
        g.name.startsWith('/aws/apigateway/'),
      )![1];
      expect(accessLogs.lifecycle?.prevent_destroy === true).toBe(env === 'prod');
    },
  );

  test('outputs: issuer, audience, API endpoint, client ids and the release version', () => {
    expect(Object.keys(json().output ?? {}).sort()).toEqual([
      'api_endpoint',
      'audience',
      'client_ids',
      'issuer',
      'stack_version',
    ]);
    expect(json().output!.stack_version.value).toBe('0.0.0-test');
  });

  test('nothing secret-looking anywhere in the output, and every JWK is public', () => {
    const ids = ['ST-05', 'ST-07'];
    expect(rules(...ids)).toEqual(compliant(ids));
    // A JWK here is public: it has no private member (d, p, q, dp, dq, qi).
    for (const [, a] of resources(json(), 'okta_app_oauth')) {
      for (const k of a.jwks ?? []) expect(Object.keys(k).sort()).toEqual(['e', 'kid', 'kty', 'n']);
    }
  });
});

describe('gateway-only stack (identity.mode = external)', () => {
  test('holds no Okta resources or provider, and trusts the configured issuer and audience', () => {
    expect(Object.keys(external.resource).filter((t) => t.startsWith('okta_'))).toEqual([]);
    expect(external.provider?.okta).toBeUndefined();
    expect(external.terraform.required_providers.okta).toBeUndefined();
    const [, authorizer] = resources(external, 'aws_apigatewayv2_authorizer')[0];
    expect(authorizer.jwt_configuration).toEqual({
      issuer: 'https://acme-staging.okta.com/oauth2/aus1example0000000000',
      audience: ['api://acme-staging'],
    });
    expect(Object.keys(external.output ?? {}).sort()).toEqual(['api_endpoint', 'audience', 'issuer', 'stack_version']);
  });
});

describe('first apply and convergence: docs/deploy-pipeline.md names the two-step resources', () => {
  /** Resource types in the "Known two-step resources" list of docs/deploy-pipeline.md. */
  const twoStepTypes = (readme: string): string[] => {
    const section = readme.split('## Known two-step resources')[1]?.split('\n#')[0] ?? '';
    return [...section.matchAll(/^- `([a-z0-9_]+)`/gm)].map((m) => m[1]);
  };
  const README = readFileSync(join(__dirname, '..', 'docs', 'deploy-pipeline.md'), 'utf8');

  test('the list names okta_authenticator, and every listed type is in each default stack', () => {
    const types = twoStepTypes(README);
    expect(types).toContain('okta_authenticator');
    for (const env of ENVIRONMENT_NAMES)
      for (const t of types) expect(resources(synthesized[env], t).length).toBeGreaterThan(0);
  });

  test('the authenticators whose settings only a second apply sends are the ones with settings', () => {
    for (const env of ENVIRONMENT_NAMES) {
      const withSettings = resources(synthesized[env], 'okta_authenticator')
        .filter(([, a]) => a.settings)
        .map(([, a]) => a.key)
        .sort();
      expect(withSettings).toEqual(['okta_email', 'okta_verify']);
    }
  });

  test('fails to find okta_authenticator in a deploy section without the list', () => {
    expect(twoStepTypes('## Deploying\n\nApply, then plan.\n')).not.toContain('okta_authenticator');
  });
});

test(
  'GIVEN a dev sandbox with local state WHEN synthesized THEN ' +
    'the state path is relative (byte-identical on any machine)',
  () => {
    const json = synthStack(
      'dev',
      configFor('dev', (c) => (c.backend = { type: 'local' })),
    );
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.identity-gateway-dev.tfstate' } });
  },
);

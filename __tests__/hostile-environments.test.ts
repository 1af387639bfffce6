/**
 * What environments may share (issue 13, config/cross-environment.ts): an Okta org managed by two stacks
 * and prod's AWS account are errors; dev and staging in one AWS account is a warning, or an error when
 * their resource names would clash.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../config/environments';
import { formatProblems, loadEnvironmentConfig } from '../config/load';
import { crossEnvironmentProblems } from '../config/cross-environment';
import type { EnvironmentConfigInput } from '../config/schema';
import { buildApp } from '../stacks/app';
import { configFor, gatewayOnly } from './support/configs';

let outdir: string;
beforeAll(() => (outdir = mkdtempSync(join(tmpdir(), 'hostile-envs-'))));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** All three environments with staging replaced, compared by the cross-environment rules (no stacks built). */
const compare = (staging: EnvironmentConfigInput) => {
  const environments = { ...ENVIRONMENTS, staging };
  const configs = Object.fromEntries(
    Object.entries(environments).map(([env, raw]) => [env, loadEnvironmentConfig(env, raw)]),
  );
  const r = crossEnvironmentProblems(configs);
  return { errors: formatProblems(r.errors), warned: formatProblems(r.warnings) };
};
const devAccount = (c: any) => {
  c.aws.allowedAccountIds = ['111111111111'];
  c.audit.alerts.topicKmsKeyArn = ENVIRONMENTS.dev.audit!.alerts!.topicKmsKeyArn;
  c.backend.kmsKeyId = (ENVIRONMENTS.dev.backend as { kmsKeyId: string }).kmsKeyId;
};

describe('GIVEN staging sharing something with dev', () => {
  test("fails when staging manages dev's Okta org, and builds no staging stack", () => {
    const staging = configFor('staging', (c) => (c.okta = { ...ENVIRONMENTS.dev.okta, riskScoring: true }));
    const built = buildApp({ environments: { ...ENVIRONMENTS, staging }, version: '0.0.0-test', outdir });
    expect(formatProblems(built.problems)).toBe(
      `[staging] okta.orgName = "acme-dev": is dev's Okta org (acme-dev.oktapreview.com); staging has an org of ` +
        "its own: two stacks managing one org overwrite each other's authenticators, default policies and groups " +
        'on every apply',
    );
    expect(built.warnings).toEqual([]);
    expect(Object.keys(built.stacks)).toEqual(['dev', 'prod']);
  });

  test("accepts a gateway-only staging on dev's Okta org: it manages nothing there", () => {
    const staging = gatewayOnly('staging') as any;
    staging.okta = { ...ENVIRONMENTS.dev.okta };
    expect(compare(staging)).toEqual({ errors: '', warned: '' });
  });

  test("warns, and builds every stack, when staging shares dev's AWS account under another apiName", () => {
    const { errors, warned } = compare(configFor('staging', devAccount));
    expect(errors).toBe('');
    expect(warned).toBe(
      `[staging] aws.allowedAccountIds[0] = "111111111111": is also dev's AWS account: allowed for ` +
        "non-production environments, but the deploy credentials of either can change the other's resources",
    );
  });

  test("fails when staging shares dev's AWS account and its apiName, whose resource names would clash", () => {
    const { errors } = compare(
      configFor('staging', (c) => {
        devAccount(c);
        c.gateway.apiName = ENVIRONMENTS.dev.gateway.apiName;
      }),
    );
    expect(errors).toBe(
      `[staging] aws.allowedAccountIds[0] = "111111111111": is also dev's AWS account, and both name their ` +
        "resources 'identity-gateway-dev' (gateway.apiName): the IAM roles, Lambda functions and log groups " +
        'would clash; give each environment its own apiName or account',
    );
  });

  test("fails for staging on prod's org or account, reported on prod as before", () => {
    const { errors } = compare(configFor('staging', (c) => (c.okta = { ...ENVIRONMENTS.prod.okta })));
    expect(errors).toBe(
      '[prod] okta.orgName = "acme": is staging\'s Okta org (acme.okta.com); prod has an org of its own',
    );
  });
});

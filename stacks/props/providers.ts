/**
 * Config to the stack's providers and backend: the AWS provider (region, accounts, default tags), the okta
 * provider (org and rate-limit settings; credentials only from the environment) and the state backend.
 */
import type { LocalBackendConfig, S3BackendConfig } from 'cdktf';
import type { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import type { OktaProviderConfig } from '@cdktf/provider-okta/lib/provider';
import type { EnvironmentConfig } from '../../config/schema';

/** The AWS provider: the accounts Terraform may touch, and the tags every AWS resource carries. */
export function awsProviderConfig(config: EnvironmentConfig, stackId: string, version: string): AwsProviderConfig {
  return {
    region: config.aws.region,
    allowedAccountIds: [...config.aws.allowedAccountIds],
    defaultTags: [
      {
        tags: {
          ...config.aws.tags,
          Project: 'identity-gateway',
          Environment: config.environment,
          Stack: stackId,
          StackVersion: version,
          ManagedBy: 'cdktf',
        },
      },
    ],
  };
}

/**
 * The okta provider: org and rate-limit settings from config; credentials only from the environment
 * (OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY_ID, OKTA_API_PRIVATE_KEY; OKTA_API_TOKEN for local use only), as
 * okta/config.go:113-150 reads them. No OAuth scopes: the stack records them under `//` after composition
 * (recordOktaApiScopes) and each job sets OKTA_API_SCOPES, read for plan and drift, write for apply.
 */
export function oktaProviderConfig(config: EnvironmentConfig): OktaProviderConfig {
  const p = config.okta.provider;
  return {
    orgName: config.okta.orgName,
    baseUrl: config.okta.baseUrl,
    maxApiCapacity: p.maxApiCapacity,
    backoff: p.backoff,
    minWaitSeconds: p.minWaitSeconds,
    maxWaitSeconds: p.maxWaitSeconds,
    maxRetries: p.maxRetries,
    requestTimeout: p.requestTimeoutSeconds,
  };
}

/** The state backend: local (dev only) or S3 with S3-native locking. */
export type BackendSettings =
  | { readonly type: 'local'; readonly local: LocalBackendConfig }
  | { readonly type: 's3'; readonly s3: S3BackendConfig; readonly useLockfile: true };

export function backendSettings(config: EnvironmentConfig, stackId: string): BackendSettings {
  const backend = config.backend;
  if (backend.type === 'local') {
    // Relative to cdktf.out/stacks/<stack>: the state file lands in the project root, and the synthesized
    // path is the same on every machine.
    return { type: 'local', local: { path: backend.path ?? `../../../terraform.${stackId}.tfstate` } };
  }
  return {
    type: 's3',
    s3: {
      bucket: backend.bucket,
      key: `${backend.keyPrefix}/${stackId}.tfstate`,
      region: backend.region,
      encrypt: true,
      kmsKeyId: backend.kmsKeyId,
    },
    // S3-native locking (Terraform >= 1.10); cdktf 0.21's S3Backend has no field for it.
    useLockfile: true,
  };
}

import type { EnvironmentConfigInput } from '../schema';
import { gateway, identity, mfa } from './shared';

/**
 * Development: short log retention, loopback redirects for local front-end work. State is in S3 like the
 * other environments: CI applies dev first on every push to main, and a runner's local state would be lost.
 */
export const dev: EnvironmentConfigInput = {
  environment: 'dev',
  okta: { orgName: 'acme-dev', baseUrl: 'oktapreview.com' },
  aws: { region: 'eu-west-1', allowedAccountIds: ['111111111111'], tags: { CostCenter: 'platform-identity' } },
  identity: identity({
    audience: 'api://acme-dev',
    portalOrigin: 'https://portal.dev.example.com',
    adminOrigin: 'https://admin.dev.example.com',
    paymentsOrigin: 'https://payments.dev.example.com',
    extraRedirectUris: ['http://localhost:5173/login/callback'],
    extraOrigins: ['http://localhost:5173'],
    accessTokenLifetimeMinutes: 60,
    // At most the admin rule's refresh token window (15): the provider refuses a window shorter than the access token.
    adminAccessTokenLifetimeMinutes: 15,
    refreshTokenLifetimeMinutes: 7 * 24 * 60,
    refreshTokenWindowMinutes: 24 * 60,
    // MFA rollout: every wave enforced.
    mfa: mfa({
      currentPhase: 'everyone',
      phone: true,
      sessionLifetimeMinutes: 720,
      sessionIdleMinutes: 60,
      standardReauthenticateMinutes: 720,
      requireManagedDevice: false,
      risk: false,
      threatInsight: 'audit',
    }),
  }),
  gateway: gateway({
    apiName: 'identity-gateway-dev',
    origins: ['https://portal.dev.example.com', 'http://localhost:5173'],
    backendBaseUrl: 'https://orders.dev.example.com',
    logRetentionDays: 30,
  }),
  // Alerts only: gateway alarms and the dashboard; dev orgs do not stream the System Log.
  audit: {
    logRetentionDays: 30,
    alerts: { topicKmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/4b1f0c2e-7d3a-4e5f-9a61-0c2d3e4f5a6b' },
    alarmThresholds: { unauthorized401: 200, forbidden403: 100, serverErrors5xx: 50 },
  },
  backend: {
    type: 's3',
    bucket: 'acme-terraform-state-dev',
    region: 'eu-west-1',
    kmsKeyId: 'arn:aws:kms:eu-west-1:111111111111:alias/terraform-state',
  },
  protect: false,
};

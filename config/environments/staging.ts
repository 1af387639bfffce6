import type { EnvironmentConfigInput } from '../schema';
import { gateway, identity, mfa } from './shared';

/** Staging: production-shaped (S3 state, https only), unprotected so it can be rebuilt. */
export const staging: EnvironmentConfigInput = {
  environment: 'staging',
  okta: { orgName: 'acme-staging', baseUrl: 'oktapreview.com', riskScoring: true },
  aws: { region: 'eu-west-1', allowedAccountIds: ['222222222222'], tags: { CostCenter: 'platform-identity' } },
  identity: identity({
    audience: 'api://acme-staging',
    portalOrigin: 'https://portal.staging.example.com',
    adminOrigin: 'https://admin.staging.example.com',
    paymentsOrigin: 'https://payments.staging.example.com',
    accessTokenLifetimeMinutes: 30,
    adminAccessTokenLifetimeMinutes: 15,
    refreshTokenLifetimeMinutes: 24 * 60,
    refreshTokenWindowMinutes: 8 * 60,
    // MFA rollout: pilot and engineering waves enforced.
    mfa: mfa({
      currentPhase: 'engineering',
      phone: false,
      sessionLifetimeMinutes: 480,
      sessionIdleMinutes: 30,
      standardReauthenticateMinutes: 480,
      // No device management in the org: device assurance (on registered devices) stands in for it.
      requireManagedDevice: false,
      risk: true,
      adminSurfaces: true,
      threatInsight: 'audit',
    }),
  }),
  gateway: gateway({
    apiName: 'identity-gateway-staging',
    origins: ['https://portal.staging.example.com'],
    backendBaseUrl: 'https://orders.staging.example.com',
    logRetentionDays: 90,
  }),
  audit: {
    oktaLogStream: {},
    logRetentionDays: 90,
    alerts: { topicKmsKeyArn: 'arn:aws:kms:eu-west-1:222222222222:key/8e2a4c61-1f3b-4d5e-8a7b-9c0d1e2f3a4b' },
    alarmThresholds: { unauthorized401: 100, forbidden403: 50, serverErrors5xx: 25 },
  },
  backend: {
    type: 's3',
    bucket: 'acme-terraform-state-staging',
    region: 'eu-west-1',
    kmsKeyId: 'arn:aws:kms:eu-west-1:222222222222:alias/terraform-state',
  },
  protect: false,
};

import type { EnvironmentConfigInput } from '../schema';
import { gateway, identity, mfa } from './shared';

/** Production: short-lived tokens, a year of KMS-encrypted access logs, S3 state, prevent_destroy. */
export const prod: EnvironmentConfigInput = {
  environment: 'prod',
  okta: { orgName: 'acme', baseUrl: 'okta.com', riskScoring: true },
  aws: { region: 'eu-west-1', allowedAccountIds: ['333333333333'], tags: { CostCenter: 'platform-identity' } },
  identity: identity({
    audience: 'api://acme',
    portalOrigin: 'https://portal.example.com',
    adminOrigin: 'https://admin.example.com',
    paymentsOrigin: 'https://payments.example.com',
    accessTokenLifetimeMinutes: 15,
    adminAccessTokenLifetimeMinutes: 5,
    refreshTokenLifetimeMinutes: 12 * 60,
    refreshTokenWindowMinutes: 2 * 60,
    // MFA rollout: pilot wave only (admins, payments operators).
    mfa: mfa({
      currentPhase: 'pilot',
      phone: false,
      sessionLifetimeMinutes: 480,
      sessionIdleMinutes: 30,
      standardReauthenticateMinutes: 480,
      // No device management in the org: device assurance (on registered devices) stands in for it.
      requireManagedDevice: false,
      risk: true,
      adminSurfaces: true,
      threatInsight: 'block',
    }),
  }),
  gateway: gateway({
    apiName: 'identity-gateway-prod',
    origins: ['https://portal.example.com'],
    backendBaseUrl: 'https://orders.example.com',
    logRetentionDays: 365,
    logKmsKeyArn: 'arn:aws:kms:eu-west-1:333333333333:key/0d6f7a52-5a3e-4c52-9d1b-2f4e8c1a7b90',
  }),
  audit: {
    oktaLogStream: {},
    logRetentionDays: 365,
    logKmsKeyArn: 'arn:aws:kms:eu-west-1:333333333333:key/0d6f7a52-5a3e-4c52-9d1b-2f4e8c1a7b90',
    alerts: {
      topicKmsKeyArn: 'arn:aws:kms:eu-west-1:333333333333:key/5c3d2e1f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
      emails: ['security-alerts@example.com'],
    },
    alarmThresholds: { unauthorized401: 50, forbidden403: 25, serverErrors5xx: 10 },
  },
  backend: {
    type: 's3',
    bucket: 'acme-terraform-state-prod',
    region: 'eu-west-1',
    kmsKeyId: 'arn:aws:kms:eu-west-1:333333333333:alias/terraform-state',
  },
  protect: true,
};

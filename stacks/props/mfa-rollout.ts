/**
 * Config to the MFA rollout's props: waves, authenticators, sessions, tiers, zones, the adaptive settings and
 * the admin surfaces. The environment's hardening defaults (recovery-only email, org-wide blocklist) are
 * resolved here; the org's feature flags (risk scoring, identity-provider conditions) come from `okta`.
 */
import type { EnvironmentConfig, MfaConfig } from '../../config/schema';
import { hardenedByDefault } from '../../config/schema';
import type { IGroupLookup } from '../../constructs/okta/groups';
import type { MfaAuthenticatorsSpec, OktaMfaRolloutProps } from '../../constructs/okta/mfa-rollout';
import { perManagedAuthenticator } from '../../domain/okta/authenticators';

/** The organisation-wide MFA rollout of a managed identity. */
export function mfaRolloutProps(config: EnvironmentConfig, mfa: MfaConfig, groups: IGroupLookup): OktaMfaRolloutProps {
  const environment = config.environment;
  const admin = mfa.adminSurfaces;
  return {
    groups,
    waves: mfa.rollout.waves,
    currentPhase: mfa.rollout.currentPhase,
    authenticators: authenticatorsOf(mfa.authenticators, environment),
    sessionLifetimeMinutes: mfa.globalSession.sessionLifetimeMinutes,
    sessionIdleMinutes: mfa.globalSession.sessionIdleMinutes,
    tiers: mfa.tiers,
    corporateZones: mfa.networkZones.corporate,
    blocklist: {
      ...mfa.networkZones.blocklist,
      orgWide: hardenedByDefault(environment, mfa.networkZones.blocklist.orgWide),
    },
    threatInsightAction: mfa.threatInsight?.action,
    riskScoring: config.okta.riskScoring,
    identityProviderConditions: config.okta.identityProviderConditions,
    protect: config.protect,
    deviceManagement: mfa.deviceManagement,
    deviceAssurance: mfa.deviceAssurance,
    highRisk: mfa.risk,
    behaviors: mfa.behaviors,
    adaptiveSessionLifetimeMinutes: mfa.adaptiveSessionLifetimeMinutes,
    passwordPolicy: mfa.passwordPolicy,
    adminSurfaces: admin && {
      dashboard: admin.dashboard,
      groups: admin.groups,
      breakGlassGroup: admin.breakGlass.group,
      reauthenticateMinutes: admin.reauthenticateMinutes,
      roles: admin.roles,
      breakGlassAuthenticators: admin.breakGlass.authenticators,
      breakGlassReauthenticateMinutes: admin.breakGlass.reauthenticateMinutes,
    },
  };
}

type AuthenticatorsConfig = MfaConfig['authenticators'];

/**
 * Every managed authenticator (domain/okta/authenticators.ts), each listed (Okta cannot delete one); email
 * recovery-only by the environment's default.
 */
function authenticatorsOf(
  a: AuthenticatorsConfig,
  environment: EnvironmentConfig['environment'],
): MfaAuthenticatorsSpec {
  const specs = perManagedAuthenticator<MfaAuthenticatorsSpec>((k) => listed(a, k));
  return { ...specs, email: { ...specs.email, recoveryOnly: hardenedByDefault(environment, a.email?.recoveryOnly) } };
}

/** An authenticator's config; its absence is refused (the schema reports it too; this guards direct use). */
function listed<K extends keyof AuthenticatorsConfig>(
  a: AuthenticatorsConfig,
  k: K,
): NonNullable<AuthenticatorsConfig[K]> {
  const spec = a[k];
  if (spec === undefined) {
    throw new Error(
      `identity.mfa.authenticators.${k} is missing: Okta cannot delete an authenticator; keep it with status INACTIVE`,
    );
  }
  return spec;
}

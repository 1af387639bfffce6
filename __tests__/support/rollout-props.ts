/** The props of a small OktaMfaRollout for construct tests: the waves and phase vary, the rest is fixed. */
import type { IGroupLookup, OktaMfaRolloutProps } from '../../constructs';

export function rolloutProps(
  groups: IGroupLookup,
  waves: OktaMfaRolloutProps['waves'],
  currentPhase: string,
): OktaMfaRolloutProps {
  return {
    groups,
    waves,
    currentPhase,
    authenticators: {
      'okta-verify': { status: 'ACTIVE', enrollment: 'REQUIRED' },
      webauthn: { status: 'ACTIVE', enrollment: 'OPTIONAL' },
      email: { status: 'ACTIVE', enrollment: 'OPTIONAL' },
      password: { status: 'ACTIVE', enrollment: 'REQUIRED' },
      phone: { status: 'INACTIVE', enrollment: 'NOT_ALLOWED' },
    },
    sessionLifetimeMinutes: 480,
    sessionIdleMinutes: 30,
    tiers: {
      standard: { reauthenticateMinutes: 480 },
      high: { reauthenticateMinutes: 120 },
      critical: { reauthenticateMinutes: 30 },
    },
    blocklist: { anonymizers: 'tor' },
  };
}

/** The props of a small OktaMfaRollout for construct tests: the waves and phase vary, the rest is fixed. */
import type { IGroupLookup, MfaAuthenticatorsSpec, OktaMfaRolloutProps } from '../../constructs';
import { MANAGED_AUTHENTICATORS } from '../../domain/okta/authenticators';

/** Okta Verify and password required, WebAuthn and email optional; every other managed authenticator off. */
const authenticators = (): MfaAuthenticatorsSpec =>
  ({
    ...Object.fromEntries(MANAGED_AUTHENTICATORS.map((k) => [k, { status: 'INACTIVE', enrollment: 'NOT_ALLOWED' }])),
    'okta-verify': { status: 'ACTIVE', enrollment: 'REQUIRED' },
    webauthn: { status: 'ACTIVE', enrollment: 'OPTIONAL' },
    email: { status: 'ACTIVE', enrollment: 'OPTIONAL' },
    password: { status: 'ACTIVE', enrollment: 'REQUIRED' },
  }) as MfaAuthenticatorsSpec;

export function rolloutProps(
  groups: IGroupLookup,
  waves: OktaMfaRolloutProps['waves'],
  currentPhase: string,
): OktaMfaRolloutProps {
  return {
    groups,
    waves,
    currentPhase,
    authenticators: authenticators(),
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

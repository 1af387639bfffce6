import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { Authenticator } from '@cdktf/provider-okta/lib/authenticator';
import { AUTHENTICATOR_KEYS, type AuthenticatorKey } from '../../../domain/okta/sign-on-constraints';
import type {
  AuthenticatorSpec,
  EmailAuthenticatorSpec,
  Enrollment,
  MfaAuthenticatorsSpec,
  OktaVerifySpec,
} from './spec';

type PolicyField = 'oktaVerify' | 'webauthn' | 'oktaEmail' | 'oktaPassword' | 'phoneNumber';

/** Okta's key, display name and enrollment-policy attribute for each authenticator. */
const AUTHENTICATOR_INFO: Record<AuthenticatorKey, { oktaKey: string; name: string; policyField: PolicyField }> = {
  'okta-verify': { oktaKey: 'okta_verify', name: 'Okta Verify', policyField: 'oktaVerify' },
  webauthn: { oktaKey: 'webauthn', name: 'Security Key or Biometric', policyField: 'webauthn' },
  email: { oktaKey: 'okta_email', name: 'Email', policyField: 'oktaEmail' },
  password: { oktaKey: 'okta_password', name: 'Password', policyField: 'oktaPassword' },
  phone: { oktaKey: 'phone_number', name: 'Phone', policyField: 'phoneNumber' },
};

/** Props of the rollout's authenticators. */
export interface RolloutAuthenticatorsProps {
  /** Every authenticator's status, enrollment and settings. */
  readonly specs: MfaAuthenticatorsSpec;
  /** Adds prevent_destroy to every authenticator. */
  readonly protect: boolean;
}

/**
 * The authenticators, each with an explicit status. Active ones are created with the construct, before
 * any policy offers them; inactive ones only by `deactivateAfter`, once the policies that stop offering
 * them exist (Okta refuses to deactivate an authenticator a policy uses, resource_okta_authenticator.go:39-41).
 */
export class RolloutAuthenticators extends Construct {
  /** The ACTIVE authenticators, which enrollment policies depend on. */
  readonly active: readonly Authenticator[];
  private readonly props: RolloutAuthenticatorsProps;
  private readonly created: Partial<Record<AuthenticatorKey, Authenticator>> = {};

  constructor(scope: Construct, id: string, props: RolloutAuthenticatorsProps) {
    super(scope, id);
    this.props = props;
    this.active = this.keysWith('ACTIVE').map((k) => this.make(k));
  }

  /**
   * Creates the INACTIVE authenticators, each deactivated only after the given policies changed; returns
   * every authenticator by key.
   */
  deactivateAfter(policies: readonly ITerraformDependable[]): Readonly<Record<AuthenticatorKey, Authenticator>> {
    this.keysWith('INACTIVE').forEach((k) => this.make(k, [...policies]));
    // Every key is ACTIVE or INACTIVE, so every key is now created.
    return this.created as Record<AuthenticatorKey, Authenticator>;
  }

  private keysWith(status: AuthenticatorSpec['status']): AuthenticatorKey[] {
    return AUTHENTICATOR_KEYS.filter((k) => this.props.specs[k].status === status);
  }

  private make(key: AuthenticatorKey, dependsOn?: ITerraformDependable[]): Authenticator {
    this.created[key] = new Authenticator(this, key, {
      key: AUTHENTICATOR_INFO[key].oktaKey,
      name: AUTHENTICATOR_INFO[key].name,
      status: this.props.specs[key].status,
      settings: authenticatorSettings(key, this.props.specs),
      dependsOn,
      lifecycle: this.props.protect ? { preventDestroy: true } : undefined,
    });
    return this.created[key];
  }
}

/** An enrollment policy's per-authenticator attributes (`okta_verify = { enroll = ... }` and so on). */
export function enrollmentFields(
  specs: MfaAuthenticatorsSpec,
  enrollmentOf: (key: AuthenticatorKey, spec: AuthenticatorSpec) => Enrollment,
): Record<PolicyField, { enroll: Enrollment }> {
  return Object.fromEntries(
    AUTHENTICATOR_KEYS.map((k) => [AUTHENTICATOR_INFO[k].policyField, { enroll: enrollmentOf(k, specs[k]) }]),
  ) as Record<PolicyField, { enroll: Enrollment }>;
}

/** The settings JSON of an authenticator, for the two whose settings this stack manages. */
function authenticatorSettings(key: AuthenticatorKey, specs: MfaAuthenticatorsSpec): string | undefined {
  if (key === 'okta-verify') return oktaVerifySettings(specs['okta-verify']);
  if (key === 'email') return emailSettings(specs.email);
  return undefined;
}

/**
 * Email settings in the form the API returns them (allowedFor and tokenLifetimeInMinutes, as recorded in
 * the provider's test/fixtures/vcr authenticator responses). Recovery-only email is never a sign-in factor,
 * so "two factors" means Okta Verify, FIDO2/WebAuthn or, where allowed, phone.
 */
function emailSettings(spec: EmailAuthenticatorSpec): string {
  return JSON.stringify({
    allowedFor: spec.recoveryOnly ? 'recovery' : 'any',
    tokenLifetimeInMinutes: spec.tokenLifetimeMinutes ?? 5,
  });
}

/**
 * Okta Verify settings in the form the API returns them (sdk/v2_authenticatorSettings.go; read back
 * whole, resource_okta_authenticator.go:403-408): `compliance.fips` is always present there, so it is
 * always written here, or every plan would show a change.
 */
function oktaVerifySettings(spec: OktaVerifySpec): string {
  return JSON.stringify({
    channelBinding: { style: 'NUMBER_CHALLENGE', required: spec.numberChallenge ?? 'ALWAYS' },
    compliance: { fips: spec.fips ?? 'OPTIONAL' },
    userVerification: spec.userVerification ?? 'REQUIRED',
  });
}

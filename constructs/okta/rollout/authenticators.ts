import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { Authenticator } from '@cdktf/provider-okta/lib/authenticator';
import {
  MANAGED_AUTHENTICATORS,
  managedAuthenticator,
  type ManagedAuthenticator,
  type ManagedKey,
} from '../../../domain/okta/authenticators';
import type {
  AuthenticatorSpec,
  EmailAuthenticatorSpec,
  Enrollment,
  MfaAuthenticatorsSpec,
  OktaVerifySpec,
} from './spec';

/** A provider attribute in the bindings' spelling (`phone_number` -> `phoneNumber`). */
type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
export const camel = <S extends string>(s: S): Camel<S> =>
  s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as Camel<S>;

/**
 * An enrollment policy's attribute per authenticator (`okta_verify = { enroll = ... }`), named by the Okta key
 * (okta/resource_okta_policy_mfa.go:291-335), in the bindings' spelling.
 */
type EnrollmentFields = { readonly [K in ManagedKey as Camel<K>]: { enroll: Enrollment } };

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
  private readonly created: Partial<Record<ManagedAuthenticator, Authenticator>> = {};

  constructor(scope: Construct, id: string, props: RolloutAuthenticatorsProps) {
    super(scope, id);
    this.props = props;
    this.active = this.keysWith('ACTIVE').map((k) => this.make(k));
  }

  /**
   * Creates the INACTIVE authenticators, each deactivated only after the given policies changed; returns
   * every authenticator by key.
   */
  deactivateAfter(policies: readonly ITerraformDependable[]): Readonly<Record<ManagedAuthenticator, Authenticator>> {
    this.keysWith('INACTIVE').forEach((k) => this.make(k, [...policies]));
    // Every key is ACTIVE or INACTIVE, so every key is now created.
    return this.created as Record<ManagedAuthenticator, Authenticator>;
  }

  private keysWith(status: AuthenticatorSpec['status']): ManagedAuthenticator[] {
    return MANAGED_AUTHENTICATORS.filter((k) => this.props.specs[k].status === status);
  }

  private make(key: ManagedAuthenticator, dependsOn?: ITerraformDependable[]): Authenticator {
    const okta = managedAuthenticator(key);
    this.created[key] = new Authenticator(this, key, {
      key: okta.key,
      name: okta.name,
      status: this.props.specs[key].status,
      settings: SETTINGS[key]?.(this.props.specs),
      dependsOn,
      lifecycle: this.props.protect ? { preventDestroy: true } : undefined,
    });
    return this.created[key];
  }
}

/** An enrollment policy's per-authenticator attributes (`okta_verify = { enroll = ... }` and so on). */
export function enrollmentFields(
  specs: MfaAuthenticatorsSpec,
  enrollmentOf: (key: ManagedAuthenticator, spec: AuthenticatorSpec) => Enrollment,
): EnrollmentFields {
  return Object.fromEntries(
    MANAGED_AUTHENTICATORS.map((k) => [camel(managedAuthenticator(k).key), { enroll: enrollmentOf(k, specs[k]) }]),
  ) as EnrollmentFields;
}

/** The settings JSON of the authenticators whose settings this stack manages, by config name. */
const SETTINGS: { readonly [K in ManagedAuthenticator]?: (specs: MfaAuthenticatorsSpec) => string | undefined } = {
  'okta-verify': (specs) => oktaVerifySettings(specs['okta-verify']),
  email: (specs) => emailSettings(specs.email),
  // Kept for recovery: recovery only, never a sign-in factor. INACTIVE: unset, as before (the API's own
  // allowedFor is then left as it is; resource_okta_authenticator.go:57-64 suppresses the diff when unset).
  'security-question': (specs) => {
    const q = specs['security-question'];
    return q.status === 'ACTIVE' && q.recovery ? JSON.stringify({ allowedFor: 'recovery' }) : undefined;
  },
};

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

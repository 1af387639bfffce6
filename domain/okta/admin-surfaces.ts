/**
 * Okta's own admin surfaces, the admin roles the stack may bind, and the break-glass accounts that get a rule of
 * their own. The labels are those Okta gives its first-party apps (what the okta_app data source looks up by
 * label, okta/terraform-provider-okta v4.20.0 okta/data_source_okta_app.go:22-33, exact match at :105-113, else
 * the first app the label query returned); the app names are Okta's own and cannot be changed, so they prove
 * that the app found is the first-party one (:123 reads `name` back).
 */
import { managedAuthenticator, MANAGED_AUTHENTICATORS, type ManagedAuthenticator } from './authenticators';
import type { PossessionType, SignOnConstraintSpec } from './sign-on-constraints';

/** Okta's first-party apps whose authentication policies this stack adds a rule to, by label. */
export const ADMIN_SURFACES = {
  'admin-console': 'Okta Admin Console',
  dashboard: 'Okta Dashboard',
} as const;
export type AdminSurface = keyof typeof ADMIN_SURFACES;

/**
 * The same apps by their Okta app name (an app's `name`, what `GET /api/v1/apps?filter=name eq "..."` finds):
 * the Admin Console is `saasure`, the Dashboard `okta_enduser` (okta provider v4.20.0
 * test/fixtures/vcr/TestAccResourceOktaAppSignOnPolicy_crud/oie-00.yaml, the apps list). Okta's own and fixed:
 * the stack's lookups prove by them that the app they found is the first-party one (domain/okta/lookup-guards.ts).
 */
export const ADMIN_SURFACE_APP_NAMES: Readonly<Record<AdminSurface, string>> = {
  'admin-console': 'saasure',
  dashboard: 'okta_enduser',
};

/** The most members a break-glass group may declare: a few sealed accounts, never a team. */
export const BREAK_GLASS_MAX_MEMBERS = 5;

/** System Log event types of a sign-in (catalogue: domain/okta/event-types.tsv); break-glass ones alert. */
export const SIGN_IN_EVENT_TYPES = [
  'user.session.start',
  'user.authentication.sso',
  'user.authentication.auth_via_mfa',
  'user.authentication.verify',
] as const;

/** Name of the rule this stack adds to an admin surface's policy for administrators (shown in Okta). */
export const ADMIN_SURFACE_RULE_NAME = 'Phishing-resistant admins (identity-gateway)';

/** Name of the break-glass accounts' own rule on an admin surface's policy (shown in Okta). */
export const BREAK_GLASS_RULE_NAME = 'Break-glass: password + hardware key (identity-gateway)';

/**
 * Okta's standard admin role types a group can be given (okta_group_role `role_type`). The provider takes any
 * string (okta/resource_okta_group_role.go:62-79: a description, no validator) and the API refuses an unknown
 * one only at apply, after the resources before it were created. `CUSTOM` needs a custom role and a resource
 * set (:98-107), which this stack does not model. The provider's description says `API_ADMIN`; the API's type is
 * `API_ACCESS_MANAGEMENT_ADMIN` (okta/resource_okta_role_subscription.go:154 compares with it).
 */
export const ADMIN_ROLE_TYPES = [
  'SUPER_ADMIN',
  'ORG_ADMIN',
  'APP_ADMIN',
  'USER_ADMIN',
  'HELP_DESK_ADMIN',
  'GROUP_MEMBERSHIP_ADMIN',
  'READ_ONLY_ADMIN',
  'MOBILE_ADMIN',
  'API_ACCESS_MANAGEMENT_ADMIN',
  'REPORT_ADMIN',
] as const;
export type AdminRoleType = (typeof ADMIN_ROLE_TYPES)[number];

/** Why `role` is not an admin role type the stack can bind, or undefined when it is one. */
export function adminRoleProblem(role: string): string | undefined {
  if ((ADMIN_ROLE_TYPES as readonly string[]).includes(role)) return undefined;
  const hint =
    role === 'API_ADMIN'
      ? " (the provider's description says API_ADMIN; Okta's role type is API_ACCESS_MANAGEMENT_ADMIN)"
      : role === 'CUSTOM'
        ? ' (a custom role needs a role id and a resource set, which this stack does not manage)'
        : '';
  return `not an Okta admin role type${hint}; allowed: ${ADMIN_ROLE_TYPES.join(', ')}`;
}

/**
 * The managed authenticators that sign in phishing resistant with keys held in hardware on one device (a security
 * key or a platform authenticator through WebAuthn; Okta Verify FastPass): what admins and break-glass accounts
 * must use on an admin surface. From the registry's sign-in methods (domain/okta/authenticators.ts).
 */
export const HARDWARE_PROTECTED_AUTHENTICATORS: readonly ManagedAuthenticator[] = MANAGED_AUTHENTICATORS.filter((n) =>
  (managedAuthenticator(n).signIn ?? []).some(
    (m) =>
      m.deviceBound === true &&
      m.hardwareProtection === true &&
      isPhishingResistantMethod(managedAuthenticator(n).phishingResistant, m.method),
  ),
);

/**
 * What the break-glass accounts use beside the password unless the config says otherwise: the hardware-protected
 * authenticators that are a security key (nothing that lives on someone's phone), from the registry.
 */
export const DEFAULT_BREAK_GLASS_AUTHENTICATORS: readonly ManagedAuthenticator[] =
  HARDWARE_PROTECTED_AUTHENTICATORS.filter((n) => managedAuthenticator(n).type === 'security_key');

function isPhishingResistantMethod(pr: boolean | readonly string[], method: string): boolean {
  return pr === true || (Array.isArray(pr) && pr.includes(method));
}

/** The possession `types` value (a constraint's) of a hardware-protected authenticator. */
export function possessionTypeOf(name: ManagedAuthenticator): PossessionType {
  return managedAuthenticator(name).type as PossessionType;
}

/** Re-authentication of the break-glass rule: short, an emergency session (minutes). */
export const BREAK_GLASS_REAUTHENTICATE_MINUTES = { min: 1, max: 60, default: 15 } as const;

/**
 * The break-glass accounts' constraint: their password and a hardware-protected, phishing-resistant, device-bound
 * possession factor of the given types (a hardware security key: `security_key`), the user present. One object:
 * both classes must be satisfied.
 */
export function breakGlassConstraint(types: readonly PossessionType[]): SignOnConstraintSpec {
  return {
    knowledge: { types: ['password'] },
    possession: {
      types,
      phishingResistant: 'REQUIRED',
      deviceBound: 'REQUIRED',
      hardwareProtection: 'REQUIRED',
      userPresence: 'REQUIRED',
    },
  };
}

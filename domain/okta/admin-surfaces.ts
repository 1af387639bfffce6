/**
 * Okta's own admin surfaces and the break-glass accounts kept outside their phishing-resistant rule.
 * The labels are those Okta gives its first-party apps (what the okta_app data source looks up by label,
 * okta/terraform-provider-okta v4.20.0 okta/data_source_okta_app.go:22-33, exact match at :105-113).
 */

/** Okta's first-party apps whose authentication policies this stack adds a rule to. */
export const ADMIN_SURFACES = {
  'admin-console': 'Okta Admin Console',
  dashboard: 'Okta Dashboard',
} as const;
export type AdminSurface = keyof typeof ADMIN_SURFACES;

/**
 * The same apps by their Okta app name (an app's `name`, what `GET /api/v1/apps?filter=name eq "..."` finds):
 * the Admin Console is `saasure`, the Dashboard `okta_enduser` (okta provider v4.20.0
 * test/fixtures/vcr/TestAccResourceOktaAppSignOnPolicy_crud/oie-00.yaml, the apps list).
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

/** Name of the rule this stack adds to an admin surface's policy (shown in Okta). */
export const ADMIN_SURFACE_RULE_NAME = 'Phishing-resistant admins (identity-gateway)';

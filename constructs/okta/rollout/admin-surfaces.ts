import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { DataOktaApp } from '@cdktf/provider-okta/lib/data-okta-app';
import { DataOktaAppSignonPolicy } from '@cdktf/provider-okta/lib/data-okta-app-signon-policy';
import { AppSignonPolicyRule } from '@cdktf/provider-okta/lib/app-signon-policy-rule';
import { ADMIN_SURFACE_RULE_NAME, ADMIN_SURFACES, type AdminSurface } from '../../../domain/okta/admin-surfaces';
import { PHISHING_RESISTANT, isoDurationMinutes, signOnConstraintJson } from '../../../domain/okta/sign-on-constraints';

/** Props of the admin-surface rules. */
export interface AdminSurfacesProps {
  /** Also the Okta Dashboard, not only the Admin Console. @default false */
  readonly dashboard?: boolean;
  /** Group ids the phishing-resistant rule applies to. */
  readonly groupIds: readonly string[];
  /** Group id of the break-glass accounts, excluded from the rule (they fall through to the policy's own rules). */
  readonly breakGlassGroupId: string;
  /** Re-authentication interval of the rule, 1 to 120 minutes. @default 60 */
  readonly reauthenticateMinutes?: number;
  /** Blocklist (POLICY) zone ids a first rule denies, as in every policy of the rollout. @default [] */
  readonly blocklistZoneIds?: readonly string[];
}

/** One admin surface: the looked-up app, its existing authentication policy and the rule added to it. */
export interface AdminSurfaceRule {
  /** The okta_app data source (Okta's first-party app, by label). */
  readonly app: DataOktaApp;
  /** The okta_app_signon_policy data source: the app's existing authentication policy. */
  readonly policy: DataOktaAppSignonPolicy;
  /** The phishing-resistant rule (priority 1, or 2 after the blocklist denial). */
  readonly rule: AppSignonPolicyRule;
  /** The rule denying the blocklist zones first. @default - none, when there are no blocklist zones */
  readonly denyBlocklist?: AppSignonPolicyRule;
}

/**
 * Okta's own admin surfaces (the Admin Console, optionally the Dashboard) get a phishing-resistant rule
 * on their EXISTING authentication policy: the app is looked up by label (okta_app), its policy through
 * the app's accessPolicy link (okta_app_signon_policy, okta provider v4.20.0
 * okta/data_source_okta_app_signon_policy.go:31-53), and rules are added first: the blocklist denial, then
 * the phishing-resistant rule. No second policy is created. The break-glass group is excluded, so its
 * members reach the policy's own rules.
 */
export class AdminSurfaces extends Construct {
  /** The rule per surface, by surface key. */
  readonly bySurface: Readonly<Partial<Record<AdminSurface, AdminSurfaceRule>>>;

  constructor(scope: Construct, id: string, props: AdminSurfacesProps) {
    super(scope, id);
    const minutes = props.reauthenticateMinutes ?? 60;
    if (props.groupIds.length === 0) fail('groupIds', [], 'at least one group id');
    if (!Token.isUnresolved(minutes) && (!Number.isInteger(minutes) || minutes < 1 || minutes > 120))
      fail('reauthenticateMinutes', minutes, 'whole minutes from 1 to 120');
    if (props.groupIds.includes(props.breakGlassGroupId))
      fail('breakGlassGroupId', props.breakGlassGroupId, 'a group the rule does not include (it is excluded)');
    const surfaces: AdminSurface[] = props.dashboard ? ['admin-console', 'dashboard'] : ['admin-console'];
    const bySurface: Partial<Record<AdminSurface, AdminSurfaceRule>> = {};
    for (const surface of surfaces) {
      const parent = new Construct(this, surface);
      const app = new DataOktaApp(parent, 'App', { label: ADMIN_SURFACES[surface], activeOnly: true });
      const policy = new DataOktaAppSignonPolicy(parent, 'Policy', { appId: app.id });
      const zones = props.blocklistZoneIds ?? [];
      const denyBlocklist = zones.length
        ? new AppSignonPolicyRule(parent, 'DenyBlocklist', {
            name: `Deny blocklisted networks (identity-gateway)`,
            policyId: policy.id,
            priority: 1,
            status: 'ACTIVE',
            access: 'DENY',
            networkConnection: 'ZONE',
            networkIncludes: [...zones],
          })
        : undefined;
      const rule = new AppSignonPolicyRule(parent, 'Rule', {
        name: ADMIN_SURFACE_RULE_NAME,
        policyId: policy.id,
        priority: denyBlocklist ? 2 : 1,
        dependsOn: denyBlocklist ? [denyBlocklist] : undefined,
        status: 'ACTIVE',
        access: 'ALLOW',
        type: 'ASSURANCE',
        factorMode: '2FA',
        networkConnection: 'ANYWHERE',
        groupsIncluded: [...props.groupIds],
        groupsExcluded: [props.breakGlassGroupId],
        constraints: [signOnConstraintJson(PHISHING_RESISTANT)],
        reAuthenticationFrequency: isoDurationMinutes(minutes),
      });
      bySurface[surface] = { app, policy, rule, denyBlocklist };
    }
    this.bySurface = bySurface;
  }
}

function fail(prop: string, value: unknown, allowed: string): never {
  throw new Error(`AdminSurfaces: ${prop} = ${JSON.stringify(value)} is invalid: ${allowed}`);
}

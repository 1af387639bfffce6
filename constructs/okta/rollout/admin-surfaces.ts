import { Construct } from 'constructs';
import { Token, type ITerraformDependable, type TerraformDataSource } from 'cdktf';
import { DataOktaApp } from '@cdktf/provider-okta/lib/data-okta-app';
import { DataOktaAppSignonPolicy } from '@cdktf/provider-okta/lib/data-okta-app-signon-policy';
import { AppSignonPolicyRule } from '@cdktf/provider-okta/lib/app-signon-policy-rule';
import { GroupRole } from '@cdktf/provider-okta/lib/group-role';
import { PolicyMfa } from '@cdktf/provider-okta/lib/policy-mfa';
import { PolicyRuleMfa } from '@cdktf/provider-okta/lib/policy-rule-mfa';
import {
  ADMIN_SURFACE_RULE_NAME,
  ADMIN_SURFACES,
  adminRoleProblem,
  BREAK_GLASS_REAUTHENTICATE_MINUTES,
  BREAK_GLASS_RULE_NAME,
  breakGlassConstraint,
  DEFAULT_BREAK_GLASS_AUTHENTICATORS,
  HARDWARE_PROTECTED_AUTHENTICATORS,
  possessionTypeOf,
  type AdminSurface,
} from '../../../domain/okta/admin-surfaces';
import { managedAuthenticator, type ManagedAuthenticator } from '../../../domain/okta/authenticators';
import { firstPartyAppGuards, ownPolicyGuards, type LookupGuard } from '../../../domain/okta/lookup-guards';
import {
  isoDurationMinutes,
  PHISHING_RESISTANT_HARDWARE,
  signOnConstraintJson,
  type PossessionType,
} from '../../../domain/okta/sign-on-constraints';
import type { Problem } from '../../../domain/problems';
import { enrollmentFields } from './authenticators';
import { chainByPriority } from './priorities';
import { refuseProblems } from './problems';
import type { Enrollment, MfaAuthenticatorsSpec } from './spec';

/** Admin roles bound to one group. */
export interface AdminRoleBindingSpec {
  /** The group's id (a reference, or an existing id). */
  readonly groupId: string;
  /** Okta admin role types (SUPER_ADMIN, ORG_ADMIN, ...). */
  readonly roles: readonly string[];
}

/** Props of the admin-surface rules. */
export interface AdminSurfacesProps {
  /** Also the Okta Dashboard, not only the Admin Console. @default false */
  readonly dashboard?: boolean;
  /** Group ids the administrators' rule applies to (the Everyone group's id for every administrator). */
  readonly groupIds: readonly string[];
  /** Group id of the break-glass accounts: excluded from the administrators' rule, admitted by their own. */
  readonly breakGlassGroupId: string;
  /** Re-authentication interval of the administrators' rule, 1 to 120 minutes. @default 60 */
  readonly reauthenticateMinutes?: number;
  /**
   * Possession types the break-glass rule accepts beside the password (hardware-protected, phishing resistant).
   * @default ['security_key']
   */
  readonly breakGlassPossessionTypes?: readonly PossessionType[];
  /** Re-authentication interval of the break-glass rule, 1 to 60 minutes. @default 15 */
  readonly breakGlassReauthenticateMinutes?: number;
  /** Blocklist (POLICY) zone ids a first rule denies, as in every policy of the rollout. @default [] */
  readonly blocklistZoneIds?: readonly string[];
  /** Okta admin roles to bind (okta_group_role), by group key (the construct id). @default {} */
  readonly roles?: Readonly<Record<string, AdminRoleBindingSpec>>;
}

/** One admin surface: the looked-up app, its existing authentication policy and the rules added to it. */
export interface AdminSurfaceRule {
  /** The okta_app data source (Okta's first-party app, by label; its name proven by a postcondition). */
  readonly app: DataOktaApp;
  /** The okta_app_signon_policy data source: the app's existing authentication policy (proven its own). */
  readonly policy: DataOktaAppSignonPolicy;
  /** The administrators' rule: device-bound, hardware-protected phishing-resistant possession. */
  readonly rule: AppSignonPolicyRule;
  /** The break-glass accounts' own rule: password + hardware key, a short session. */
  readonly breakGlass: AppSignonPolicyRule;
  /** The rule denying the blocklist zones first. @default - none, when there are no blocklist zones */
  readonly denyBlocklist?: AppSignonPolicyRule;
}

/**
 * Okta's own admin surfaces (the Admin Console, optionally the Dashboard) get rules on their EXISTING
 * authentication policy: the app is looked up by label (okta_app) and proven to be Okta's own app by its name,
 * its policy is read through the app's accessPolicy link (okta_app_signon_policy, okta provider v4.20.0
 * okta/data_source_okta_app_signon_policy.go:31-53) and proven to be the one that link names; both proofs are
 * postconditions, so a wrong match stops the plan. Rules are added first, in order: the blocklist denial, the
 * administrators' rule (device-bound, hardware-protected phishing-resistant possession as the second factor; the
 * break-glass group excluded), the break-glass accounts' rule (their password and a hardware key, a short
 * session). No second policy is created. Admin roles given in `roles` are bound to their groups (okta_group_role).
 */
export class AdminSurfaces extends Construct {
  /** The rules per surface, by surface key. */
  readonly bySurface: Readonly<Partial<Record<AdminSurface, AdminSurfaceRule>>>;
  /** The role bindings, in group-key then role order. */
  readonly roleBindings: readonly GroupRole[];

  constructor(scope: Construct, id: string, props: AdminSurfacesProps) {
    super(scope, id);
    const minutes = props.reauthenticateMinutes ?? 60;
    const bgMinutes = props.breakGlassReauthenticateMinutes ?? BREAK_GLASS_REAUTHENTICATE_MINUTES.default;
    const bgTypes = props.breakGlassPossessionTypes ?? ['security_key'];
    validate(props, minutes, bgMinutes, bgTypes);
    const surfaces: AdminSurface[] = props.dashboard ? ['admin-console', 'dashboard'] : ['admin-console'];
    const bySurface: Partial<Record<AdminSurface, AdminSurfaceRule>> = {};
    for (const surface of surfaces) {
      const parent = new Construct(this, surface);
      const app = new DataOktaApp(parent, 'App', {
        label: ADMIN_SURFACES[surface],
        activeOnly: true,
        lifecycle: { postcondition: postconditions(firstPartyAppGuards(surface)) },
      });
      const policy = new DataOktaAppSignonPolicy(parent, 'Policy', {
        appId: app.id,
        lifecycle: { postcondition: postconditions(ownPolicyGuards(addressOf(app), surface)) },
      });
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
      const first = denyBlocklist ? 2 : 1;
      const rule = new AppSignonPolicyRule(parent, 'Rule', {
        name: ADMIN_SURFACE_RULE_NAME,
        policyId: policy.id,
        priority: first,
        dependsOn: denyBlocklist ? [denyBlocklist] : undefined,
        status: 'ACTIVE',
        access: 'ALLOW',
        type: 'ASSURANCE',
        factorMode: '2FA',
        networkConnection: 'ANYWHERE',
        groupsIncluded: [...props.groupIds],
        groupsExcluded: [props.breakGlassGroupId],
        constraints: [signOnConstraintJson(PHISHING_RESISTANT_HARDWARE)],
        reAuthenticationFrequency: isoDurationMinutes(minutes),
      });
      const breakGlass = new AppSignonPolicyRule(parent, 'BreakGlass', {
        name: BREAK_GLASS_RULE_NAME,
        policyId: policy.id,
        priority: first + 1,
        dependsOn: [rule],
        status: 'ACTIVE',
        access: 'ALLOW',
        type: 'ASSURANCE',
        factorMode: '2FA',
        networkConnection: 'ANYWHERE',
        groupsIncluded: [props.breakGlassGroupId],
        constraints: [signOnConstraintJson(breakGlassConstraint(bgTypes))],
        reAuthenticationFrequency: isoDurationMinutes(bgMinutes),
      });
      bySurface[surface] = { app, policy, rule, breakGlass, denyBlocklist };
    }
    this.bySurface = bySurface;
    this.roleBindings = this.bindRoles(props.roles ?? {});
  }

  /** One okta_group_role per group and role (the provider binds one role per resource). */
  private bindRoles(roles: Readonly<Record<string, AdminRoleBindingSpec>>): GroupRole[] {
    const keys = Object.keys(roles).sort();
    if (keys.length === 0) return [];
    const parent = new Construct(this, 'Roles');
    return keys.flatMap((key) => {
      const group = new Construct(parent, key);
      return [...roles[key].roles]
        .sort()
        .map((role) => new GroupRole(group, role, { groupId: roles[key].groupId, roleType: role }));
    });
  }
}

/** Props of the enrollment policies of the administrators and the break-glass accounts. */
export interface AdminEnrollmentProps {
  /** Every authenticator's status and enrollment (the rollout's). */
  readonly authenticators: MfaAuthenticatorsSpec;
  /** The active authenticators, which must exist before a policy offers them. */
  readonly dependsOn: readonly ITerraformDependable[];
  /** Group id of the break-glass accounts. */
  readonly breakGlassGroupId: string;
  /** Authenticators (config names) the break-glass accounts enroll beside the password. @default - security keys */
  readonly breakGlassAuthenticators?: readonly ManagedAuthenticator[];
  /**
   * Group ids of administrators the stack knows (groups given admin roles, groups the rule names): they enroll
   * what the rollout's enforced groups enroll, whatever wave they are in. @default [] (no such policy)
   */
  readonly adminGroupIds?: readonly string[];
}

/**
 * The enrollment policies before the rollout's, in priority order from 1: the break-glass accounts enroll their
 * password and their hardware-protected authenticators, nothing else (no phone, no email to reset through, no
 * Okta Verify on someone's phone), so the rollout never pushes anything else on them; the administrators the
 * stack knows enroll what the enforced groups enroll (a phishing-resistant, hardware-protected authenticator
 * among it), whatever wave they are in. Each enrolls at sign-in.
 */
export class AdminEnrollmentPolicies extends Construct {
  /** The okta_policy_mfa resources, in priority order (1, 2). */
  readonly policies: readonly PolicyMfa[];

  constructor(scope: Construct, id: string, props: AdminEnrollmentProps) {
    super(scope, id);
    const bg = props.breakGlassAuthenticators ?? DEFAULT_BREAK_GLASS_AUTHENTICATORS;
    const breakGlass = (k: ManagedAuthenticator): Enrollment =>
      managedAuthenticator(k).primary || bg.includes(k) ? 'REQUIRED' : 'NOT_ALLOWED';
    const specs = [
      {
        key: 'BreakGlass',
        name: 'Break-glass: password and hardware key enrollment',
        description: 'The break-glass accounts enroll their password and hardware-protected authenticators only',
        groupIds: [props.breakGlassGroupId],
        enrollment: enrollmentFields(props.authenticators, breakGlass),
      },
      ...((props.adminGroupIds ?? []).length
        ? [
            {
              key: 'Admins',
              name: 'Okta administrators: authenticator enrollment',
              description:
                'Okta administrators enroll what the MFA rollout enforces (a phishing-resistant authenticator ' +
                'among it), whatever wave they are in',
              groupIds: [...props.adminGroupIds!],
              enrollment: enrollmentFields(props.authenticators, (_, spec) => spec.enrollment),
            },
          ]
        : []),
    ];
    this.policies = chainByPriority(specs, (s, priority, after) => {
      const parent = new Construct(this, s.key);
      const policy = new PolicyMfa(parent, 'Resource', {
        name: s.name,
        description: s.description,
        isOie: true,
        status: 'ACTIVE',
        priority,
        groupsIncluded: s.groupIds,
        ...s.enrollment,
        dependsOn: [...props.dependsOn, ...(after ?? [])],
      });
      new PolicyRuleMfa(parent, 'EnrollAtSignIn', {
        policyId: policy.id,
        name: 'Enroll at sign-in',
        enroll: 'LOGIN',
        networkConnection: 'ANYWHERE',
        priority: 1,
        status: 'ACTIVE',
      });
      return policy;
    });
  }
}

/** The lookup guards as cdktf postconditions. */
function postconditions(guards: readonly LookupGuard[]) {
  return guards.map((g) => ({ condition: g.condition, errorMessage: g.errorMessage }));
}

/** A data source's Terraform address (`data.<type>.<name>`), as conditions refer to it. */
function addressOf(d: TerraformDataSource): string {
  return `data.${d.terraformResourceType}.${d.friendlyUniqueId}`;
}

function validate(props: AdminSurfacesProps, minutes: number, bgMinutes: number, bgTypes: readonly string[]): void {
  const problems: Problem[] = [];
  const add = (path: (string | number)[], value: unknown, message: string) => problems.push({ path, value, message });
  if (props.groupIds.length === 0) add(['groupIds'], [], 'at least one group id');
  if (!Token.isUnresolved(minutes) && (!Number.isInteger(minutes) || minutes < 1 || minutes > 120))
    add(['reauthenticateMinutes'], minutes, 'whole minutes from 1 to 120');
  const { min, max } = BREAK_GLASS_REAUTHENTICATE_MINUTES;
  if (!Token.isUnresolved(bgMinutes) && (!Number.isInteger(bgMinutes) || bgMinutes < min || bgMinutes > max))
    add(['breakGlassReauthenticateMinutes'], bgMinutes, `whole minutes from ${min} to ${max}`);
  if (props.groupIds.includes(props.breakGlassGroupId))
    add(['breakGlassGroupId'], props.breakGlassGroupId, 'a group the rule does not include (it is excluded)');
  const hardware: readonly string[] = HARDWARE_PROTECTED_AUTHENTICATORS.map(possessionTypeOf);
  if (bgTypes.length === 0) add(['breakGlassPossessionTypes'], [], `at least one of ${hardware.join(', ')}`);
  bgTypes.forEach((t, i) => {
    if (!hardware.includes(t))
      add(['breakGlassPossessionTypes', i], t, `${hardware.join(' or ')} (hardware-protected, phishing-resistant)`);
  });
  for (const [key, binding] of Object.entries(props.roles ?? {}))
    binding.roles.forEach((role, i) => {
      const message = Token.isUnresolved(role) ? undefined : adminRoleProblem(role);
      if (message) add(['roles', key, 'roles', i], role, message);
    });
  refuseProblems('AdminSurfaces', problems);
}

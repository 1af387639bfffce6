import { defineRule, NOT_APPLICABLE, on, verdict, type RuleFinding } from '../rule';
import { constraintsOf, requiresPhishingResistant } from '../../synthesized/facts';
import { ADMIN_SURFACES } from '../../domain/okta/admin-surfaces';
import { requiresHardwareBound } from '../../domain/okta/sign-on-constraints';
import { EVERYONE, ReadModel, type AdminSurfaceApp } from '../../synthesized/read-model';
import type { TfResource } from '../../synthesized/model';

/** Environments whose stacks must carry the Admin Console rule (when they run an MFA rollout). */
const REQUIRED_IN = ['staging', 'prod'];

/** What an administrators' allow rule lacks: phishing resistance, device binding and hardware-held keys. */
function weakness(rule: TfResource): string | undefined {
  const constraints = constraintsOf(rule);
  if (constraints.length === 0 || constraints.some((c) => !c.value || !requiresPhishingResistant(c.value)))
    return 'an allow rule that does not require phishing-resistant possession';
  if (constraints.some((c) => !requiresHardwareBound(c.value!)))
    return (
      'an allow rule that accepts a phishing-resistant factor that is not device-bound and hardware-protected ' +
      '(a synced passkey, from any device): require deviceBound and hardwareProtection'
    );
  return undefined;
}

/** Groups given an admin role by the stack that no rule of the Admin Console covers. */
function uncoveredRoleHolders(surface: AdminSurfaceApp): RuleFinding[] {
  const c = surface.coverage;
  return c.roles
    .filter((r) =>
      c.exempt.includes(r.group)
        ? !c.breakGlass.includes(r.group)
        : !c.everyone && !c.groups.includes(r.group) && r.group !== EVERYONE,
    )
    .map((r) =>
      on(
        r.resource,
        `${r.group} holds ${r.role} but no rule the stack adds to the ${surface.label}'s policy covers it: ` +
          "its members sign in by the policy's own rules",
      ),
    );
}

export default defineRule({
  id: 'MFA-13',
  name: 'admin-surfaces-phishing-resistant',
  severity: 'error',
  title:
    "Okta's own admin surfaces (Admin Console, Dashboard) get a rule requiring a device-bound, hardware-protected " +
    'phishing-resistant factor on their existing policy, covering every group the stack gives an admin role; ' +
    'staging and prod always have one on the Admin Console',
  why:
    'Whoever phishes an Okta administrator owns every app behind Okta. The Admin Console keeps its own ' +
    "authentication policy: the rollout's tiers never apply to it, so without a rule there any factor gets an " +
    'admin in. A rule that lets a weaker factor through leaves the same hole, and so does a synced passkey: its ' +
    'key leaves the device, so a compromised cloud account signs in from anywhere. A group holding an admin role ' +
    'that the rule does not cover signs in by the rules Terraform neither owns nor sees (administrators holding ' +
    'roles otherwise are covered only by a rule for Everyone: the preflight lists them).',
  source:
    'Okta docs: Phishing-resistant authentication for admins ("Okta Admin Console" authentication policy); ' +
    'okta provider v4.20.0 okta/data_source_okta_app_signon_policy.go:31-53 (the policy is looked up, not ' +
    'created), sdk/v2_possessionConstraint.go:11-12 (deviceBound, hardwareProtection), ' +
    'okta/resource_okta_group_role.go:56-80 (group_id, role_type)',
  fix:
    'Set identity.mfa.adminSurfaces (groups: `everyone` covers every administrator; roles; breakGlass) in the ' +
    'environment: the stack adds a rule requiring device-bound, hardware-protected phishing-resistant possession ' +
    "to the Admin Console's existing policy (and the Dashboard's with `dashboard`).",
  check: (stack) => {
    const surfaces = ReadModel.of(stack).adminSurfaces;
    const required = REQUIRED_IN.includes(stack.environment ?? '') && stack.has('okta_policy_mfa');
    if (surfaces.length === 0 && !required) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    const console = surfaces.find((s) => s.label === ADMIN_SURFACES['admin-console']);
    if (required && !console?.adminRules.length)
      findings.push({
        address: stack.stackName,
        message:
          `${stack.environment} runs an MFA rollout but has no rule on the ${ADMIN_SURFACES['admin-console']}'s ` +
          'policy: set identity.mfa.adminSurfaces',
      });
    for (const s of surfaces) {
      if (s.adminRules.length === 0)
        findings.push(on(s.policy, `${s.label}: the stack adds no allow rule for administrators to its policy`));
      for (const rule of s.adminRules) {
        const weak = weakness(rule);
        if (weak) findings.push(on(rule, `${s.label}: ${weak}`));
        if (rule.attrs.factor_mode === '1FA')
          findings.push(on(rule, `${s.label}: factor_mode 1FA (the phishing-resistant factor must be a second one)`));
      }
      findings.push(...uncoveredRoleHolders(s));
    }
    return verdict(findings);
  },
});

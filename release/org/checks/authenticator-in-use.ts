/**
 * authenticator-in-use (blocker): Okta refuses to deactivate an authenticator that a policy still uses
 * (okta provider v4.20.0 okta/resource_okta_authenticator.go:39-41), so an apply that deactivates one stops
 * midway when a policy the stack does not manage offers it: an enrollment policy that lets people enroll it,
 * a password policy that recovers with it, or an authentication policy rule that names it. The policies the
 * stack manages are left out: the org's default enrollment and password policies when the stack PUTs them
 * (and its PUT no longer offers the authenticator: depends_on orders that PUT before the deactivation), and
 * the stack's own policies and rules by name.
 */
import { attr, str } from '../../../synthesized/json';
import type { Finding } from '../findings';
import type { OktaPolicy, OktaRule } from '../org';
import type { Check, CheckContext } from './context';
import { namesOf } from './context';
import { defaultPolicyOf, RECOVERY_FACTORS } from './password-policy';
import { authenticatorOf } from '../../../domain/okta/authenticators';

interface Use {
  readonly policy: OktaPolicy;
  readonly rule?: OktaRule;
  readonly how: string;
}

export const authenticatorInUse: Check = async (ctx) => {
  const { org, read } = ctx;
  const deactivating = read.authenticators.filter((a) => !a.active).map((a) => a.key);
  if (deactivating.length === 0) return { findings: [] };
  const active = (await org.authenticators()).filter((a) => a.status === 'ACTIVE' && deactivating.includes(a.key));
  const findings: Finding[] = [];
  for (const authenticator of active) {
    const uses = [
      ...(await enrollmentUses(ctx, authenticator.key)),
      ...(await recoveryUses(ctx, authenticator.key)),
      ...(await ruleUses(ctx, authenticator.key)),
    ];
    for (const use of uses) {
      const where = use.rule
        ? `rule "${use.rule.name}" of ${use.policy.type} policy "${use.policy.name}"`
        : `${use.policy.type} policy "${use.policy.name}"`;
      findings.push({
        kind: 'authenticator-in-use',
        severity: 'blocker',
        subject: { type: 'authenticator', name: authenticator.name, id: authenticator.id },
        message:
          `the stack deactivates ${authenticator.key}, but ${where} (${use.rule?.id ?? use.policy.id}), which ` +
          `the stack does not manage, ${use.how}: Okta refuses the deactivation and the apply stops midway. ` +
          `Stop that policy from using ${authenticator.key} first (or keep the authenticator active)`,
      });
    }
  }
  return { findings };
};

/** Enrollment policies that let people enroll the authenticator (settings.authenticators[].enroll.self). */
async function enrollmentUses({ org, model }: CheckContext, key: string): Promise<Use[]> {
  const policies = await org.policies('MFA_ENROLL');
  const own = new Set(namesOf(model, 'okta_policy_mfa'));
  const managedDefault = model.has('okta_policy_mfa_default') ? defaultPolicyOf(policies) : undefined;
  const defaultAttrs = model.resources('okta_policy_mfa_default')[0]?.attrs;
  return policies.flatMap((policy) => {
    if (own.has(policy.name)) return [];
    if (policy.id === managedDefault?.id && str(attr(defaultAttrs, key, 'enroll')) === 'NOT_ALLOWED') return [];
    const entry = (policy.settings?.authenticators ?? []).find((a: { key?: string }) => a.key === key);
    const enroll = entry?.enroll?.self;
    if (!enroll || enroll === 'NOT_ALLOWED') return [];
    return [{ policy, how: `lets people enroll it (${enroll})` }];
  });
}

/**
 * Password policies that recover with it (settings.recovery.factors.<factor>.status ACTIVE): its recovery
 * switches are the registry's (domain/okta/authenticators.ts `passwordRecovery`).
 */
async function recoveryUses({ org, read }: CheckContext, key: string): Promise<Use[]> {
  const attributes = authenticatorOf(key)?.passwordRecovery?.attributes ?? [];
  const factors = attributes.map((attribute) => ({ attribute, factor: RECOVERY_FACTORS[attribute] }));
  if (factors.length === 0) return [];
  const policies = await org.policies('PASSWORD');
  const stack = read.defaultPasswordPolicy;
  const managedDefault = stack ? defaultPolicyOf(policies) : undefined;
  return policies.flatMap((policy) => {
    const used = factors.filter((f) => policy.settings?.recovery?.factors?.[f.factor]?.status === 'ACTIVE');
    const stillUsed =
      policy.id === managedDefault?.id ? used.filter((f) => str(stack!.settings[f.attribute]) === 'ACTIVE') : used;
    return stillUsed.length
      ? [{ policy, how: `recovers passwords with it (${stillUsed.map((f) => f.factor).join(', ')})` }]
      : [];
  });
}

/** Authentication policy rules whose constraints name it (authenticationMethods[].key). */
async function ruleUses({ org, model }: CheckContext, key: string): Promise<Use[]> {
  const ownPolicies = new Set(namesOf(model, 'okta_app_signon_policy'));
  const ownRules = new Set(namesOf(model, 'okta_app_signon_policy_rule'));
  const policies = (await org.policies('ACCESS_POLICY')).filter((p) => !ownPolicies.has(p.name));
  const uses: Use[] = [];
  for (const policy of policies) {
    for (const rule of await org.rules(policy.id)) {
      if (ownRules.has(rule.name)) continue;
      if (namesKey(rule.actions?.appSignOn?.verificationMethod, key))
        uses.push({ policy, rule, how: 'requires it in its authentication constraints' });
    }
  }
  return uses;
}

/** Whether a verification method (its constraints or chains) names the key in an `authenticationMethods` list. */
function namesKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((v) => namesKey(v, key));
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) =>
    k === 'authenticationMethods' && Array.isArray(v)
      ? v.some((m) => (m as { key?: unknown })?.key === key)
      : namesKey(v, key),
  );
}

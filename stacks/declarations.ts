/**
 * Builds the stack's declarations contract (synthesized/declarations.ts) and records it under the
 * synthesized JSON's top-level `//` comment block that Terraform ignores: the environment, each sign-on
 * policy's tier, public routes with their reasons, suppressions, the external issuer in gateway-only
 * mode, the assurance each scope requires, the MFA rollout, what the Okta org has (risk scoring, identity-provider
 * conditions, device management) and the password policy's reasoned departures from guidance. `npm run check`
 * then works on any synth output, not only on this checkout's config.
 */
import type { TerraformStack } from 'cdktf';
import { EVERYONE, type EnvironmentConfig } from '../config/schema';
import { SIGN_ON_TIERS, type AssuranceLevel } from '../domain/okta/sign-on-constraints';
import { DECLARATIONS_KEY, type StackDeclarations } from '../synthesized/declarations';
import type { OktaMfaRollout } from '../constructs/okta/mfa-rollout';

/** Terraform address of each tier's app sign-on policy -> the tier. */
function policyTiers(rollout: OktaMfaRollout | undefined): StackDeclarations['policyTiers'] {
  if (!rollout) return undefined;
  return Object.fromEntries(
    SIGN_ON_TIERS.map((tier) => [`okta_app_signon_policy.${rollout.tierPolicies[tier].policy.friendlyUniqueId}`, tier]),
  );
}

/** Records the stack's declarations under `//`; the object is checked against the contract with `satisfies`. */
export function declareGuardrails(stack: TerraformStack, config: EnvironmentConfig, mfaRollout?: OktaMfaRollout): void {
  const publicRoutes = Object.fromEntries(
    config.gateway.routes.filter((r) => r.public).map((r) => [r.routeKey, r.public!.reason]),
  );
  const suppressions = (config.suppressions ?? []).map((s) => ({
    ruleId: s.ruleId,
    address: s.address,
    reason: s.reason,
    ...(s.expires ? { expires: s.expires } : {}),
  }));
  const identity = config.identity;
  const externalIssuer =
    identity.mode === 'external'
      ? { issuer: identity.issuer, audience: [identity.audience], scopes: [...identity.scopes] }
      : undefined;
  const scopeAssurance: Record<string, AssuranceLevel> = {};
  if (identity.mode === 'managed') {
    for (const s of identity.scopes) if (s.requiredAssurance) scopeAssurance[s.name] = s.requiredAssurance;
  }
  // Waves with their groups' display names, as the review and report show groups.
  const groupName = (key: string): string => {
    if (identity.mode !== 'managed') return key;
    if (key === EVERYONE) return 'Everyone';
    const g = identity.groups[key];
    return g && 'name' in g ? g.name : g && 'existingId' in g ? g.existingId : key;
  };
  const mfa = identity.mode === 'managed' ? identity.mfa : undefined;
  const rollout = mfa
    ? {
        currentPhase: mfa.rollout.currentPhase,
        waves: mfa.rollout.waves.map((w) => ({ key: w.key, groups: w.groups.map(groupName) })),
      }
    : undefined;
  const bg = mfa?.adminSurfaces?.breakGlass;
  const breakGlass = bg && { group: groupName(bg.group), members: [...bg.members], maxMembers: bg.maxMembers };
  const tiers = policyTiers(mfaRollout);
  // What the org has: which sign-on rule conditions it takes (and returns), whether a device can be managed.
  const org =
    identity.mode === 'managed'
      ? {
          riskScoring: config.okta.riskScoring,
          identityProviderConditions: config.okta.identityProviderConditions,
          deviceManagement: mfa?.deviceManagement ?? false,
        }
      : undefined;
  const override = mfa?.passwordPolicy.minLengthOverride?.reason;
  stack.addOverride(`//.${DECLARATIONS_KEY}`, {
    environment: config.environment,
    ...(tiers ? { policyTiers: tiers } : {}),
    publicRoutes,
    ...(suppressions.length > 0 ? { suppressions } : {}),
    ...(externalIssuer ? { externalIssuer } : {}),
    ...(Object.keys(scopeAssurance).length > 0 ? { scopeAssurance } : {}),
    ...(rollout ? { rollout } : {}),
    ...(breakGlass ? { breakGlass } : {}),
    ...(org ? { org } : {}),
    ...(override ? { passwordPolicy: { minLengthOverride: override } } : {}),
  } satisfies StackDeclarations);
}

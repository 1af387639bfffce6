/**
 * Records what the guardrails (and the review) need to know beyond the resources into the
 * synthesized stack, under the top-level `//` comment block that Terraform ignores: public routes
 * with their reasons, suppressions, the external issuer in gateway-only mode, and the assurance each
 * scope requires. `npm run check` then works on any synth output, not only on this checkout's config.
 */
import type { TerraformStack } from 'cdktf';
import { EVERYONE, type EnvironmentConfig } from '../config/schema';

export function declareGuardrails(stack: TerraformStack, config: EnvironmentConfig): void {
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
  const externalIssuer = identity.mode === 'external' ? { issuer: identity.issuer, audience: [identity.audience], scopes: [...identity.scopes] } : undefined;
  const scopeAssurance: Record<string, string> = {};
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
    ? { currentPhase: mfa.rollout.currentPhase, waves: mfa.rollout.waves.map((w) => ({ key: w.key, groups: w.groups.map(groupName) })) }
    : undefined;
  stack.addOverride('//.guardrails', {
    publicRoutes,
    ...(suppressions.length > 0 ? { suppressions } : {}),
    ...(externalIssuer ? { externalIssuer } : {}),
    ...(Object.keys(scopeAssurance).length > 0 ? { scopeAssurance } : {}),
    ...(rollout ? { rollout } : {}),
  });
}

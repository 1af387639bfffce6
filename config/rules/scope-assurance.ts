/**
 * Scope assurance: a scope that requires an assurance (requiredAssurance) reaches only apps whose sign-on
 * tier guarantees it, never a service app, and no refresh token outlives the tier's re-authentication.
 */
import { rolloutPhase } from '../../domain/okta/rollout-rules';
import {
  SIGN_ON_TIERS,
  satisfies,
  tierGuarantee,
  type AssuranceLevel,
  type SignOnTier,
} from '../../domain/okta/sign-on-constraints';
import {
  EVERYONE,
  type AccessPolicyConfig,
  type AppConfig,
  type EnvironmentConfig,
  type ManagedIdentity,
} from '../schema';
import type { Path, Report } from './rule';
import { managed } from './identity';

export function scopeAssuranceRules(c: EnvironmentConfig, report: Report): void {
  const id = managed(c);
  if (!id) return;
  const required = new Map<string, AssuranceLevel>();
  id.scopes.forEach((s) => s.requiredAssurance && required.set(s.name, s.requiredAssurance));
  id.accessPolicies.forEach((pol, i) => {
    const clients = id.apps.filter((a) => pol.clients.includes(a.key));
    pol.rules.forEach((rule, j) => {
      rule.scopes.forEach((scope, k) => {
        const need = required.get(scope);
        if (!need) return;
        const at: Grant = { rule, scope, need, path: ['identity', 'accessPolicies', i, 'rules', j] };
        for (const app of clients) grantRules(id, at, app, [...at.path, 'scopes', k], report);
      });
    });
  });
}

/** A scope that requires an assurance, granted by an access rule at `path`. */
interface Grant {
  readonly rule: AccessPolicyConfig['rules'][number];
  readonly scope: string;
  readonly need: AssuranceLevel;
  readonly path: Path;
}

function grantRules(id: ManagedIdentity, grant: Grant, app: AppConfig, scopePath: Path, report: Report): void {
  const { rule, scope, need } = grant;
  if (app.kind === 'service') {
    report(
      scopePath,
      `scope '${scope}' requires a ${need} user sign-in; service app ` +
        `'${app.key}' (client_credentials, no user, no MFA) can never receive it`,
    );
    return;
  }
  const mfa = id.mfa;
  const coversEveryone = mfa ? rolloutPhase(mfa.rollout, EVERYONE).coversEveryone : false;
  const tier = app.signOnTier;
  const got = mfa && tier ? tierGuarantee(tier, coversEveryone) : undefined;
  if (satisfies(got, need)) {
    // A refresh token mints new access tokens without a sign-in: it may not outlive the tier's
    // re-authentication interval, or the scope outlives the assurance it was granted on.
    const reauth = mfa && tier ? mfa.tiers[tier].reauthenticateMinutes : undefined;
    if (
      reauth !== undefined &&
      rule.grantTypes.includes('refresh_token') &&
      (rule.refreshTokenLifetimeMinutes ?? Infinity) > reauth
    ) {
      report(
        [...grant.path, 'refreshTokenLifetimeMinutes'],
        `rule grants '${scope}' (${need}) to app '${app.key}', whose tier ` +
          `'${tier}' re-authenticates every ${reauth} minutes; a refresh token ` +
          `living longer keeps minting the scope without that sign-in: at most ${reauth}`,
      );
    }
    return;
  }
  const enough = SIGN_ON_TIERS.filter((t) => satisfies(tierGuarantee(t, coversEveryone), need));
  report(
    scopePath,
    `scope '${scope}' requires a ${need} sign-in, but app '${app.key}' has sign-on tier ` +
      `'${tier ?? '(none)'}', which ${describeGuarantee(tier, got)}; allowed tiers: ` +
      `${enough.join(', ')}`,
  );
}

function describeGuarantee(tier: SignOnTier | undefined, got: AssuranceLevel | undefined): string {
  if (!tier) return 'guarantees nothing';
  if (got) return `guarantees only ${got}`;
  return 'guarantees no MFA until the rollout covers everyone';
}

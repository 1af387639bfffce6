/**
 * App sign-on tiers: a tier needs the MFA rollout, every user-facing app has one and a service app none, and
 * the groups of a high or critical app are enforced by the rollout at its current phase.
 */
import { rolloutPhase } from '../../domain/okta/rollout-rules';
import { SIGN_ON_TIERS } from '../../domain/okta/sign-on-constraints';
import { EVERYONE, type EnvironmentConfig } from '../schema';
import type { Path, Report } from './rule';
import { managed } from './identity';

export function signOnTierRules(c: EnvironmentConfig, report: Report): void {
  const id = managed(c);
  if (!id) return;
  const mfa = id.mfa;
  const phase = mfa ? rolloutPhase(mfa.rollout, EVERYONE) : undefined;
  id.apps.forEach((app, i) => {
    const p: Path = ['identity', 'apps', i, 'signOnTier'];
    if (!mfa || !phase) {
      if (app.signOnTier)
        report(p, 'a sign-on tier needs identity.mfa (the tier policies are part of the MFA rollout)');
      return;
    }
    if (app.kind === 'service') {
      if (app.signOnTier) report(p, 'a service app has no user sign-on and takes no sign-on tier');
      return;
    }
    if (!app.signOnTier) {
      report(p, `every user-facing app needs a sign-on tier; allowed: ${SIGN_ON_TIERS.join(', ')}`);
      return;
    }
    if (app.signOnTier === 'standard' || phase.coversEveryone) return;
    app.groups.forEach((g, j) => {
      if (phase.enforcedKeys.includes(g)) return;
      const joins = phase.waveOf.get(g);
      report(
        ['identity', 'apps', i, 'groups', j],
        `app '${app.key}' has sign-on tier ${app.signOnTier}, but the rollout does not enforce ` +
          `this group at phase '${mfa.rollout.currentPhase}' ` +
          `(${joins ? `it joins in wave '${joins}'` : 'it is in no wave'}): its members are never ` +
          `asked to enroll the phishing-resistant authenticator the tier requires; move the group ` +
          `to an enforced wave or advance the phase`,
      );
    });
  });
}

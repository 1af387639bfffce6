import { defineRule, each, on, type RuleFinding } from '../rule';
import { allows, str, tierOf } from '../facts';

const LIMIT_MINUTES = { high: 120, critical: 30 } as const;

/** Minutes of an ISO 8601 duration (PT2H, PT30M, P1D), or undefined. */
export function isoMinutes(value: string | undefined): number | undefined {
  const m = value ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value) : null;
  if (!m || value === 'P' || value === 'PT') return undefined;
  return Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) + Number(m[4] ?? 0) / 60;
}

export default defineRule({
  id: 'MFA-10',
  name: 'tier-reauthentication-frequency',
  severity: 'error',
  title: 'High tier rules re-authenticate at least every 2 hours, critical tier rules every 30 minutes',
  why: 'A phishing-resistant sign-in proves little about who is at the keyboard hours later; without a re-authentication frequency the session decides, and sessions last days.',
  source: 'Okta docs: Authentication policy rule re-authentication frequency',
  fix: 'Set the tier\'s reauthenticateMinutes (at most 120 for high, 30 for critical).',
  check: (stack) =>
    each(
      stack.resources('okta_app_signon_policy').filter((p) => tierOf(p) === 'high' || tierOf(p) === 'critical'),
      (policy) => {
        const limit = LIMIT_MINUTES[tierOf(policy) as 'high' | 'critical'];
        const f: RuleFinding[] = [];
        for (const rule of stack.referrers('okta_app_signon_policy_rule', 'policy_id', policy).filter(allows)) {
          const value = str(rule.attrs.re_authentication_frequency);
          const minutes = isoMinutes(value);
          if (minutes === undefined || minutes === 0 || minutes > limit) {
            f.push(on(rule, `re_authentication_frequency = ${value ?? 'unset'}; the ${tierOf(policy)} tier allows at most ${limit} minutes`));
          }
        }
        return f;
      },
    ),
});

import { defineRule, each, on, type RuleFinding } from '../rule';
import { allows, isoMinutes, str, tierOf } from '../../synthesized/facts';

const LIMIT_MINUTES = { high: 120, critical: 30 } as const;

export default defineRule({
  id: 'MFA-10',
  name: 'tier-reauthentication-frequency',
  severity: 'error',
  title: 'High tier rules re-authenticate at least every 2 hours, critical tier rules every 30 minutes',
  why:
    'A phishing-resistant sign-in proves little about who is at the keyboard hours later; ' +
    'without a re-authentication frequency the session decides, and sessions last days.',
  source: 'Okta docs: Authentication policy rule re-authentication frequency',
  fix: "Set the tier's reauthenticateMinutes (at most 120 for high, 30 for critical).",
  check: (stack) =>
    each(
      stack
        .resources('okta_app_signon_policy')
        .filter((p) => tierOf(stack, p) === 'high' || tierOf(stack, p) === 'critical'),
      (policy) => {
        const limit = LIMIT_MINUTES[tierOf(stack, policy) as 'high' | 'critical'];
        const f: RuleFinding[] = [];
        for (const rule of stack.referrers('okta_app_signon_policy_rule', 'policy_id', policy).filter(allows)) {
          const value = str(rule.attrs.re_authentication_frequency);
          const minutes = isoMinutes(value);
          if (minutes === undefined || minutes === 0 || minutes > limit) {
            f.push(
              on(
                rule,
                `re_authentication_frequency = ${value ?? 'unset'}; the ` +
                  `${tierOf(stack, policy)} tier allows at most ${limit} minutes`,
              ),
            );
          }
        }
        return f;
      },
    ),
});

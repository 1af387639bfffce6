/**
 * The org's default password policy in config: `identity.mfa.passwordPolicy`. It lives with the MFA rollout because
 * the rollout is what manages the policy (the org's default password and enrollment policies, which an authenticator
 * it deactivates must leave first), and its recovery switches follow the authenticators beside it. Every setting has
 * a default from current guidance (domain/okta/password-policy.ts, NIST SP 800-63B-4), and every setting is written
 * to the stack: the provider PUTs the whole policy, so a setting left out would replace the org's own with the
 * provider's default. The rules across settings (a short minimum length needs a reason) are in rules/mfa-rollout.ts.
 */
import { z } from 'zod';
import { MIN_REASON_LENGTH } from '../domain/bounds';
import {
  GUIDANCE_MIN_LENGTH,
  MFA_ONLY_MIN_LENGTH,
  PASSWORD_POLICY_DEFAULTS as D,
  PASSWORD_POLICY_RANGES as R,
} from '../domain/okta/password-policy';

/** A whole number within a domain range, the message saying the range and why. */
const whole = (range: (typeof R)[keyof typeof R]) => {
  const allowed = `allowed: whole ${range.unit} from ${range.min} to ${range.max}${range.why ? ` (${range.why})` : ''}`;
  return z.number().int(allowed).min(range.min, allowed).max(range.max, allowed);
};

export const passwordPolicySchema = z
  .object({
    minLength: whole(R.minLength)
      .default(D.minLength)
      .describe(
        `fewest characters (${R.minLength.min}-${R.minLength.max}); below ${GUIDANCE_MIN_LENGTH} (NIST SP ` +
          `800-63B-4, a password that can sign in alone) only with \`minLengthOverride\`, never below ` +
          `${MFA_ONLY_MIN_LENGTH}`,
      ),
    minLengthOverride: z
      .object({
        reason: z
          .string()
          .trim()
          .min(MIN_REASON_LENGTH, `say why in at least ${MIN_REASON_LENGTH} characters`)
          .describe('why the minimum length is below the guidance (shown in reviews and the posture report)'),
      })
      .strict()
      .optional()
      .describe('`{ reason }`: why `minLength` is below the guidance; shown in reviews'),
    commonPasswordCheck: z
      .boolean()
      .default(D.commonPasswordCheck)
      .describe("refuse passwords on Okta's common-password list"),
    excludeUsername: z.boolean().default(D.excludeUsername).describe('refuse passwords containing the username'),
    excludeFirstName: z.boolean().default(D.excludeFirstName).describe('refuse passwords containing the first name'),
    excludeLastName: z.boolean().default(D.excludeLastName).describe('refuse passwords containing the last name'),
    requireLowercase: z
      .boolean()
      .default(D.requireLowercase)
      .describe('composition rule: a lower-case letter (off: guidance forbids composition rules)'),
    requireUppercase: z.boolean().default(D.requireUppercase).describe('composition rule: an upper-case letter'),
    requireNumber: z.boolean().default(D.requireNumber).describe('composition rule: a digit'),
    requireSymbol: z.boolean().default(D.requireSymbol).describe('composition rule: a symbol'),
    historyCount: whole(R.historyCount)
      .default(D.historyCount)
      .describe('distinct passwords before one may be reused (0: none remembered)'),
    minAgeMinutes: whole(R.minAgeMinutes).default(D.minAgeMinutes).describe('minutes between password changes'),
    maxAgeDays: whole(R.maxAgeDays)
      .default(D.maxAgeDays)
      .describe('days a password is valid; 0 (default): it never expires (guidance: no periodic change)'),
    expireWarnDays: whole(R.expireWarnDays)
      .default(D.expireWarnDays)
      .describe('days of warning before expiry (only with `maxAgeDays`)'),
    lockoutAttempts: whole(R.lockoutAttempts)
      .default(D.lockoutAttempts)
      .describe('failed sign-ins before the account locks (1-100)'),
    autoUnlockMinutes: whole(R.autoUnlockMinutes)
      .default(D.autoUnlockMinutes)
      .describe('minutes until a locked account unlocks itself; 0 (default): until the user or an admin unlocks it'),
    lockoutEmail: z.boolean().default(D.lockoutEmail).describe('email the user when their account locks'),
    showLockoutFailures: z
      .boolean()
      .default(D.showLockoutFailures)
      .describe('tell whoever is signing in that the account is locked'),
    recoveryEmailTokenMinutes: whole(R.recoveryEmailTokenMinutes)
      .default(D.recoveryEmailTokenMinutes)
      .describe('minutes a password-reset email stays valid'),
  })
  .strict()
  .default({})
  .describe(
    "every setting of the org's default password policy (the provider PUTs the whole policy): defaults follow " +
      'NIST SP 800-63B-4 (15 characters, common-password check, no composition rules, no expiry, lockout after ' +
      '10 with an email)',
  );

export type PasswordPolicyConfig = z.infer<typeof passwordPolicySchema>;

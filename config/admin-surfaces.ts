/**
 * The admin-surface part of an MFA rollout's config: Okta's own Admin Console (and, where configured,
 * the Okta Dashboard) get a phishing-resistant rule on their existing authentication policies, with a
 * small, alarmed break-glass group excluded. Embedded in the main schema as `identity.mfa.adminSurfaces`;
 * the cross-field rules (groups known, break-glass outside the waves, alarmed) are in rules/admin-surfaces.ts.
 */
import { z } from 'zod';
import { BREAK_GLASS_MAX_MEMBERS } from '../domain/okta/admin-surfaces';

/** An Okta login (the System Log's actor.alternateId): an email-shaped user name. */
const login = z
  .string()
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an Okta login (user name), e.g. break-glass-1@example.com');

export const adminSurfacesSchema = z
  .object({
    /** Also the Okta Dashboard (every user's landing page), not only the Admin Console. @default false */
    dashboard: z
      .boolean()
      .default(false)
      .describe('also put the rule on the Okta Dashboard (every signed-in user), not only the Admin Console'),
    /** Group keys the phishing-resistant rule applies to (`everyone` for all). */
    groups: z
      .array(z.string())
      .min(1, 'at least one group: the people who administer Okta')
      .describe('group keys the phishing-resistant rule applies to (`everyone` for all)'),
    /** Re-authentication interval of the rule, minutes. @default 60 */
    reauthenticateMinutes: z
      .number()
      .int('whole minutes')
      .min(1, 'allowed: 1 to 120 minutes')
      .max(120, 'allowed: 1 to 120 minutes (an admin session re-authenticates at least every 2 hours)')
      .default(60)
      .describe('re-authentication interval of the rule (1 to 120 minutes)'),
    breakGlass: z
      .object({
        /** Group key of the break-glass accounts (identity.groups), excluded from the rule. */
        group: z.string().describe('group key of the break-glass accounts, excluded from the rule'),
        /** Logins of the group's members: their sign-ins raise an alert. */
        members: z.array(login).min(1, 'at least one break-glass account').describe('logins of its members'),
        /** The most members the group may have. @default 2 */
        maxMembers: z
          .number()
          .int()
          .min(1)
          .max(BREAK_GLASS_MAX_MEMBERS, `allowed: 1 to ${BREAK_GLASS_MAX_MEMBERS} (break-glass stays small)`)
          .default(2)
          .describe(`the most members it may have (1 to ${BREAK_GLASS_MAX_MEMBERS})`),
      })
      .strict()
      .describe(
        '`group` (key, excluded from the rule), `members` (logins; each sign-in alerts the audit topic), ' +
          '`maxMembers` (default 2)',
      ),
  })
  .strict()
  .describe(
    "Okta's own admin surfaces: a phishing-resistant rule on the Admin Console's (and with `dashboard` the " +
      "Okta Dashboard's) existing authentication policy, for `groups`, minus the `breakGlass` group",
  );

export type AdminSurfacesConfig = z.infer<typeof adminSurfacesSchema>;

/**
 * The admin-surface part of an MFA rollout's config: Okta's own Admin Console (and, where configured,
 * the Okta Dashboard) get a rule requiring a device-bound, hardware-protected phishing-resistant factor on their
 * existing authentication policies; a small, alarmed break-glass group is excluded from it and admitted by a rule
 * of its own (password + hardware key); admin roles may be bound to the groups the rule covers. Embedded in the
 * main schema as `identity.mfa.adminSurfaces`; the cross-field rules (groups known, roles covered, break-glass
 * outside the waves, hardware-protected, alarmed) are in rules/admin-surfaces.ts.
 */
import { z } from 'zod';
import {
  BREAK_GLASS_MAX_MEMBERS,
  BREAK_GLASS_REAUTHENTICATE_MINUTES,
  DEFAULT_BREAK_GLASS_AUTHENTICATORS,
  HARDWARE_PROTECTED_AUTHENTICATORS,
} from '../domain/okta/admin-surfaces';
import type { ManagedAuthenticator } from '../domain/okta/authenticators';

/** An Okta admin role type: the cross-field rule (rules/admin-surfaces.ts) names the allowed ones. */
const adminRole = z.string().describe('an Okta admin role type, e.g. `ORG_ADMIN`');

const { min: BG_MIN, max: BG_MAX, default: BG_DEFAULT } = BREAK_GLASS_REAUTHENTICATE_MINUTES;

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
    /**
     * Okta admin roles the stack binds to groups (okta_group_role), by group key: each a group the rule covers
     * (or the break-glass group). Admins who hold a role otherwise are covered only when `groups` has `everyone`.
     * @default {}
     */
    roles: z
      .record(z.string(), z.array(adminRole).describe('Okta admin role types bound to the group'))
      .default({})
      .describe(
        'Okta admin roles bound to groups (`okta_group_role`), by group key: each group one the rule covers, or ' +
          'the break-glass group',
      ),
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
        /** Group key of the break-glass accounts (identity.groups): excluded from the rule, admitted by its own. */
        group: z
          .string()
          .describe('group key of the break-glass accounts: excluded from the admin rule, admitted by its own'),
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
        /** Authenticators their own rule accepts beside the password: hardware-protected. @default - security keys */
        authenticators: z
          .array(z.enum(HARDWARE_PROTECTED_AUTHENTICATORS as [ManagedAuthenticator, ...ManagedAuthenticator[]]))
          .default([...DEFAULT_BREAK_GLASS_AUTHENTICATORS])
          .describe(
            `authenticators the break-glass rule accepts beside the password (${HARDWARE_PROTECTED_AUTHENTICATORS.join(
              ', ',
            )}; default ${DEFAULT_BREAK_GLASS_AUTHENTICATORS.join(', ')}: a hardware security key)`,
          ),
        /** Re-authentication interval of the break-glass rule, minutes. @default 15 */
        reauthenticateMinutes: z
          .number()
          .int('whole minutes')
          .min(BG_MIN, `allowed: ${BG_MIN} to ${BG_MAX} minutes`)
          .max(BG_MAX, `allowed: ${BG_MIN} to ${BG_MAX} minutes (an emergency session stays short)`)
          .default(BG_DEFAULT)
          .describe(`re-authentication interval of the break-glass rule (${BG_MIN} to ${BG_MAX} minutes)`),
      })
      .strict()
      .describe(
        '`group` (key, excluded from the rule, admitted by a rule of its own: password + hardware key), `members` ' +
          '(logins; each sign-in alerts the audit topic), `maxMembers` (default 2), `authenticators`, ' +
          '`reauthenticateMinutes`',
      ),
  })
  .strict()
  .describe(
    "Okta's own admin surfaces: a rule requiring a device-bound, hardware-protected phishing-resistant factor on " +
      "the Admin Console's (and with `dashboard` the Okta Dashboard's) existing authentication policy, for " +
      '`groups` minus the `breakGlass` group, which gets a rule of its own; `roles` binds admin roles to groups',
  );

export type AdminSurfacesConfig = z.infer<typeof adminSurfacesSchema>;

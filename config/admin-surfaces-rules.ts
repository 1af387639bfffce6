/**
 * Cross-field rules of the admin surfaces (config/admin-surfaces.ts): the rule's groups and the
 * break-glass group are declared groups; the break-glass group stays outside every rollout wave and the
 * rule's own groups, declares no more members than it allows, and is alarmed through the audit trail.
 */
import { z } from 'zod';
import type { AdminSurfacesConfig } from './admin-surfaces';

interface AdminSurfaceRulesInput {
  readonly identity: {
    readonly mode: 'managed' | 'external';
    readonly groups?: Readonly<Record<string, unknown>>;
    readonly mfa?: {
      readonly rollout: { readonly waves: readonly { readonly key: string; readonly groups: readonly string[] }[] };
      readonly adminSurfaces?: AdminSurfacesConfig;
    };
  };
  readonly audit?: { readonly oktaLogStream?: unknown };
}

/** Group key reserved for Okta's Everyone group (config/schema.ts EVERYONE). */
const EVERYONE = 'everyone';
const BASE = ['identity', 'mfa', 'adminSurfaces'];

/** Problems of `identity.mfa.adminSurfaces`, each with its path. */
export function adminSurfaceRules(cfg: unknown, ctx: z.RefinementCtx): void {
  const c = cfg as AdminSurfaceRulesInput;
  const surfaces = c.identity.mode === 'managed' ? c.identity.mfa?.adminSurfaces : undefined;
  if (!surfaces) return;
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...BASE, ...path], message });
  const declared = Object.keys(c.identity.groups ?? {});
  const known = `a group key of identity.groups (${declared.join(', ') || 'none declared'}) or ${EVERYONE}`;
  surfaces.groups.forEach((g, i) => {
    if (g !== EVERYONE && !declared.includes(g)) issue(['groups', i], `unknown group: ${known}`);
  });
  const bg = surfaces.breakGlass;
  if (bg.group === EVERYONE || !declared.includes(bg.group)) {
    issue(['breakGlass', 'group'], `a group of its own: ${known.replace(` or ${EVERYONE}`, '')}`);
  }
  const waves = c.identity.mfa?.rollout.waves ?? [];
  for (const w of waves) {
    if (w.groups.includes(bg.group))
      issue(
        ['breakGlass', 'group'],
        `${bg.group} is in rollout wave ${w.key}: break-glass accounts stay outside every rollout wave ` +
          '(the rollout must never be able to lock them out)',
      );
  }
  if (surfaces.groups.includes(bg.group))
    issue(
      ['breakGlass', 'group'],
      `${bg.group} is also in adminSurfaces.groups: the rule must exclude it, not include it`,
    );
  if (bg.members.length > bg.maxMembers)
    issue(
      ['breakGlass', 'members'],
      `${bg.members.length} members declared; allowed: at most maxMembers = ${bg.maxMembers} (break-glass stays small)`,
    );
  const seen = new Set<string>();
  bg.members.forEach((m, i) => {
    if (seen.has(m.toLowerCase())) issue(['breakGlass', 'members', i], 'each member once');
    seen.add(m.toLowerCase());
  });
  if (!c.audit?.oktaLogStream)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['audit', 'oktaLogStream'],
      message:
        'break-glass sign-ins must raise an alert: stream the Okta System Log (audit.oktaLogStream) ' +
        'while identity.mfa.adminSurfaces.breakGlass is set',
    });
}

/**
 * Okta's own admin surfaces (identity.mfa.adminSurfaces): the rule's groups and the break-glass group as the
 * construct checks them (domain/okta/rollout-rules.ts: groups known, roles on covered groups, break-glass outside
 * the waves with hardware-protected authenticators), and the config's own: the break-glass group declares
 * no more members than it allows, each once, and is alarmed through the audit trail.
 */
import { adminSurfaceProblems } from '../../domain/okta/rollout-rules';
import type { EnvironmentConfig } from '../schema';
import type { Path, Report } from './rule';
import { groupKeysOf, managed } from './identity';

const BASE: Path = ['identity', 'mfa', 'adminSurfaces'];
/** The shared rule's prop names that the config spells otherwise. */
const CONFIG_FIELDS: Readonly<Record<string, Path>> = {
  breakGlassGroup: ['breakGlass', 'group'],
  breakGlassAuthenticators: ['breakGlass', 'authenticators'],
};

export function adminSurfaceRules(c: EnvironmentConfig, report: Report): void {
  const id = managed(c);
  const surfaces = id?.mfa?.adminSurfaces;
  if (!id?.mfa || !surfaces) return;
  const bg = surfaces.breakGlass;
  const shared = adminSurfaceProblems(
    {
      groups: surfaces.groups,
      breakGlassGroup: bg.group,
      roles: surfaces.roles,
      breakGlassAuthenticators: bg.authenticators,
    },
    id.mfa.rollout.waves,
    groupKeysOf(id),
    // Not the authenticators: a break-glass authenticator that is INACTIVE is the cross-reference check's
    // (config/references.ts), reported once.
  );
  for (const p of shared) {
    const [field, ...rest] = p.path;
    report([...BASE, ...(CONFIG_FIELDS[String(field)] ?? [field]), ...rest], p.message);
  }
  if (bg.members.length > bg.maxMembers)
    report(
      [...BASE, 'breakGlass', 'members'],
      `${bg.members.length} members declared; allowed: at most maxMembers = ${bg.maxMembers} (break-glass stays small)`,
    );
  const seen = new Set<string>();
  bg.members.forEach((m, i) => {
    if (seen.has(m.toLowerCase())) report([...BASE, 'breakGlass', 'members', i], 'each member once');
    seen.add(m.toLowerCase());
  });
  if (!c.audit?.oktaLogStream)
    report(
      ['audit', 'oktaLogStream'],
      'break-glass sign-ins must raise an alert: stream the Okta System Log (audit.oktaLogStream) ' +
        'while identity.mfa.adminSurfaces.breakGlass is set',
    );
}

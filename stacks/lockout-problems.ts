/**
 * The no-lock-out proof as a configuration check: a stack in which some group can no longer sign in
 * (simulator/lockout.ts) is a config error naming the environment, the field that assigns the group (the
 * app's `groups`, or the admin surfaces' groups, roles or break-glass group), the group and why, and the stack
 * is not published.
 * It reads the Terraform JSON cdktf has just written (synthesizeApp runs it between cdktf's write and the
 * publishing of the files), so the stack is rendered once, not once more for this check.
 */
import type { ConfigProblem } from '../config/load';
import { EVERYONE, type EnvironmentConfig } from '../config/schema';
import { StackModel } from '../synthesized/model';
import { keyedPath } from '../domain/problems';
import { describeLockOut, lockOuts, type LockOut } from '../simulator/lockout';
import { EVERYONE as EVERYONE_NAME } from '../simulator/stack';

const ALLOWED = 'allowed: a group that some rule lets sign in with authenticators it can enroll';

/** Every lock-out of a synthesized stack of `config`, as config problems. */
export function lockOutProblems(config: EnvironmentConfig, model: StackModel): ConfigProblem[] {
  const identity = config.identity;
  if (identity.mode !== 'managed' || !identity.mfa) return [];
  const keyOf = (name: string): string =>
    name === EVERYONE_NAME
      ? EVERYONE
      : (Object.entries(identity.groups).find(([, g]) => ('name' in g ? g.name : g.existingId) === name)?.[0] ?? name);
  const pathOf = (l: LockOut, key: string): string => {
    const admin = identity.mfa?.adminSurfaces;
    if (l.adminSurface && admin) {
      if (admin.breakGlass.group === key) return 'identity.mfa.adminSurfaces.breakGlass.group';
      const i = admin.groups.indexOf(key);
      if (i < 0 && key in admin.roles) return `identity.mfa.adminSurfaces.roles.${key}`;
      return `identity.mfa.adminSurfaces.groups${i >= 0 ? `[${i}]` : ''}`;
    }
    const a = identity.apps.findIndex((app) => app.key === l.app);
    const g = a >= 0 ? identity.apps[a].groups.indexOf(key) : -1;
    return keyedPath(config, ['identity', 'apps', a, 'groups', ...(g >= 0 ? [g] : [])]);
  };
  return lockOuts(model).map((l) => {
    const key = keyOf(l.group);
    return {
      environment: config.environment,
      path: pathOf(l, key),
      received: JSON.stringify(key),
      message: `${describeLockOut(l)}; ${ALLOWED}`,
    };
  });
}

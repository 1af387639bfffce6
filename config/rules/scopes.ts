/** Scopes: each name once, and never one of the OpenID scopes every authorization server has. */
import { SYSTEM_SCOPES } from '../../domain/oauth-clients';
import type { EnvironmentConfig } from '../schema';
import { duplicates, type Path, type Report } from './rule';

export function scopeRules(c: EnvironmentConfig, report: Report): void {
  const scopeNames = declaredScopes(c);
  duplicates(scopeNames).forEach((i) => report(scopePath(c, i), 'scope names must be unique'));
  if (c.identity.mode !== 'managed') return;
  c.identity.scopes.forEach((s, i) => {
    if (SYSTEM_SCOPES.includes(s.name))
      report(
        ['identity', 'scopes', i, 'name'],
        'this OpenID scope exists on every authorization server; do not declare it',
      );
  });
}

/** The scope names the authorization server defines (managed) or the trusted server has (external). */
export function declaredScopes(c: EnvironmentConfig): string[] {
  return c.identity.mode === 'managed' ? c.identity.scopes.map((s) => s.name) : [...c.identity.scopes];
}

function scopePath(c: EnvironmentConfig, i: number): Path {
  return c.identity.mode === 'managed' ? ['identity', 'scopes', i, 'name'] : ['identity', 'scopes', i];
}

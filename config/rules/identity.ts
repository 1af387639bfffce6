/**
 * The managed identity's keys and claims: app and policy keys once, `everyone` reserved for Okta's Everyone
 * group, a groups claim that filters, and claim scopes the authorization server defines.
 */
import { reservedClaimProblem } from '../../domain/okta/reserved-claims';
import { groupFilterRegexProblem } from '../../domain/okta/group-filter-regex';
import type { GroupKeys } from '../../domain/okta/rollout-rules';
import { EVERYONE, type EnvironmentConfig, type ManagedIdentity } from '../schema';
import { duplicates, type Report } from './rule';

/** The managed identity of a config, or undefined for an external one. */
export const managed = (c: EnvironmentConfig): ManagedIdentity | undefined =>
  c.identity.mode === 'managed' ? c.identity : undefined;

/** The group keys of a managed identity (declared groups and `everyone`), as the domain's rules take them. */
export function groupKeysOf(id: ManagedIdentity): GroupKeys {
  const declaredKeys = Object.keys(id.groups);
  return { everyoneKey: EVERYONE, has: (key) => key === EVERYONE || declaredKeys.includes(key), declaredKeys };
}

export function identityKeyRules(c: EnvironmentConfig, report: Report): void {
  const id = managed(c);
  if (!id) return;
  duplicates(id.apps.map((a) => a.key)).forEach((i) =>
    report(['identity', 'apps', i, 'key'], 'app keys must be unique'),
  );
  duplicates(id.accessPolicies.map((p) => p.key)).forEach((i) =>
    report(['identity', 'accessPolicies', i, 'key'], 'policy keys must be unique'),
  );
  if (Object.keys(id.groups).includes(EVERYONE)) {
    report(['identity', 'groups', EVERYONE], `'${EVERYONE}' is reserved for Okta's Everyone group`);
  }
}

export function claimRules(c: EnvironmentConfig, report: Report): void {
  const id = managed(c);
  if (!id) return;
  if (!id.claims.some((cl) => cl.valueType === 'GROUPS' && cl.groupFilterType)) {
    report(
      ['identity', 'claims'],
      'declare a groups claim (valueType GROUPS) with a groupFilterType, so tokens carry only the groups you choose',
    );
  }
  id.claims.forEach((cl, i) => {
    if (cl.valueType === 'GROUPS' && !cl.groupFilterType) {
      report(
        ['identity', 'claims', i, 'groupFilterType'],
        'a GROUPS claim needs a groupFilterType (STARTS_WITH, EQUALS, CONTAINS, REGEX)',
      );
    }
    const reserved = reservedClaimProblem(cl.name, cl.claimType);
    if (reserved) report(['identity', 'claims', i, 'name'], reserved);
    if (cl.valueType === 'GROUPS' && cl.groupFilterType === 'REGEX') {
      const why = groupFilterRegexProblem(cl.value);
      if (why) report(['identity', 'claims', i, 'value'], why);
    }
    if (cl.valueType !== 'GROUPS' && cl.groupFilterType) {
      report(['identity', 'claims', i, 'groupFilterType'], 'only GROUPS claims take a groupFilterType');
    }
    (cl.scopes ?? []).forEach((s, j) => {
      if (!id.scopes.some((x) => x.name === s))
        report(['identity', 'claims', i, 'scopes', j], 'no such scope on the authorization server');
    });
  });
}

import { defineRule, each } from '../../rule';
import { all, bad, inRange, known, list, oneOf } from '../support';

/** Policies whose priority and status this rule checks (their rules are checked by OKC-03 and OKC-04). */
const POLICY_TYPES = ['okta_policy_signon', 'okta_app_signon_policy'];

export default defineRule({
  id: 'OKC-10',
  name: 'org-settings-fields',
  severity: 'error',
  title: 'Sign-on policies, ThreatInsight, trusted origins, groups and app group assignments use values Okta accepts',
  why:
    'A policy priority is a positive integer (the provider errors on an invalid one) and status ACTIVE or ' +
    'INACTIVE; ThreatInsight takes none, audit or block and excludes only IP zones; a trusted origin is CORS ' +
    'and/or REDIRECT and cannot be created inactive; a group name is at most 255 characters. Each is rejected ' +
    'at apply.',
  source:
    'okta/policy.go:27-39, okta/resource_okta_app_signon_policy.go:91-96; ' +
    'okta/resource_okta_threat_insight_settings.go:22-31; okta/resource_okta_trusted_origin.go:22-44, :49-51; ' +
    'okta/resource_okta_group.go:41-46 (strMaxLength(255)); okta/resource_okta_app_group_assignments.go:36-55',
  fix:
    'Use action none|audit|block with IP zones in network_excludes; trusted-origin scopes CORS/REDIRECT, ' +
    'active; group names up to 255 characters.',
  check: (stack) => {
    const types = [
      ...POLICY_TYPES,
      'okta_threat_insight_settings',
      'okta_trusted_origin',
      'okta_group',
      'okta_app_group_assignments',
    ];
    return each(
      types.flatMap((t) => stack.resources(t)),
      (r) => {
        const a = r.attrs;
        switch (r.type) {
          case 'okta_policy_signon':
          case 'okta_app_signon_policy':
            return all(
              inRange(
                r,
                'priority',
                a.priority,
                1,
                2147483647,
                'okta/policy.go:27-33, okta/resource_okta_app_signon_policy.go:91-96',
              ),
              oneOf(r, 'status', a.status, ['ACTIVE', 'INACTIVE'], 'okta/policy.go:34-39'),
            );
          case 'okta_threat_insight_settings':
            return all(
              oneOf(
                r,
                'action',
                a.action,
                ['none', 'audit', 'block'],
                'okta/resource_okta_threat_insight_settings.go:22-26',
              ),
              list(a.network_excludes)
                .map((v) => stack.resolve(v)?.target)
                .filter((z) => z?.type === 'okta_network_zone' && z.attrs.type !== 'IP')
                .map((z) =>
                  bad(
                    r,
                    'network_excludes',
                    z!.address,
                    'only IP zones can be excluded (okta/resource_okta_threat_insight_settings.go:27-31)',
                  ),
                ),
            );
          case 'okta_trusted_origin':
            return all(
              list(a.scopes).length === 0
                ? bad(r, 'scopes', a.scopes, 'required (okta/resource_okta_trusted_origin.go:38-44)')
                : undefined,
              list(a.scopes)
                .map((s) => oneOf(r, 'scopes', s, ['CORS', 'REDIRECT'], 'okta/resource_okta_trusted_origin.go:38-44'))
                .filter((f) => f !== undefined),
              a.active === false || a.active === 'false'
                ? bad(r, 'active', a.active, 'cannot be created inactive (okta/resource_okta_trusted_origin.go:49-51)')
                : undefined,
            );
          case 'okta_group':
            return known(a.name) && String(a.name).length > 255
              ? bad(r, 'name', a.name, 'at most 255 characters (okta/resource_okta_group.go:41-46)')
              : undefined;
          default: {
            const ids = list(a.group).map((g) =>
              typeof g === 'object' && g !== null && !Array.isArray(g) ? g.id : undefined,
            );
            const dupes = ids.filter((id, i) => typeof id === 'string' && ids.indexOf(id) !== i);
            return dupes.map((id) =>
              bad(
                r,
                'group[].id',
                id ?? null,
                'assigned twice; the provider keeps one assignment per group ' +
                  '(okta/resource_okta_app_group_assignments.go:36-55)',
              ),
            );
          }
        }
      },
    );
  },
});

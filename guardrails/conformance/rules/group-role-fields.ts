import { defineRule, each } from '../../rule';
import { all, bad, isSet, known, list } from '../support';
import { ADMIN_ROLE_TYPES } from '../../../domain/okta/admin-surfaces';

const FILE = 'okta/resource_okta_group_role.go';

/** Role types whose assignment takes group targets (supportsGroupTargets) and app targets. */
const GROUP_TARGETS = ['GROUP_MEMBERSHIP_ADMIN', 'HELP_DESK_ADMIN', 'USER_ADMIN'];
const APP_TARGETS = ['APP_ADMIN'];

export default defineRule({
  id: 'OKC-17',
  name: 'group-role-fields',
  severity: 'error',
  title:
    "okta_group_role: role_type is one of Okta's admin role types (CUSTOM with role_id and resource_set_id); " +
    'targets only where the role takes them',
  why:
    'The provider validates no role_type: an unknown one (the schema text itself says API_ADMIN, the API calls it ' +
    'API_ACCESS_MANAGEMENT_ADMIN) fails only at apply, after the resources before it were created. Group targets ' +
    'on a role that takes none, and app targets on any role but APP_ADMIN, are silently not sent, so the role is ' +
    'granted org-wide.',
  source:
    `${FILE}:62-80 (role_type: a description, no validator), :81-92 (target lists), :98-107 (role_id, ` +
    `resource_set_id for CUSTOM), :130-145 (targets sent only for the role types that take them), :404-406 ` +
    '(supportsGroupTargets); okta/resource_okta_role_subscription.go:154 (API_ACCESS_MANAGEMENT_ADMIN)',
  fix: 'Bind roles through identity.mfa.adminSurfaces.roles, which takes only the standard role types.',
  check: (stack) =>
    each(stack.resources('okta_group_role'), (r) => {
      const a = r.attrs;
      const role = a.role_type;
      if (!known(role)) return undefined;
      const custom = role === 'CUSTOM';
      return all(
        custom || (typeof role === 'string' && (ADMIN_ROLE_TYPES as readonly string[]).includes(role))
          ? undefined
          : bad(
              r,
              'role_type',
              role,
              `an Okta admin role type: ${ADMIN_ROLE_TYPES.join(', ')} or CUSTOM (${FILE}:62-80)`,
            ),
        ...(custom
          ? ['role_id', 'resource_set_id']
              .filter((k) => !isSet(a[k]))
              .map((k) => bad(r, k, undefined, `required for role_type CUSTOM (${FILE}:98-107)`))
          : []),
        list(a.target_group_list).length && !GROUP_TARGETS.includes(String(role))
          ? bad(
              r,
              'target_group_list',
              a.target_group_list,
              `only ${GROUP_TARGETS.join(', ')} take group targets (${FILE}:130-137, :404-406)`,
            )
          : undefined,
        list(a.target_app_list).length && !APP_TARGETS.includes(String(role))
          ? bad(r, 'target_app_list', a.target_app_list, `only APP_ADMIN takes app targets (${FILE}:138-145)`)
          : undefined,
      );
    }),
});

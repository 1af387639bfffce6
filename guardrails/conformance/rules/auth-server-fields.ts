import { defineRule, each } from '../../rule';
import { all, bad, isSet, list, oneOf } from '../support';

const DIR = 'okta/resource_okta_auth_server';

export default defineRule({
  id: 'OKC-09',
  name: 'auth-server-fields',
  severity: 'error',
  title: 'The authorization server, its scopes, claims and policies use values Okta accepts',
  why:
    'Okta supports one audience per server; scopes, claims and rotation modes take closed sets of values; a ' +
    'policy cannot be created INACTIVE; group_filter_type only applies to GROUPS claims. Each is rejected at ' +
    'apply, after the rest of the stack has changed.',
  source:
    `${DIR}.go:22-27 (one audience), :44-49 (credentials_rotation_mode), :65-70 (issuer_mode); ` +
    `${DIR}_scope.go:40-56 (consent, metadata_publish); ${DIR}_claim.go:42-63 (value_type, claim_type, ` +
    `group_filter_type); ${DIR}_policy.go:52-54 (created ACTIVE)`,
  fix:
    'Use one audience; consent REQUIRED or IMPLICIT; claim_type RESOURCE or IDENTITY; value_type EXPRESSION or ' +
    'GROUPS (group_filter_type only with GROUPS); create policies ACTIVE.',
  check: (stack) => {
    const subjects = [
      'okta_auth_server',
      'okta_auth_server_scope',
      'okta_auth_server_claim',
      'okta_auth_server_policy',
    ].flatMap((t) => stack.resources(t));
    return each(subjects, (r) => {
      const a = r.attrs;
      switch (r.type) {
        case 'okta_auth_server':
          return all(
            list(a.audiences).length !== 1
              ? bad(r, 'audiences', a.audiences, `Okta supports exactly one audience (${DIR}.go:22-27)`)
              : undefined,
            oneOf(r, 'credentials_rotation_mode', a.credentials_rotation_mode, ['AUTO', 'MANUAL'], `${DIR}.go:44-49`),
            oneOf(r, 'issuer_mode', a.issuer_mode, ['ORG_URL', 'CUSTOM_URL', 'DYNAMIC'], `${DIR}.go:65-70`),
            oneOf(r, 'status', a.status, ['ACTIVE', 'INACTIVE'], 'okta/policy.go:78-83 (statusSchema)'),
          );
        case 'okta_auth_server_scope':
          return all(
            oneOf(r, 'consent', a.consent, ['REQUIRED', 'IMPLICIT'], `${DIR}_scope.go:40-45`),
            oneOf(r, 'metadata_publish', a.metadata_publish, ['ALL_CLIENTS', 'NO_CLIENTS'], `${DIR}_scope.go:46-51`),
          );
        case 'okta_auth_server_claim':
          return all(
            oneOf(r, 'claim_type', a.claim_type, ['RESOURCE', 'IDENTITY'], `${DIR}_claim.go:48-52`),
            oneOf(r, 'value_type', a.value_type, ['EXPRESSION', 'GROUPS'], `${DIR}_claim.go:42-47`),
            oneOf(
              r,
              'group_filter_type',
              a.group_filter_type,
              ['STARTS_WITH', 'EQUALS', 'CONTAINS', 'REGEX'],
              `${DIR}_claim.go:59-63`,
            ),
            isSet(a.group_filter_type) && a.value_type !== 'GROUPS'
              ? bad(r, 'group_filter_type', a.group_filter_type, `only with value_type GROUPS (${DIR}_claim.go:59-63)`)
              : undefined,
          );
        default:
          return a.status === 'INACTIVE'
            ? bad(r, 'status', a.status, `a policy cannot be created INACTIVE (${DIR}_policy.go:52-54)`)
            : undefined;
      }
    });
  },
});

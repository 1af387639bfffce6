import { isObject } from '../../../synthesized/model';
import { defineRule, each } from '../../rule';
import { all, bad, oneOf, PROVIDER } from '../support';
import { ENROLLMENT_ANCHOR_KEYS, ENROLLMENT_POLICY_KEYS } from '../../../domain/okta/authenticators';

const ENROLL = ['REQUIRED', 'OPTIONAL', 'NOT_ALLOWED'];
const POLICY_TYPES = ['okta_policy_mfa', 'okta_policy_mfa_default'];
/** Password or email: one must be REQUIRED. */
const ANCHORS = ENROLLMENT_ANCHOR_KEYS;

export default defineRule({
  id: 'OKC-07',
  name: 'mfa-enrollment-fields',
  severity: 'error',
  title:
    'Authenticator enrollment policies (okta_policy_mfa, okta_policy_mfa_default) and their rules use OIE ' +
    'authenticators with valid enroll values',
  why:
    'Without is_oie = true the provider builds a Classic factor policy and the authenticator settings are not ' +
    'sent; an unknown enroll value is rejected; the default policy needs okta_password or okta_email REQUIRED; ' +
    'a rule enroll outside CHALLENGE, LOGIN, NEVER is rejected.',
  source:
    'okta/resource_okta_policy_mfa.go:89-110 (buildSettings: is_oie), :291-335 (one map per provider key), ' +
    'sdk/authenticators.go:5-20 (OIE keys), okta/resource_okta_policy_mfa_default.go:30 (password or email ' +
    'REQUIRED), okta/resource_okta_policy_rule_mfa.go:20-25 (enroll)',
  fix:
    'Set is_oie = true, give each authenticator block { enroll = REQUIRED | OPTIONAL | NOT_ALLOWED }, keep ' +
    'okta_password or okta_email REQUIRED.',
  check: (stack) => {
    const policies = POLICY_TYPES.flatMap((t) => stack.resources(t));
    const rules = stack.resources('okta_policy_rule_mfa');
    return each([...policies, ...rules], (p) => {
      if (p.type === 'okta_policy_rule_mfa')
        return oneOf(
          p,
          'enroll',
          p.attrs.enroll,
          ['CHALLENGE', 'LOGIN', 'NEVER'],
          'okta/resource_okta_policy_rule_mfa.go:20-25',
        );
      const blocks = ENROLLMENT_POLICY_KEYS.filter((k) => isObject(p.attrs[k]));
      const enroll = (k: string) => (isObject(p.attrs[k]) ? (p.attrs[k] as Record<string, unknown>).enroll : undefined);
      return all(
        p.attrs.is_oie !== true && p.attrs.is_oie !== 'true'
          ? bad(
              p,
              'is_oie',
              p.attrs.is_oie,
              `must be true for authenticators (default false; okta/policy.go:85-90, ` +
                `resource_okta_policy_mfa.go:89-110)`,
            )
          : undefined,
        blocks
          .map((k) =>
            oneOf(p, `${k}.enroll`, enroll(k) as string, ENROLL, 'Okta API: Authenticator enrollment policy settings'),
          )
          .filter((f) => f !== undefined),
        p.type === 'okta_policy_mfa_default' && !ANCHORS.some((k) => enroll(k) === 'REQUIRED')
          ? bad(
              p,
              `${ANCHORS[0]}.enroll`,
              (enroll(ANCHORS[0]) as string) ?? null,
              `${PROVIDER}: ${ANCHORS.join(' or ')} must be REQUIRED (okta/resource_okta_policy_mfa_default.go:30)`,
            )
          : undefined,
      );
    });
  },
});

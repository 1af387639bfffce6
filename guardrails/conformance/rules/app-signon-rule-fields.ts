import { isFalse, isoMinutes, str } from '../../../synthesized/facts';
import { defineRule, each } from '../../rule';
import { all, bad, isSet, known, list, oneOf, parseJson } from '../support';

const FILE = 'okta/resource_okta_app_signon_policy_rule.go';

export default defineRule({
  id: 'OKC-04',
  name: 'app-signon-rule-fields',
  severity: 'error',
  title:
    'okta_app_signon_policy_rule: device, network, access, factor and duration fields pass the provider validators',
  why:
    'The provider rejects device_is_registered = false, device_is_managed without device_is_registered, ' +
    'network_includes together with network_excludes, and constraints that are not JSON; Okta rejects an ' +
    'unknown access, factor mode, type or a duration that is not ISO 8601.',
  source:
    `${FILE}:89-102 (ConflictsWith), :103-126 (device validators, RequiredWith), :155-184 (access, factor_mode, ` +
    `type, durations), :185-195 (constraints: stringIsJSON)`,
  fix:
    'Omit device_is_registered instead of false; set it to true with device_is_managed; use either ' +
    'network_includes or network_excludes; build constraints from typed values.',
  check: (stack) =>
    each(stack.resources('okta_app_signon_policy_rule'), (r) => {
      const a = r.attrs;
      const duration = (k: string) =>
        known(a[k]) && isoMinutes(str(a[k])) === undefined
          ? bad(r, k, a[k], `not an ISO 8601 duration such as PT2H (${FILE}:173-184)`)
          : undefined;
      return all(
        isFalse(a.device_is_registered)
          ? bad(r, 'device_is_registered', a.device_is_registered, `can only be true or absent (${FILE}:107-119)`)
          : undefined,
        isSet(a.device_is_managed) && !isSet(a.device_is_registered)
          ? bad(r, 'device_is_managed', a.device_is_managed, `RequiredWith device_is_registered (${FILE}:121-126)`)
          : undefined,
        list(a.network_includes).length > 0 && list(a.network_excludes).length > 0
          ? bad(r, 'network_includes', a.network_includes, `ConflictsWith network_excludes (${FILE}:89-102)`)
          : undefined,
        a.network_connection === 'ZONE' && list(a.network_includes).length + list(a.network_excludes).length === 0
          ? bad(
              r,
              'network_connection',
              a.network_connection,
              `ZONE needs network_includes or network_excludes (okta/policy_rule.go:61, :68)`,
            )
          : undefined,
        oneOf(r, 'access', a.access, ['ALLOW', 'DENY'], `${FILE}:155-160`),
        oneOf(r, 'factor_mode', a.factor_mode, ['1FA', '2FA'], `${FILE}:161-166`),
        oneOf(
          r,
          'type',
          a.type,
          ['ASSURANCE', 'AUTH_METHOD_CHAIN'],
          `${FILE}:167-172; Okta API: verificationMethod.type`,
        ),
        oneOf(
          r,
          'network_connection',
          a.network_connection,
          ['ANYWHERE', 'ZONE', 'ON_NETWORK', 'OFF_NETWORK'],
          `${FILE}:83-88`,
        ),
        duration('re_authentication_frequency'),
        duration('inactivity_period'),
        list(a.constraints).flatMap((c, i) =>
          known(c) && parseJson(c) === undefined
            ? [bad(r, `constraints[${i}]`, c, `not JSON (${FILE}:189, stringIsJSON)`)]
            : [],
        ),
      );
    }),
});

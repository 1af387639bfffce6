import { defineRule, each } from '../../rule';
import { all, bad, isSet, oneOf } from '../support';
import { PASSWORD_RECOVERY_STATUS } from '../../../domain/okta/authenticators';

const FILE = 'okta/resource_okta_policy_password_default.go';
/** okta/policy.go:50-76: attributes of a default (system) policy the provider only reads. */
const COMPUTED_ONLY = ['name', 'description', 'priority', 'status', 'default_included_group_id'];

export default defineRule({
  id: 'OKC-08',
  name: 'default-policy-fields',
  severity: 'error',
  title:
    "The org's default policies (okta_policy_mfa_default, okta_policy_password_default) set only configurable " +
    'fields with valid values',
  why:
    'name, description, priority and status of a default policy are computed: configuring one fails validate. ' +
    'Recovery channels are ACTIVE or INACTIVE; anything else is rejected by the API.',
  source:
    `okta/policy.go:50-76 (defaultPolicySchema: computed only), ${FILE}:142-170 (email/sms/question/call ` +
    `recovery)`,
  fix: 'Drop name/description/priority/status from default policies; use ACTIVE or INACTIVE for the recovery channels.',
  check: (stack) =>
    each([...stack.resources('okta_policy_mfa_default'), ...stack.resources('okta_policy_password_default')], (p) =>
      all(
        COMPUTED_ONLY.filter((k) => isSet(p.attrs[k])).map((k) =>
          bad(p, k, p.attrs[k], 'computed by the provider; it cannot be configured (okta/policy.go:50-76)'),
        ),
        ...Object.keys(PASSWORD_RECOVERY_STATUS).map((k) =>
          oneOf(p, k, p.attrs[k], ['ACTIVE', 'INACTIVE'], `${FILE}:142-170`),
        ),
      ),
    ),
});

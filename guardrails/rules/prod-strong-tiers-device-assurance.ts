import { NOT_APPLICABLE, defineRule, each, on } from '../rule';
import { allows, isProd, isTrue, tierOf } from '../../synthesized/facts';
import { stringList } from '../../synthesized/model';

export default defineRule({
  id: 'MFA-20',
  name: 'prod-strong-tiers-device-assurance',
  severity: 'error',
  title: 'In prod, every allow rule of the high and critical tiers checks the device (device assurance or managed)',
  why:
    'A phishing-resistant factor on an out-of-date, unencrypted or jailbroken device still hands the session to ' +
    'malware on it. The high and critical tiers guard payments and administration, so in prod they only let in ' +
    'devices that meet a device assurance policy (or a managed device where the org has device management).',
  source:
    'Okta docs: Device assurance policies; okta/resource_okta_app_signon_policy_rule.go:121-131 ' +
    '(device_is_managed, device_assurances_included)',
  fix:
    'Declare device assurance policies in identity.mfa.deviceAssurance and name them in ' +
    'identity.mfa.tiers.high.deviceAssurances and tiers.critical.deviceAssurances.',
  check: (stack) => {
    if (!isProd(stack)) return NOT_APPLICABLE;
    const strong = stack
      .resources('okta_app_signon_policy')
      .filter((p) => tierOf(stack, p) === 'high' || tierOf(stack, p) === 'critical');
    return each(strong, (policy) =>
      stack
        .referrers('okta_app_signon_policy_rule', 'policy_id', policy)
        .filter(allows)
        .filter(
          (r) => stringList(r.attrs.device_assurances_included).length === 0 && !isTrue(r.attrs.device_is_managed),
        )
        .map((r) =>
          on(r, `${tierOf(stack, policy)} tier allow rule lets in any device: no device_assurances_included`),
        ),
    );
  },
});

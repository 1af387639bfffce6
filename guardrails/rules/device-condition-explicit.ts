import { defineRule, each, on } from '../rule';
import { isTrue } from '../../synthesized/facts';

export default defineRule({
  id: 'MFA-24',
  name: 'device-condition-explicit',
  severity: 'error',
  title:
    'An app sign-on rule that checks devices states whether they must be managed, as the org declares its device ' +
    'management',
  why:
    'With device_is_registered the provider always sends managed, false when unset: Okta then matches registered ' +
    'devices that are NOT managed. Left unset, a rule in an org that manages its devices skips exactly the managed ' +
    'ones; set to true in an org without device management, it matches no device and locks everyone out.',
  source:
    'okta/resource_okta_app_signon_policy_rule.go:433-438 (managed sent with registered, d.Get: false when ' +
    'unset), :103-126 (device_is_registered, device_is_managed)',
  fix:
    'Set device_is_managed wherever device_is_registered is set: true where identity.mfa.deviceManagement is true, ' +
    'false where it is not (OktaMfaRollout does).',
  check: (stack) => {
    const org = stack.declarations.org;
    return each(
      stack.resources('okta_app_signon_policy_rule').filter((r) => isTrue(r.attrs.device_is_registered)),
      (r) => {
        const managed = r.attrs.device_is_managed;
        if (managed === undefined || managed === null)
          return on(r, 'device_is_registered without device_is_managed: sent as managed = false (unmanaged only)');
        if (!org) return undefined;
        if (isTrue(managed) && !org.deviceManagement)
          return on(r, 'device_is_managed = true, but the org declares no device management: no device matches');
        if (!isTrue(managed) && org.deviceManagement)
          return on(r, 'device_is_managed = false in an org that manages devices: managed devices do not match');
        return undefined;
      },
    );
  },
});

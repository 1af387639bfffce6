import { defineRule, NOT_APPLICABLE, on, verdict, type RuleFinding } from '../rule';
import { attr, isObject, stringList } from '../../synthesized/model';
import { constraintsOf, isProd, str } from '../../synthesized/facts';
import { isActive } from '../../synthesized/defaults';
import {
  AUTHENTICATORS,
  authenticatorOf,
  MFA_POLICY_KEYS,
  OKTA_AUTHENTICATOR_KEYS,
} from '../../domain/okta/authenticators';

const isTelephony = (key: string): boolean => authenticatorOf(key)?.telephony === true;

/** okta_policy_mfa fields of SMS / voice (phone) authenticators and factors. */
const PHONE_POLICY_FIELDS = MFA_POLICY_KEYS.filter(isTelephony);
/** okta_policy_mfa fields of possession authenticators other than phone and email: second factors beside SMS. */
const STRONG_POLICY_FIELDS = MFA_POLICY_KEYS.filter(
  (k) => AUTHENTICATORS[k].factor === 'possession' && AUTHENTICATORS[k].strength !== 'weak',
);
/** Authenticator keys of the same. */
const PHONE_KEYS = OKTA_AUTHENTICATOR_KEYS.filter(isTelephony);
const STRONG_KEYS: readonly string[] = STRONG_POLICY_FIELDS.filter((k) => OKTA_AUTHENTICATOR_KEYS.includes(k));
const enroll = (policy: { attrs: Record<string, unknown> }, field: string) =>
  str(attr(policy.attrs as never, field, 'enroll'));
const offered = (v: string | undefined) => v === 'REQUIRED' || v === 'OPTIONAL';

export default defineRule({
  id: 'MFA-02',
  name: 'no-sms-only-second-factor',
  severity: 'error',
  title: 'In prod, SMS / voice is never the only second factor',
  why:
    'SMS and voice codes are taken over by SIM swapping and phished in real ' +
    'time; as the only second factor they make MFA as weak as a phone number.',
  source: 'NIST SP 800-63B 5.1.3.3 (restricted authenticators); Okta docs: Phone authenticator',
  fix: 'Enable Okta Verify or WebAuthn for the enforced groups and set phone to NOT_ALLOWED (or optional beside them).',
  check: (stack) => {
    if (!isProd(stack)) return NOT_APPLICABLE;
    const policies = stack.resources('okta_policy_mfa');
    const authenticators = stack.resources('okta_authenticator');
    const rules = stack.resources('okta_app_signon_policy_rule');
    if (policies.length + authenticators.length + rules.length === 0) return NOT_APPLICABLE;
    const f: RuleFinding[] = [];
    for (const p of policies) {
      const phone = PHONE_POLICY_FIELDS.some((k) => offered(enroll(p, k)));
      const strong = STRONG_POLICY_FIELDS.some((k) => offered(enroll(p, k)));
      if (phone && !strong) f.push(on(p, 'phone (SMS/voice) is the only second factor users can enroll'));
      if (PHONE_POLICY_FIELDS.some((k) => enroll(p, k) === 'REQUIRED'))
        f.push(on(p, 'phone (SMS/voice) enrollment is REQUIRED in prod'));
    }
    const active = (key: string) => authenticators.some((a) => a.attrs.key === key && isActive(a));
    for (const a of authenticators) {
      const key = str(a.attrs.key) ?? '';
      if (PHONE_KEYS.includes(key) && active(key) && !STRONG_KEYS.some(active)) {
        f.push(on(a, 'phone is active while neither Okta Verify nor WebAuthn is: SMS/voice is the only second factor'));
      }
    }
    for (const r of rules) {
      for (const c of constraintsOf(r)) {
        const p = c.value?.possession;
        if (!isObject(p)) continue;
        const types = stringList(p.types).map((t) => t.toLowerCase());
        const methods = stringList(p.methods).map((m) => m.toLowerCase());
        const keys = Array.isArray(p.authenticationMethods)
          ? p.authenticationMethods.filter(isObject).map((m) => m.key)
          : [];
        if (
          (types.length > 0 && types.every((t) => t === 'phone')) ||
          (methods.length > 0 && methods.every((m) => m === 'sms' || m === 'voice')) ||
          (keys.length > 0 && keys.every((k) => typeof k === 'string' && PHONE_KEYS.includes(k)))
        ) {
          f.push(on(r, 'a constraint accepts only phone (SMS/voice) as possession factor'));
        }
      }
    }
    return verdict(f);
  },
});

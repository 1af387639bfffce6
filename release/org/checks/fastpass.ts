/**
 * fastpass-off (warning): org settings the stack relies on that okta 4.20.0 cannot manage, checked read-only.
 * The stack's phishing-resistant rules (a possession constraint with `phishingResistant: REQUIRED`) count on
 * Okta FastPass (Okta Verify's `signed_nonce` method) beside WebAuthn; the provider cannot manage
 * authenticator methods (okta provider v4.20.0 okta/resource_okta_authenticator.go has no methods), so a
 * FastPass switched off in the org leaves WebAuthn as the only way through those rules.
 */
import { authenticatorOf } from '../../../domain/okta/authenticators';
import { isObject } from '../../../synthesized/json';
import type { Check } from './context';

export const fastpassOff: Check = async ({ org, read, model }) => {
  const verify = read.authenticators.find((a) => a.key === 'okta_verify');
  if (!verify?.active) return { findings: [] };
  const rules = model
    .resources('okta_app_signon_policy_rule')
    .filter((r) =>
      read.appRule(r).constraints.some((c) => isObject(c.possession) && c.possession.phishingResistant === 'REQUIRED'),
    )
    .map((r) => read.labels.of(r));
  if (rules.length === 0) return { findings: [] };
  const inOrg = (await org.authenticators()).find((a) => a.key === 'okta_verify');
  if (!inOrg || inOrg.status !== 'ACTIVE') return { findings: [] };
  // The method that makes Okta Verify phishing resistant (the registry's: FastPass, signed_nonce).
  const resistant = authenticatorOf('okta_verify')?.phishingResistant;
  const methods = await org.authenticatorMethods(inOrg.id);
  const fastpass = methods.find((m) => Array.isArray(resistant) && resistant.includes(m.type));
  if (fastpass?.status === 'ACTIVE') return { findings: [] };
  const unique = [...new Set(rules)];
  const named = `${unique.slice(0, 5).join(', ')}${unique.length > 5 ? ', ...' : ''}`;
  return {
    findings: [
      {
        kind: 'fastpass-off',
        severity: 'warning',
        subject: { type: 'authenticator', name: inOrg.name, id: inOrg.id },
        message:
          `Okta FastPass (Okta Verify's signed_nonce method) is ${fastpass ? fastpass.status : 'absent'} in the org: ` +
          `the stack's phishing-resistant rules (${named}) ` +
          'can then be met only with a security key or biometric (WebAuthn). The provider cannot manage ' +
          'authenticator methods: turn FastPass on in Security > Authenticators > Okta Verify',
      },
    ],
  };
};

import { defineRule, each, NOT_APPLICABLE, on } from '../rule';
import { isProd, str } from '../../synthesized/facts';

export default defineRule({
  id: 'MFA-09',
  name: 'threat-insight-blocks-in-prod',
  severity: 'warning',
  title: 'ThreatInsight blocks (not only audits) suspicious sign-ins in prod',
  why:
    'In audit mode credential-stuffing and password-spray attempts are ' +
    'only logged; they still reach the password check and lock accounts.',
  source: 'Okta docs: Okta ThreatInsight',
  fix: "Set the prod ThreatInsight action to 'block' (exclude the corporate zones).",
  check: (stack) => {
    if (!isProd(stack)) return NOT_APPLICABLE;
    return each(stack.resources('okta_threat_insight_settings'), (t) =>
      str(t.attrs.action) === 'block' ? undefined : on(t, `action = ${str(t.attrs.action) ?? 'unset'}`),
    );
  },
});

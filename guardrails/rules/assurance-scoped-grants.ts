import { defineRule, NOT_APPLICABLE, on, verdict, type RuleFinding } from '../rule';
import { stringList, type StackModel, type TfResource } from '../../synthesized/model';
import { allows, appType, constraintsOf, str, ruleClients, target, tierOf } from '../../synthesized/facts';
import { ASSURANCE_LEVELS, constraintAssurance, type AssuranceLevel } from '../../domain/okta/sign-on-constraints';

type Level = AssuranceLevel;
const rank = (l: Level | undefined) => (l === undefined ? -1 : ASSURANCE_LEVELS.indexOf(l));
const weakest = (levels: (Level | undefined)[]): Level | undefined =>
  levels.length === 0 ? undefined : levels.reduce((a, b) => (rank(a) <= rank(b) ? a : b));

/** What one app sign-on rule guarantees: the weakest of its constraints (Okta ORs them). */
function ruleGuarantee(rule: TfResource): Level | undefined {
  const twoFactors = str(rule.attrs.factor_mode) === '2FA';
  const constraints = constraintsOf(rule);
  if (constraints.length === 0) return twoFactors ? 'mfa' : undefined;
  return weakest(
    constraints.map((c) => (c.value ? constraintAssurance(c.value, twoFactors) : twoFactors ? 'mfa' : undefined)),
  );
}

/** What every sign-in under an app sign-on policy reaches: the weakest of its allow rules. */
export function policyGuarantee(stack: StackModel, policy: TfResource): Level | undefined {
  const rules = stack.referrers('okta_app_signon_policy_rule', 'policy_id', policy).filter(allows);
  return rules.length === 0 ? undefined : weakest(rules.map(ruleGuarantee));
}

export default defineRule({
  id: 'MFA-06',
  name: 'assurance-scoped-grants',
  severity: 'error',
  title:
    'A scope that requires a sign-in assurance is granted only to ' +
    'apps whose sign-on policy guarantees it (never to service apps)',
  why:
    'The gateway only sees the scope: if any app whose sign-in is weaker can obtain it, ' +
    'the phishing-resistant requirement protecting the route is bypassed through that app.',
  source: 'Okta docs: Authentication policies and access policies; OWASP API5:2023 Broken Function Level Authorization',
  fix:
    "Move the app to a tier that guarantees the scope's assurance, or " +
    "remove the scope from the rule (service apps cannot carry a user's MFA).",
  check: (stack) => {
    const required = stack.declarations.scopeAssurance;
    const scoped = Object.keys(required);
    if (scoped.length === 0) return NOT_APPLICABLE;
    const f: RuleFinding[] = [];
    for (const rule of stack.resources('okta_auth_server_policy_rule')) {
      const scopes = stringList(rule.attrs.scope_whitelist).filter((s) => scoped.includes(s));
      if (scopes.length === 0) continue;
      const apps = ruleClients(stack, rule);
      for (const scope of scopes) {
        const need = required[scope] as Level;
        if (stringList(rule.attrs.grant_type_whitelist).includes('client_credentials')) {
          f.push(
            on(rule, `grants '${scope}' (requires ${need}) through client_credentials: no user signs in, so no MFA`),
          );
        }
        for (const app of apps) {
          const label = String(app.attrs.label ?? app.address);
          if (appType(app) === 'service') {
            f.push(
              on(rule, `grants '${scope}' (requires ${need}) to service app ${label}, which cannot carry a user's MFA`),
            );
            continue;
          }
          const signOn = target(stack, app.attrs.authentication_policy, 'okta_app_signon_policy');
          const reached = signOn ? policyGuarantee(stack, signOn) : undefined;
          if (rank(reached) < rank(need)) {
            f.push(
              on(
                rule,
                `grants '${scope}' (requires ${need}) to ${label}, whose sign-on ` +
                  `${signOn ? `tier ${tierOf(stack, signOn) ?? signOn.address}` : 'policy (org default)'} ` +
                  `guarantees ${reached ?? 'no MFA'}`,
              ),
            );
          }
        }
      }
    }
    return verdict(f);
  },
});

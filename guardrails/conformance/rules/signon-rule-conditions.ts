import { RISK_CONDITION_LEVELS } from '../../../domain/okta/adaptive';
import { isTrue } from '../../../synthesized/facts';
import { defineRule, each, on } from '../../rule';
import { isReference } from '../../../synthesized/model';
import { all, bad, isSet, list, oneOf } from '../support';

const FILE = 'okta/resource_okta_policy_rule_sign_on.go';
const RISK_LEVELS = RISK_CONDITION_LEVELS;

export default defineRule({
  id: 'OKC-03',
  name: 'signon-rule-conditions',
  severity: 'error',
  title: 'okta_policy_rule_signon: risk and identity-provider conditions are explicit, and the create-time rules hold',
  why:
    'Unset, risc_level, risk_level and identity_provider default to ANY and are always sent (riskScore and ' +
    'identityProvider conditions); orgs without the feature reject the rule (provider issues 759, 1802, 953, ' +
    '1079). An empty string is not sent, but an org that has the condition returns it on every rule, ANY when ' +
    'none was sent, and the provider reads it back: "" there is a change on every plan. So each condition is ' +
    'what the org reads back: a level (or ANY) where the environment declares the feature, "" where it does ' +
    'not. The provider also rejects mfa_remember_device without mfa_prompt DEVICE, and factor_sequence without ' +
    'CHALLENGE.',
  source:
    `${FILE}:74-86 and :141-146 (defaults ANY), :286-312 (sent when non-empty), :197-216 (read back when ` +
    `returned), :20 ("Invalid condition type specified: riskScore" where the feature is off), :362-383 ` +
    `(validateSignOnPolicyRule), :28-44 (access, mfa_prompt); ` +
    'test/fixtures/vcr/TestAccResourceOktaPolicyRuleSignon_multiple/oie-00.yaml:221 (riskScore and ' +
    'identityProvider returned as ANY)',
  fix:
    "Set risc_level, risk_level and identity_provider explicitly: '' where the org has no risk scoring / " +
    'identity-provider conditions (okta.riskScoring, okta.identityProviderConditions false), otherwise ANY or ' +
    'the same level in risc_level and risk_level.',
  check: (stack) =>
    each(stack.resources('okta_policy_rule_signon'), (r) => {
      const a = r.attrs;
      const org = stack.declarations.org;
      const unset = (['risc_level', 'risk_level', 'identity_provider'] as const).filter((k) => !isSet(a[k]));
      const explicit = unset.length
        ? on(
            r,
            `${unset.join(', ')} unset: each defaults to ANY and is sent; set it explicitly ('' sends nothing) ` +
              `(${FILE}:74-86, 141-146, 286-312)`,
          )
        : undefined;
      const level = (k: 'risc_level' | 'risk_level') =>
        a[k] === '' ? undefined : oneOf(r, k, a[k], RISK_LEVELS, `${FILE}:74-86`);
      const prompt = a.mfa_prompt;
      const declared = (
        k: 'risc_level' | 'risk_level' | 'identity_provider',
        has: boolean | undefined,
        what: string,
      ) => {
        if (has === undefined || !isSet(a[k]) || isReference(a[k]!)) return undefined;
        if (has && a[k] === '')
          return bad(
            r,
            k,
            '',
            `the environment declares ${what}: the org returns the condition on every rule, ANY when none is ` +
              `sent, so "" reads back as ANY on every plan; allowed: ANY or a level (${FILE}:197-216)`,
          );
        if (!has && a[k] !== '')
          return bad(
            r,
            k,
            a[k],
            `the environment declares no ${what}: such an org rejects the condition ("Invalid condition type ` +
              `specified", ${FILE}:20); allowed: ""`,
          );
        return undefined;
      };
      return all(
        explicit,
        declared('risc_level', org?.riskScoring, 'risk scoring (okta.riskScoring)'),
        declared('risk_level', org?.riskScoring, 'risk scoring (okta.riskScoring)'),
        declared(
          'identity_provider',
          org?.identityProviderConditions,
          'identity-provider conditions (okta.identityProviderConditions)',
        ),
        level('risc_level'),
        level('risk_level'),
        a.identity_provider === ''
          ? undefined
          : oneOf(r, 'identity_provider', a.identity_provider, ['ANY', 'OKTA', 'SPECIFIC_IDP'], `${FILE}:141-146`),
        oneOf(r, 'access', a.access, ['ALLOW', 'DENY', 'CHALLENGE'], `${FILE}:28-33`),
        oneOf(r, 'mfa_prompt', prompt, ['DEVICE', 'SESSION', 'ALWAYS'], `${FILE}:40-44`),
        oneOf(r, 'primary_factor', a.primary_factor, ['PASSWORD_IDP_ANY_FACTOR', 'PASSWORD_IDP'], `${FILE}:93-98`),
        isSet(prompt) && prompt !== 'DEVICE' && isTrue(a.mfa_remember_device)
          ? bad(
              r,
              'mfa_remember_device',
              a.mfa_remember_device,
              `only allowed with mfa_prompt = DEVICE (${FILE}:372-376)`,
            )
          : undefined,
        list(a.factor_sequence).length > 0 !== (a.access === 'CHALLENGE')
          ? bad(
              r,
              'factor_sequence',
              a.factor_sequence ?? null,
              `set exactly when access = CHALLENGE (${FILE}:363-367)`,
            )
          : undefined,
        a.identity_provider === 'SPECIFIC_IDP' && list(a.identity_provider_ids).length === 0
          ? bad(
              r,
              'identity_provider_ids',
              a.identity_provider_ids,
              `needs at least one IdP with SPECIFIC_IDP (${FILE}:378-381)`,
            )
          : undefined,
      );
    }),
});

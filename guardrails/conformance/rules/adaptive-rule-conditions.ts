import { RISK_CONDITION_LEVELS } from '../../../domain/okta/adaptive';
import { stringList, type Json } from '../../../synthesized/model';
import { isTrue } from '../../../synthesized/facts';
import { defineRule, each } from '../../rule';
import { all, bad, oneOf } from '../support';

const APP = 'okta/resource_okta_app_signon_policy_rule.go';
const SESSION = 'okta/resource_okta_policy_rule_sign_on.go';
const LEVELS = RISK_CONDITION_LEVELS;

export default defineRule({
  id: 'OKC-16',
  name: 'adaptive-rule-conditions',
  severity: 'error',
  title: 'Risk, behaviour and device assurance conditions: known levels, and references to the right resources',
  why:
    'risk_score and risk_level take ANY, LOW, MEDIUM or HIGH; a rule that sends another level, a behaviours list ' +
    'of something other than behaviours, or device assurance ids of something other than device assurance ' +
    'policies, is refused by the API at apply; device assurance applies to registered devices only, so a rule ' +
    'naming device assurance policies also says device_is_registered = true.',
  source:
    `${APP}:196-201 (risk_score), :127-131 (device_assurances_included), :433-452 (sent as conditions.device); ` +
    `${SESSION}:81-91 (risk_level, behaviors), :294-312 (sent as conditions.risk and riskScore)`,
  fix: 'Build the rules from identity.mfa (risk, behaviors, tiers.*.deviceAssurances).',
  check: (stack) => {
    const refsTo = (value: Json | undefined, prefix: string) =>
      stringList(value)
        .flatMap((v) => stack.references(v))
        .filter((ref) => !ref.type.startsWith(prefix));
    return each(
      [...stack.resources('okta_app_signon_policy_rule'), ...stack.resources('okta_policy_rule_signon')],
      (r) =>
        all(
          r.type === 'okta_app_signon_policy_rule'
            ? oneOf(r, 'risk_score', r.attrs.risk_score, LEVELS, `${APP}:196-201`)
            : oneOf(r, 'risk_level', r.attrs.risk_level || undefined, LEVELS, `${SESSION}:81-86`),
          refsTo(r.attrs.device_assurances_included, 'okta_policy_device_assurance_').map((ref) =>
            bad(r, 'device_assurances_included', ref.address, `not a device assurance policy (${APP}:127-131)`),
          ),
          stringList(r.attrs.device_assurances_included).length > 0 && !isTrue(r.attrs.device_is_registered)
            ? bad(
                r,
                'device_is_registered',
                r.attrs.device_is_registered,
                'true wherever device_assurances_included is set: device assurance is checked on registered ' +
                  `devices (${APP}:433-452; the provider's example, docs/resources/app_signon_policy_rule.md:188-207)`,
              )
            : undefined,
          refsTo(r.attrs.behaviors, 'okta_behavior').map((ref) =>
            bad(r, 'behaviors', ref.address, `not a behaviour (${SESSION}:87-91)`),
          ),
        ),
    );
  },
});

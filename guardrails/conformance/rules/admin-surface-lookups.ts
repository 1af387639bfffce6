import { defineRule, each, on } from '../../rule';
import { all, bad, isSet } from '../support';
import type { StackModel, TfResource } from '../../../synthesized/model';

const APP = 'okta/data_source_okta_app.go';
const POLICY = 'okta/data_source_okta_app_signon_policy.go';
const FILTERS = ['id', 'label', 'label_prefix'] as const;

/** The rules the stack adds to a looked-up policy (data okta_app_signon_policy). */
const rulesOn = (stack: StackModel, policy: TfResource) =>
  stack.referrers('okta_app_signon_policy_rule', 'policy_id', policy);

export default defineRule({
  id: 'OKC-13',
  name: 'admin-surface-lookups',
  severity: 'error',
  title:
    'The admin-surface lookups pass the provider: data okta_app has exactly one of id, label, label_prefix; data ' +
    'okta_app_signon_policy has app_id; rules added to a looked-up policy state their priority',
  why:
    'Without a filter the okta_app read fails at plan ("you must provide either a label_prefix, id, or label"); ' +
    'two filters conflict at validate. A rule added to an existing policy without a priority is appended after ' +
    "Okta's own rules, which match first: the phishing-resistant rule would never apply.",
  source:
    `${APP}:16-40 (id, label, label_prefix, ConflictsWith at :19, :25, :37), okta/app_filter.go:65-67 (one is ` +
    `required), ${POLICY}:16-19 (app_id Required), :41-44 (the app must have an accessPolicy link); ` +
    'okta/resource_okta_app_signon_policy_rule.go:50-58 (priority Optional)',
  fix: "Look Okta's apps up by label only; give every rule the stack adds to a looked-up policy a priority from 1.",
  check: (stack) =>
    each(
      [...stack.resources('okta_app'), ...stack.resources('okta_app_signon_policy').filter((p) => p.mode === 'data')],
      (r) => {
        if (r.type === 'okta_app') {
          const set = FILTERS.filter((f) => isSet(r.attrs[f]));
          return set.length === 1
            ? undefined
            : on(
                r,
                `${set.join(', ') || 'no filter'}: exactly one of ${FILTERS.join(', ')} is allowed and required ` +
                  `(${APP}:19, :25, :37; okta/app_filter.go:65-67)`,
              );
        }
        return all(
          isSet(r.attrs.app_id) ? undefined : bad(r, 'app_id', undefined, `required (${POLICY}:16-19)`),
          ...rulesOn(stack, r)
            .filter((rule) => !isSet(rule.attrs.priority))
            .map((rule) =>
              bad(
                rule,
                'priority',
                undefined,
                "set it: unset, the rule is appended after the existing policy's own rules " +
                  '(okta/resource_okta_app_signon_policy_rule.go:50-58)',
              ),
            ),
        );
      },
    ),
});

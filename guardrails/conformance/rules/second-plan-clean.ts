import { show } from '../../../synthesized/model';
import { defineRule, each, on } from '../../rule';
import { READ_BACK, secondPlan } from '../read-back';

export default defineRule({
  id: 'OKC-12',
  name: 'second-plan-clean',
  severity: 'error',
  title:
    'Every okta_* resource reads back exactly as planned (the second plan is empty), and its type has a read-back ' +
    'model',
  why:
    'A value the API or the provider returns in another form shows as a change on every plan: reviewers learn ' +
    'to ignore plans, and a real change hides in the noise. A type without a read-back model has never been ' +
    'checked this way.',
  source:
    'guardrails/conformance/read-back.ts (one model per type, each citing the provider file and line); e.g. ' +
    'sdk/v2_possessionConstraint.go:10, okta/utils.go:643-657, ' +
    'test/fixtures/vcr/TestAccDataSourceOktaAuthenticator_read/oie-00.yaml:106',
  fix:
    'Emit the form the API returns (constraint objects with "required", Okta Verify settings with ' +
    'compliance.fips, RESOURCE claims always included, one risk level); for a new okta_* type, add its ' +
    'read-back model.',
  check: (stack) =>
    each(
      stack.all().filter((r) => r.mode === 'resource' && r.type.startsWith('okta_')),
      (r) => {
        const diffs = secondPlan(r, stack.declarations.org);
        if (!diffs)
          return on(
            r,
            `${r.type} has no read-back model in guardrails/conformance/read-back.ts (known: ` +
              `${Object.keys(READ_BACK).length} types)`,
          );
        return diffs.map((d) =>
          on(
            r,
            `${d.attribute}: planned ${show(d.planned)}, read back ${show(d.readBack)} (${d.source.split('; ')[0]})`,
          ),
        );
      },
    ),
});

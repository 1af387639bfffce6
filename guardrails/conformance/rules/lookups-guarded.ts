import { defineRule, NOT_APPLICABLE, on, verdict, type RuleFinding } from '../../rule';
import { all, bad, isSet } from '../support';
import { attr, isObject, stringList, type Json, type StackModel, type TfResource } from '../../../synthesized/model';
import { str } from '../../../synthesized/json';
import { ADMIN_SURFACES, type AdminSurface } from '../../../domain/okta/admin-surfaces';
import {
  behaviorGuards,
  firstPartyAppGuards,
  identityEngineGuards,
  ownPolicyGuards,
  type LookupGuard,
} from '../../../domain/okta/lookup-guards';

const APP = 'okta/data_source_okta_app.go';
const POLICY = 'okta/data_source_okta_app_signon_policy.go';
const BEHAVIOR = 'okta/data_source_okta_behavior.go';
const ORG = 'okta/data_source_okta_org_metadata.go';
const FILTERS = ['id', 'label', 'label_prefix'] as const;

/** The postconditions a resource carries (lifecycle.postcondition), as condition and message. */
function postconditionsOf(r: TfResource): LookupGuard[] {
  const list = attr(r.attrs, 'lifecycle', 'postcondition');
  return (Array.isArray(list) ? list : [])
    .filter(isObject)
    .map((p) => ({ condition: str(p.condition) ?? '', errorMessage: str(p.error_message) ?? '' }));
}

/** A finding per guard the lookup lacks, word for word (condition and message). */
function missing(r: TfResource, guards: readonly LookupGuard[], why: string) {
  const have = postconditionsOf(r);
  return guards
    .filter((g) => !have.some((h) => h.condition === g.condition && h.errorMessage === g.errorMessage))
    .map((g) => on(r, `lacks the postcondition ${g.condition}: ${why}`));
}

/** The admin surface a looked-up app is, by its label. */
const surfaceOf = (app: TfResource): AdminSurface | undefined =>
  (Object.keys(ADMIN_SURFACES) as AdminSurface[]).find((k) => ADMIN_SURFACES[k] === str(app.attrs.label));

/** data okta_app: one filter; an admin surface proven Okta's own app by name and label. */
function app(r: TfResource) {
  const set = FILTERS.filter((f) => isSet(r.attrs[f]));
  const surface = surfaceOf(r);
  return all(
    set.length === 1
      ? undefined
      : on(
          r,
          `${set.join(', ') || 'no filter'}: exactly one of ${FILTERS.join(', ')} is allowed and required ` +
            `(${APP}:19, :25, :37; okta/app_filter.go:65-67)`,
        ),
    ...(surface
      ? missing(
          r,
          firstPartyAppGuards(surface),
          `a label match falls back to the first app the query returned (${APP}:105-113); name and label (:121-123) ` +
            'prove it is the first-party app',
        )
      : []),
  );
}

/** data okta_app_signon_policy: app_id; proven the app's own; rules added to it state their priority. */
function policy(stack: StackModel, r: TfResource) {
  const app = stack.resolve(r.attrs.app_id)?.target;
  const surface = app?.type === 'okta_app' ? surfaceOf(app) : undefined;
  return all(
    isSet(r.attrs.app_id) ? undefined : bad(r, 'app_id', undefined, `required (${POLICY}:16-19)`),
    ...(app && surface
      ? missing(
          r,
          ownPolicyGuards(app.address, surface),
          `the policy must be the one the app's accessPolicy link names (${POLICY}:41-52; the app's links: ` +
            `${APP}:57-61, :125-126)`,
        )
      : []),
    ...stack
      .referrers('okta_app_signon_policy_rule', 'policy_id', r)
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
}

/** data okta_behavior by name: proven ACTIVE and named exactly so against an okta_behaviors of the same query. */
function behavior(stack: StackModel, r: TfResource) {
  const name = str(r.attrs.name);
  if (name === undefined || isSet(r.attrs.id)) return undefined;
  const candidates = stack
    .resources('okta_behaviors')
    .filter((c) => c.mode === 'data' && str(c.attrs.q) === name)
    .find((c) => postconditionsOf(r).some((p) => p.condition === behaviorGuards(name, c.address)[0].condition));
  const why =
    `the data source takes the first behaviour whose name contains "${name}", with only a warning ` +
    `(${BEHAVIOR}:61-73), and its status (:28-32, :77) may be INACTIVE`;
  if (!candidates)
    return on(
      r,
      `lacks its postconditions (exact name against data.okta_behaviors with q = "${name}", status): ${why}`,
    );
  return missing(r, behaviorGuards(name, candidates.address), why);
}

/** Whether a resource or data source depends on the org check (depends_on holds its address). */
const dependsOn = (r: TfResource, address: string): boolean =>
  stringList(r.attrs.depends_on as Json | undefined).includes(address);

/** The Identity Engine check: present, guarded, and every other okta object waits for it. */
function identityEngine(stack: StackModel, okta: readonly TfResource[]): RuleFinding[] {
  const checks = stack.resources('okta_org_metadata').filter((r) => r.mode === 'data');
  const why =
    `a Classic org (okta_org_metadata.pipeline "v1", ${ORG}:52-56) accepts groups and apps, then refuses the first ` +
    `Identity Engine policy (e.g. ${POLICY}:32-34): the apply stops halfway`;
  const check = checks.find((c) => missing(c, identityEngineGuards(), why).length === 0);
  if (!check) {
    // A check without its guard is named; with none at all, the first okta object stands for the stack.
    const unsound = checks.flatMap((c) => missing(c, identityEngineGuards(), why));
    if (unsound.length) return unsound;
    const first = okta.find((r) => r.type !== 'okta_org_metadata')!;
    return [
      on(
        first,
        'no data.okta_org_metadata with the Identity Engine postcondition: nothing proves the org runs the ' +
          `Identity Engine before this and every other okta object is read or changed: ${why}`,
      ),
    ];
  }
  return okta
    .filter((r) => r !== check && !dependsOn(r, check.address))
    .map((r) =>
      on(
        r,
        `does not depend on ${check.address}: it could be read or changed before the org is proven Identity Engine`,
      ),
    );
}

export default defineRule({
  id: 'OKC-13',
  name: 'lookups-guarded',
  severity: 'error',
  title:
    'Every Okta lookup proves it found the right thing before anything changes: the org runs the Identity Engine ' +
    "(every okta object waits for that check), the admin surfaces are Okta's own apps and their own policies, each " +
    'looked-up behaviour is ACTIVE and named exactly so; the lookups pass the provider (one app filter, app_id, ' +
    'priorities on rules added to a looked-up policy)',
  why:
    "A lookup that finds the wrong object changes a stranger's: a label match falls back to another app, a " +
    'behaviour name matches by substring with only a warning, and a Classic org half-applies the stack. ' +
    'Postconditions stop the plan with a message saying what to do. Without a filter the okta_app read fails at ' +
    'plan; a rule added to an existing policy without a priority is appended after its own rules and never applies.',
  source:
    `${ORG}:52-56, :122 (pipeline); ${APP}:16-61 (filters, name, status, links), :105-113 (label fallback), ` +
    `okta/app_filter.go:65-67; ${POLICY}:16-19, :32-34 (OIE only), :41-52 (the accessPolicy link); ` +
    `${BEHAVIOR}:28-32, :61-77 (partial match, status); okta/data_source_okta_behaviors.go:17-55, :72-79; ` +
    'okta/resource_okta_app_signon_policy_rule.go:50-58 (priority Optional)',
  fix:
    'Build lookups with their guards (constructs/okta/identity-engine.ts, rollout/admin-surfaces.ts, ' +
    'rollout/behaviors.ts; conditions from domain/okta/lookup-guards.ts); give every rule the stack adds to a ' +
    'looked-up policy a priority from 1.',
  check: (stack) => {
    const okta = stack.all().filter((r) => r.type.startsWith('okta_'));
    if (okta.length === 0) return NOT_APPLICABLE;
    const lookups = okta.filter(
      (r) => r.mode === 'data' && ['okta_app', 'okta_app_signon_policy', 'okta_behavior'].includes(r.type),
    );
    const found = lookups.flatMap((r) => {
      const f = r.type === 'okta_app' ? app(r) : r.type === 'okta_behavior' ? behavior(stack, r) : policy(stack, r);
      return f === undefined ? [] : Array.isArray(f) ? f : [f];
    });
    return verdict([...found, ...identityEngine(stack, okta)]);
  },
});

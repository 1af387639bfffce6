/**
 * Test helpers for the guardrails: the default environments as `npm run synth` writes them (buildApp,
 * so the `//` guardrails block is there; synthesized once per run, see fixture.ts), edited copies of
 * the JSON, and the catalogue's rules called by id.
 */
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../../config/schema';
import { ruleById } from '../../guardrails/catalogue';
import { StackModel } from '../../synthesized/model';
import { COMPLIANT, type RuleResult } from '../../guardrails/rule';
import { fixtureOutdir, synthesizedJson } from './fixture';
import type { Edit, RuleCase } from './guardrail-cases';

export type Json = Record<string, any>;
export type Synthesized = Record<EnvironmentName, Json>;

/** The default environments as `npm run synth` writes them: the shared fixture's directory (read only) and JSON. */
export function synthesizedDefaults(): { outdir: string; json: Synthesized } {
  const json = {} as Synthesized;
  for (const env of ENVIRONMENT_NAMES) json[env] = synthesizedJson(env);
  return { outdir: fixtureOutdir(), json };
}

/** A StackModel of an edited deep copy of a stack's JSON. */
export function modelOf(env: EnvironmentName, json: Json, edit?: (copy: Json) => void): StackModel {
  const copy = structuredClone(json);
  edit?.(copy);
  return new StackModel(`identity-gateway-${env}`, copy);
}

/** The [name, attributes] of the first resource of a type whose name starts with `prefix` (and matches `where`). */
export function entry(json: Json, type: string, prefix = '', where: (a: Json) => boolean = () => true): [string, Json] {
  const found = Object.entries((json.resource?.[type] ?? {}) as Record<string, Json>).find(
    ([n, a]) => n.startsWith(prefix) && where(a),
  );
  if (!found) throw new Error(`no ${type} ${prefix} in the synthesized JSON`);
  return found;
}

/** The (mutable) attributes of that resource. */
export const res = (json: Json, type: string, prefix = '', where?: (a: Json) => boolean): Json =>
  entry(json, type, prefix, where)[1];

/** A route by its route key. */
export const route = (json: Json, key: string): Json =>
  res(json, 'aws_apigatewayv2_route', '', (a) => a.route_key === key);

/** `${type.name.attr}` of the first resource of a type with that name prefix. */
export const refTo = (json: Json, type: string, prefix: string, attr: string): string =>
  `\${${type}.${entry(json, type, prefix)[0]}.${attr}}`;

/** The app sign-on rules of a tier policy ('standard' | 'high' | 'critical'). */
export function tierRules(json: Json, tier: string): Json[] {
  const [policyName] = entry(json, 'okta_app_signon_policy', '', (a) => a.name === `Sign-on tier: ${tier}`);
  return Object.values((json.resource.okta_app_signon_policy_rule ?? {}) as Record<string, Json>).filter((r) =>
    String(r.policy_id).includes(`.${policyName}.`),
  );
}
export const allowRule = (json: Json, tier: string): Json => tierRules(json, tier).find((r) => r.access === 'ALLOW')!;

/**
 * The result of each named catalogue rule on a stack, by rule id: intent tests call the rule that
 * states a property rather than recomputing it (`expect(results).toEqual(compliant(ids))`).
 */
export function ruleResults(env: EnvironmentName, json: Json, ids: readonly string[]): Record<string, RuleResult> {
  const model = modelOf(env, json);
  return Object.fromEntries(
    ids.map((id) => {
      const rule = ruleById(id);
      if (!rule) throw new Error(`no rule ${id} in the catalogue`);
      return [id, rule.check(model)];
    }),
  );
}

/** What `ruleResults` returns when every named rule holds. */
export const compliant = (ids: readonly string[]): Record<string, RuleResult> =>
  Object.fromEntries(ids.map((id) => [id, COMPLIANT]));

/** How a rule table titles its compliant case and what each finding's address must look like. */
export interface RuleTableOptions {
  /** The compliant test's title. */
  readonly compliantTitle: (compliant: Edit) => string;
  /** Every finding's address matches this. */
  readonly address: RegExp;
}

/**
 * The compliant/failing table of a rule set, one describe block per rule: compliant on its case's stack
 * (edited to make the rule apply, where it says so), non-compliant with at least one finding naming an
 * address and saying why on every failing edit. `json` is read when the tests run (after beforeAll).
 */
export function describeRuleTable(
  ids: readonly { id: string; name: string }[],
  cases: Record<string, RuleCase>,
  json: () => Synthesized,
  options: RuleTableOptions,
): void {
  describe.each(ids.map((r) => [r.id, r.name] as const))('%s %s', (id) => {
    const rule = ruleById(id)!;
    const c = cases[id];

    test(options.compliantTitle(c.compliant), () => {
      // WHEN the rule checks the stack THEN it is compliant
      expect(rule.check(modelOf(c.compliant.env, json()[c.compliant.env], c.compliant.edit))).toEqual(COMPLIANT);
    });

    test.each(c.fails.map((f) => [f.when, f] as const))('fails when %s', (_, f) => {
      // WHEN the rule checks the edited stack THEN it names the resource and says why
      const result = rule.check(modelOf(f.env, json()[f.env], f.edit));
      expect(result.status).toBe('non-compliant');
      if (result.status !== 'non-compliant') return;
      expect(result.findings.length).toBeGreaterThan(0);
      for (const finding of result.findings) {
        expect(finding.address).toMatch(options.address);
        expect(finding.message).toMatch(/\S/);
      }
    });
  });
}

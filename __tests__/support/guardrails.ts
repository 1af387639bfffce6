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

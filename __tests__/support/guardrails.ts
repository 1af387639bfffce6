/**
 * Test helpers for the guardrails: synthesize the default environments once the way `npm run synth`
 * does (buildApp, so the `//` guardrails block is there), and edit copies of the JSON.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../../config/environments';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../../config/schema';
import { StackModel } from '../../synthesized/model';
import { buildApp } from '../../stacks/app';

export type Json = Record<string, any>;
export type Synthesized = Record<EnvironmentName, Json>;

/** Synthesizes every default environment into a fresh directory; returns the directory and the JSON. */
export function synthDefaults(): { outdir: string; json: Synthesized } {
  const outdir = mkdtempSync(join(tmpdir(), 'guardrails-'));
  const { app, problems } = buildApp({ environments: ENVIRONMENTS, version: '0.0.0-test', outdir });
  if (problems.length > 0) throw new Error(`default config problems: ${JSON.stringify(problems)}`);
  app.synth();
  const json = {} as Synthesized;
  for (const env of ENVIRONMENT_NAMES) json[env] = JSON.parse(readFileSync(join(outdir, 'stacks', `identity-gateway-${env}`, 'cdk.tf.json'), 'utf8'));
  return { outdir, json };
}

/** A StackModel of an edited deep copy of a stack's JSON. */
export function modelOf(env: EnvironmentName, json: Json, edit?: (copy: Json) => void): StackModel {
  const copy = structuredClone(json);
  edit?.(copy);
  return new StackModel(`identity-gateway-${env}`, copy);
}

/** The [name, attributes] of the first resource of a type whose name starts with `prefix` (and matches `where`). */
export function entry(json: Json, type: string, prefix = '', where: (a: Json) => boolean = () => true): [string, Json] {
  const found = Object.entries((json.resource?.[type] ?? {}) as Record<string, Json>).find(([n, a]) => n.startsWith(prefix) && where(a));
  if (!found) throw new Error(`no ${type} ${prefix} in the synthesized JSON`);
  return found;
}

/** The (mutable) attributes of that resource. */
export const res = (json: Json, type: string, prefix = '', where?: (a: Json) => boolean): Json => entry(json, type, prefix, where)[1];

/** A route by its route key. */
export const route = (json: Json, key: string): Json => res(json, 'aws_apigatewayv2_route', '', (a) => a.route_key === key);

/** `${type.name.attr}` of the first resource of a type with that name prefix. */
export const refTo = (json: Json, type: string, prefix: string, attr: string): string => `\${${type}.${entry(json, type, prefix)[0]}.${attr}}`;

/** The app sign-on rules of a tier policy ('standard' | 'high' | 'critical'). */
export function tierRules(json: Json, tier: string): Json[] {
  const [policyName] = entry(json, 'okta_app_signon_policy', '', (a) => a.name === `Sign-on tier: ${tier}`);
  return Object.values((json.resource.okta_app_signon_policy_rule ?? {}) as Record<string, Json>).filter((r) => String(r.policy_id).includes(`.${policyName}.`));
}
export const allowRule = (json: Json, tier: string): Json => tierRules(json, tier).find((r) => r.access === 'ALLOW')!;

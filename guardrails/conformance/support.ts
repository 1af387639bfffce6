/**
 * Small helpers the provider-conformance rules share: reading an attribute the way the provider will
 * (Terraform references are unknown at plan time and are never judged), and findings that name the
 * resource, the attribute path, the value and what okta/okta 4.20.0 allows.
 */
import { isReference, show, type Json, type TfResource } from '../../synthesized/model';
import { on, type RuleFinding } from '../rule';

/** Where the provider facts come from: okta/terraform-provider-okta at this tag. */
export const PROVIDER = 'okta/okta 4.20.0';

/** Whether a value is set to something known at plan time (not null, not a `${...}` reference). */
export const known = (v: Json | undefined): v is Json => v !== undefined && v !== null && !isReference(v);

/** Whether an attribute is present in the configuration (Terraform treats null as absent). */
export const isSet = (v: Json | undefined): boolean => v !== undefined && v !== null;

/** A finding: `<path> = <value>: <problem>`. */
export function bad(resource: TfResource, path: string, value: Json | undefined, problem: string): RuleFinding {
  return on(resource, `${path} = ${show(value)}: ${problem}`);
}

/** A finding when a known string attribute is not one of `allowed` (case-sensitive, as the provider). */
export function oneOf(
  resource: TfResource,
  path: string,
  value: Json | undefined,
  allowed: readonly string[],
  cite: string,
): RuleFinding | undefined {
  if (!known(value) || (typeof value === 'string' && allowed.includes(value))) return undefined;
  return bad(resource, path, value, `${PROVIDER} allows ${allowed.join(', ')} (${cite})`);
}

/** A finding when a known integer attribute lies outside [min, max]. */
export function inRange(
  resource: TfResource,
  path: string,
  value: Json | undefined,
  min: number,
  max: number,
  cite: string,
): RuleFinding | undefined {
  if (!known(value)) return undefined;
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return undefined;
  return bad(resource, path, value, `${PROVIDER} allows an integer from ${min} to ${max} (${cite})`);
}

/** The elements of a list (or set) attribute; a single value counts as a list of one. */
export const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : isSet(v) ? [v as Json] : []);

/** Parses a JSON-string attribute (constraints, settings); undefined when it is not JSON or not known. */
export function parseJson(value: Json | undefined): Json | undefined {
  if (typeof value !== 'string' || isReference(value)) return undefined;
  try {
    return JSON.parse(value) as Json;
  } catch {
    return undefined;
  }
}

/** Findings of several checks, without the empty ones. */
export const all = (...findings: (RuleFinding | RuleFinding[] | undefined)[]): RuleFinding[] =>
  findings.flatMap((f) => (f === undefined ? [] : Array.isArray(f) ? f : [f]));

/**
 * The leaves of a parsed environment config, read from the zod schema, and candidates for a non-default value
 * of each: what the wiring test (config-wiring.test.ts) sets one at a time. Light: zod only, no cdktf.
 *
 * A leaf is a field the schema fills: optional, or with a default. Its field path names it the way the
 * configuration reference does: array items as `[]`, record entries as `.<key>` (`identity.apps[].consentMethod`).
 * Candidates come from the field's own schema (the other members of an enum or the values its message allows,
 * the flipped boolean, numbers in range, the default, absence, a shorter or longer list), from the values the
 * same field has anywhere in the given configs (another app's groups, another environment's key ARN), and for an
 * absent object from a minimal instance of its schema. Whether a candidate is valid is the caller's to decide,
 * by parsing.
 */
import type { z } from 'zod';

export type Path = readonly (string | number)[];

export interface Leaf {
  /** Where the leaf is in the parsed config. */
  readonly path: Path;
  /** The field path: array items as `[]`, record entries as `.<key>`. */
  readonly field: string;
  /** The field's schema with its wrappers (optional, default, refinements). */
  readonly schema: z.ZodTypeAny;
}

type Def = { typeName: string; [k: string]: any };
const defOf = (s: z.ZodTypeAny): Def => s._def as Def;

/** A schema without refinements, optional and default, and what the wrappers said. */
function unwrap(schema: z.ZodTypeAny): { inner: z.ZodTypeAny; optional: boolean; defaultValue?: unknown } {
  let s = schema;
  let optional = false;
  let defaultValue: unknown;
  for (;;) {
    const def = defOf(s);
    if (def.typeName === 'ZodEffects') s = def.schema;
    else if (def.typeName === 'ZodOptional' || def.typeName === 'ZodNullable') {
      optional = true;
      s = def.innerType;
    } else if (def.typeName === 'ZodDefault') {
      if (!optional) defaultValue = def.defaultValue();
      optional = true;
      s = def.innerType;
    } else return { inner: s, optional, defaultValue };
  }
}

/** The schema of a union's member that `value` belongs to. */
function memberOf(def: Def, value: unknown): z.ZodTypeAny | undefined {
  if (def.typeName === 'ZodDiscriminatedUnion') return def.optionsMap.get((value as any)?.[def.discriminator]);
  return (def.options as z.ZodTypeAny[]).find((o) => o.safeParse(value).success);
}

/** Every node of a parsed value with its field path (leaves or not), for the samples. */
function visit(
  schema: z.ZodTypeAny,
  value: unknown,
  path: Path,
  field: string,
  each: (path: Path, field: string, schema: z.ZodTypeAny, value: unknown) => void,
): void {
  const { inner } = unwrap(schema);
  const def = defOf(inner);
  if (value === undefined || value === null) return;
  switch (def.typeName) {
    case 'ZodObject':
      for (const [k, f] of Object.entries((inner as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>)) {
        const p = [...path, k];
        const fp = field ? `${field}.${k}` : k;
        each(p, fp, f, (value as Record<string, unknown>)[k]);
        visit(f, (value as Record<string, unknown>)[k], p, fp, each);
      }
      return;
    case 'ZodArray':
      (value as unknown[]).forEach((item, i) => {
        each([...path, i], `${field}[]`, def.type, item);
        visit(def.type, item, [...path, i], `${field}[]`, each);
      });
      return;
    case 'ZodRecord':
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        each([...path, k], `${field}.<key>`, def.valueType, v);
        visit(def.valueType, v, [...path, k], `${field}.<key>`, each);
      }
      return;
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion': {
      const member = memberOf(def, value);
      if (member) visit(member, value, path, field, each);
      return;
    }
    default:
      return;
  }
}

/** The optional leaves of a parsed config: every field the schema fills (optional or defaulted), present or not. */
export function leavesOf(schema: z.ZodTypeAny, config: unknown): Leaf[] {
  const leaves: Leaf[] = [];
  visit(schema, config, [], '', (path, field, s) => {
    if (typeof path[path.length - 1] !== 'string' || field.endsWith('.<key>')) return; // items and entries
    if (unwrap(s).optional) leaves.push({ path, field, schema: s });
  });
  return leaves;
}

/** Every value each field path holds in the given parsed configs (distinct by JSON). */
export function samplesOf(schema: z.ZodTypeAny, configs: readonly unknown[]): ReadonlyMap<string, unknown[]> {
  const samples = new Map<string, Map<string, unknown>>();
  for (const config of configs) {
    visit(schema, config, [], '', (_path, field, _s, value) => {
      if (value === undefined) return;
      const known = samples.get(field) ?? new Map<string, unknown>();
      known.set(JSON.stringify(value), value);
      samples.set(field, known);
    });
  }
  return new Map([...samples].map(([field, values]) => [field, [...values.values()]]));
}

/** Marks a candidate that removes the field. */
export const ABSENT = Symbol('absent');

/**
 * Candidates for a non-default value of a leaf whose value is `current`, in the order they are worth
 * trying; none equals `current`. Validity is the caller's to check (by parsing the changed config).
 */
export function candidatesFor(leaf: Leaf, current: unknown, samples: ReadonlyMap<string, unknown[]>): unknown[] {
  const { inner, optional, defaultValue } = unwrap(leaf.schema);
  const def = defOf(inner);
  const own = samples.get(leaf.field) ?? [];
  const out: unknown[] = [];
  if (current !== undefined && optional) out.push(defaultValue === undefined ? ABSENT : defaultValue);
  switch (def.typeName) {
    case 'ZodBoolean':
      out.push(...(current === undefined ? [true, false] : [!current]));
      break;
    case 'ZodEnum':
      out.push(...(def.values as string[]));
      break;
    case 'ZodNumber':
      out.push(...numbersNear(def, typeof current === 'number' ? current : undefined), ...own);
      break;
    case 'ZodString':
      out.push(...allowedBy(leaf.schema), ...own, typeof current === 'string' && current !== '' ? `${current}x` : 'x');
      break;
    case 'ZodArray': {
      const list = Array.isArray(current) ? current : [];
      const items = (samples.get(`${leaf.field}[]`) ?? []).filter((s) => !list.some((x) => same(x, s)));
      if (list.length > 1) out.push(list.slice(0, -1));
      const made = instanceOf(def.type);
      out.push(...own, ...items.map((s) => [...list, s]), [...list, made], []);
      break;
    }
    case 'ZodRecord': {
      const entries = Object.entries(current ?? {});
      if (entries.length > 1) out.push(Object.fromEntries(entries.slice(0, -1)));
      out.push(...own, {});
      break;
    }
    default:
      out.push(...own, ...(current === undefined ? [instanceOf(inner)] : []));
  }
  const seen = new Set<string>([key(current)]);
  return out.filter((c) => {
    const k = key(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The choices a refined string names in its message ("allowed: A, B"; every message of this project says what
 * is allowed), for strings whose choices live in a refinement rather than an enum.
 */
function allowedBy(schema: z.ZodTypeAny): string[] {
  const result = schema.safeParse('\u0000');
  if (result.success) return [];
  return result.error.issues.flatMap((i) => /allowed: ([\w.:-]+(, [\w.:-]+)*)$/.exec(i.message)?.[1].split(', ') ?? []);
}

const key = (v: unknown): string => (v === ABSENT || v === undefined ? '(absent)' : JSON.stringify(v));
const same = (a: unknown, b: unknown): boolean => key(a) === key(b);

/** Numbers near `current` and the ends of the range, within the schema's bounds and integral if it says so. */
function numbersNear(def: Def, current: number | undefined): number[] {
  const checks = (def.checks ?? []) as { kind: string; value?: number; inclusive?: boolean }[];
  const int = checks.some((c) => c.kind === 'int');
  let min = -Infinity;
  let max = Infinity;
  for (const c of checks) {
    if (c.kind === 'min') min = c.inclusive ? c.value! : c.value! + (int ? 1 : 1e-9);
    if (c.kind === 'max') max = c.inclusive ? c.value! : c.value! - (int ? 1 : 1e-9);
  }
  const base = current ?? (Number.isFinite(min) ? min : 1);
  const near = [base + 1, base - 1, min, max, base * 2, Math.floor(base / 2)];
  return near.filter((n) => Number.isFinite(n) && n >= min && n <= max && n !== current);
}

/** A minimal instance of a schema: required fields only, the first choice of each, the smallest lists. */
export function instanceOf(schema: z.ZodTypeAny): unknown {
  const { inner } = unwrap(schema);
  const def = defOf(inner);
  switch (def.typeName) {
    case 'ZodObject':
      return Object.fromEntries(
        Object.entries((inner as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>)
          .filter(([, f]) => !unwrap(f).optional)
          .map(([k, f]) => [k, instanceOf(f)]),
      );
    case 'ZodEnum':
      return def.values[0];
    case 'ZodLiteral':
      return def.value;
    case 'ZodBoolean':
      return false;
    case 'ZodNumber':
      return numbersNear(def, undefined)[0] ?? 1;
    case 'ZodArray':
      return def.minLength ? Array.from({ length: def.minLength.value }, () => instanceOf(def.type)) : [];
    case 'ZodRecord':
      return {};
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      return instanceOf((def.typeName === 'ZodUnion' ? def.options : [...def.optionsMap.values()])[0]);
    default:
      return 'x';
  }
}

/**
 * `config` with the value at `path` set to `value` (or removed, for ABSENT): the objects along the path are
 * copied, the rest is shared with `config` (parsing does not change its input).
 */
export function withValue(config: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const node: any = Array.isArray(config) ? [...config] : { ...(config as object) };
  if (rest.length > 0) node[head] = withValue(node[head], rest, value);
  else if (value === ABSENT) delete node[head];
  else node[head] = value;
  return node;
}

/** Whether a candidate passes the leaf's own schema (the cross-field rules aside): a cheap first filter. */
export const fitsField = (leaf: Leaf, candidate: unknown): boolean =>
  leaf.schema.safeParse(candidate === ABSENT ? undefined : candidate).success;

/** The value at `path`, or undefined. */
export function valueAt(config: unknown, path: Path): unknown {
  let node: any = config;
  for (const k of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[k];
  }
  return node;
}

/** A path as the config problems write it: `identity.apps[0].consentMethod`. */
export function dotted(path: Path): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** Every field path the schema fills (optional or with a default), in every branch of every union. */
export function optionalFieldsOf(schema: z.ZodTypeAny, field = ''): string[] {
  const { inner } = unwrap(schema);
  const def = defOf(inner);
  switch (def.typeName) {
    case 'ZodObject':
      return Object.entries((inner as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>).flatMap(([k, f]) => {
        const fp = field ? `${field}.${k}` : k;
        return [...(unwrap(f).optional ? [fp] : []), ...optionalFieldsOf(f, fp)];
      });
    case 'ZodArray':
      return optionalFieldsOf(def.type, `${field}[]`);
    case 'ZodRecord':
      return optionalFieldsOf(def.valueType, `${field}.<key>`);
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      return [
        ...new Set(
          (def.typeName === 'ZodUnion' ? (def.options as z.ZodTypeAny[]) : [...def.optionsMap.values()]).flatMap(
            (o: z.ZodTypeAny) => optionalFieldsOf(o, field),
          ),
        ),
      ];
    default:
      return [];
  }
}

/** A candidate as the test reports it. */
export const describeCandidate = (v: unknown): string => {
  const s = v === ABSENT || v === undefined ? '(absent)' : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

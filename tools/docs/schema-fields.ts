/** The field paths of a zod schema, for the configuration reference and its checks. */
import type { z } from 'zod';

/**
 * Every field path of a zod schema (objects and their fields): arrays as `[]`, records as `.<key>`.
 * With `leavesOnly`, only the paths that hold a value rather than an object, array or record.
 */
export function fieldPaths(schema: z.ZodTypeAny, prefix = '', leavesOnly = false): string[] {
  const def = schema._def as { typeName: string; [k: string]: any };
  switch (def.typeName) {
    case 'ZodEffects':
      return fieldPaths(def.schema, prefix, leavesOnly);
    case 'ZodOptional':
    case 'ZodDefault':
    case 'ZodNullable':
      return fieldPaths(def.innerType, prefix, leavesOnly);
    case 'ZodArray':
      return fieldPaths(def.type, `${prefix}[]`, leavesOnly);
    case 'ZodRecord': {
      const own = leavesOnly ? [] : [prefix, `${prefix}.<key>`];
      return [...own, ...fieldPaths(def.valueType, `${prefix}.<key>`, leavesOnly)];
    }
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      return [...new Set((def.options as z.ZodTypeAny[]).flatMap((o) => fieldPaths(o, prefix, leavesOnly)))];
    case 'ZodObject':
      return Object.entries((schema as z.AnyZodObject).shape).flatMap(([k, v]) => {
        const path = prefix ? `${prefix}.${k}` : k;
        return [...(leavesOnly ? [] : [path]), ...fieldPaths(v as z.ZodTypeAny, path, leavesOnly)];
      });
    default:
      return [prefix];
  }
}

/** Whether a documented path covers a schema path: itself, or a parent object, array or record. */
export const covers = (documented: string, path: string): boolean =>
  path === documented || path.startsWith(`${documented}.`) || path.startsWith(`${documented}[]`);

/**
 * The reference's gaps: schema leaves no documented path covers, and documented paths the schema lacks.
 */
export function referenceGaps(
  schema: z.ZodTypeAny,
  documented: readonly string[],
): { undocumented: string[]; unknown: string[] } {
  const all = new Set(fieldPaths(schema).filter(Boolean));
  const leaves = [...new Set(fieldPaths(schema, '', true).filter(Boolean))];
  return {
    undocumented: leaves.filter((p) => !documented.some((d) => covers(d, p))),
    unknown: documented.filter((d) => !all.has(d)),
  };
}

const WRAPPERS = new Set(['ZodEffects', 'ZodOptional', 'ZodDefault', 'ZodNullable']);

/** A schema without its wrappers (refinements, optional, default), and the descriptions met on the way. */
function unwrap(schema: z.ZodTypeAny): { inner: z.ZodTypeAny; descriptions: string[] } {
  const descriptions: string[] = [];
  let s = schema;
  for (;;) {
    if (s.description) descriptions.push(s.description);
    const def = s._def as { typeName: string; schema?: z.ZodTypeAny; innerType?: z.ZodTypeAny };
    if (!WRAPPERS.has(def.typeName)) return { inner: s, descriptions };
    s = (def.schema ?? def.innerType)!;
  }
}

/** The schemas a field path names (several when it runs through a union). */
function schemasAt(schema: z.ZodTypeAny, segments: readonly string[]): z.ZodTypeAny[] {
  if (segments.length === 0) return [schema];
  const [head, ...rest] = segments;
  const { inner } = unwrap(schema);
  const def = inner._def as { typeName: string; [k: string]: any };
  switch (def.typeName) {
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      return (def.options as z.ZodTypeAny[]).flatMap((o) => schemasAt(o, segments));
    case 'ZodRecord':
      if (head === '<key>') return schemasAt(def.valueType, rest);
      // A record of lists (`roles.<key>[]`): the list, or what its items name.
      if (head === '<key>[]') {
        const list = unwrap(def.valueType).inner._def as { typeName: string; type?: z.ZodTypeAny };
        return list.typeName === 'ZodArray' && rest.length ? schemasAt(list.type!, rest) : [def.valueType];
      }
      return [];
    case 'ZodObject': {
      const array = head.endsWith('[]');
      const field = (inner as z.AnyZodObject).shape[array ? head.slice(0, -2) : head] as z.ZodTypeAny | undefined;
      if (!field) return [];
      if (!array) return schemasAt(field, rest);
      const list = unwrap(field).inner._def as { typeName: string; type?: z.ZodTypeAny };
      return list.typeName === 'ZodArray' && rest.length ? schemasAt(list.type!, rest) : [field];
    }
    default:
      return [];
  }
}

/** The `.describe()` text of a field path (the first found where the path runs through a union). */
export function descriptionAt(schema: z.ZodTypeAny, path: string): string | undefined {
  return schemasAt(schema, path.split('.')).flatMap((s) => unwrap(s).descriptions)[0];
}

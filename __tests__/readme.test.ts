/**
 * README.md stays true: its configuration reference names every field of the schema, and nothing the
 * schema does not have.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { environmentConfigSchema } from '../config/schema';

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

/** Every field path of a zod schema (objects, and their fields): arrays as `[]`, records as `.<key>`. */
function fieldPaths(schema: z.ZodTypeAny, prefix = '', leavesOnly = false): string[] {
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
    case 'ZodRecord':
      return [...(leavesOnly ? [] : [prefix, `${prefix}.<key>`]), ...fieldPaths(def.valueType, `${prefix}.<key>`, leavesOnly)];
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

const documented = (() => {
  const section = README.split('<!-- config-reference:start -->')[1]?.split('<!-- config-reference:end -->')[0] ?? '';
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
})();
const inSchema = [...new Set(fieldPaths(environmentConfigSchema).filter(Boolean))];
const leaves = [...new Set(fieldPaths(environmentConfigSchema, '', true).filter(Boolean))];

test('the configuration reference documents every schema field (itself or through its parent)', () => {
  const covered = (path: string) => documented.some((d) => path === d || path.startsWith(`${d}.`) || path.startsWith(`${d}[]`));
  expect(leaves.filter((p) => !covered(p))).toEqual([]);
});

test('the configuration reference names no field the schema lacks', () => {
  expect(documented.filter((d) => !inSchema.includes(d))).toEqual([]);
});

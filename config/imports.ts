/**
 * Parsing an environment's adoption file (`config/imports/<env>.json`, domain/imports.ts): its shape, the
 * environment it names, each address's form and each id's form for the resource type (domain/okta/ids.ts).
 * Whether an address exists in the stack is checked where the stack is built (stacks/imports.ts). A file
 * that is absent means no imports; one that cannot be read or parsed is a problem naming it, like any
 * other bad input: nothing is synthesized for that environment.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { importsFile, RESOURCE_ADDRESS, type ImportBlock } from '../domain/imports';
import { importIdProblem } from '../domain/okta/ids';
import { dottedPath } from '../domain/problems';
import { readJsonObject } from '../domain/read-json';
import type { ConfigProblem } from './load';

export const importsFileSchema = z
  .object({
    environment: z.string().describe('the environment the file belongs to (its file name says the same)'),
    imports: z
      .array(
        z
          .object({
            to: z
              .string()
              .regex(RESOURCE_ADDRESS, 'a resource address of the stack, `<type>.<name>` (no module, no index)')
              .describe('the Terraform address of the resource that adopts the object'),
            id: z.string().describe("the existing object's import id (for Okta objects: the object id)"),
          })
          .strict(),
      )
      .describe('one entry per existing object to adopt'),
  })
  .strict();

/** At most this many bytes: a file of adoptions is small. */
const MAX_IMPORTS_FILE_BYTES = 4 * 1024 * 1024;

export interface ParsedImports {
  readonly imports: readonly ImportBlock[];
  readonly problems: readonly ConfigProblem[];
}

/** Reads `<root>/config/imports/<environment>.json` (absent: no imports). */
export function readImportsFile(root: string, environment: string): ParsedImports {
  const relative = importsFile(environment);
  const file = `${root}/${relative}`;
  if (!existsSync(file)) return { imports: [], problems: [] };
  let raw: unknown;
  try {
    raw = readJsonObject(file, { maxBytes: MAX_IMPORTS_FILE_BYTES, maxDepth: 8 }, (why) => new Error(why));
  } catch (e) {
    const message = `${relative} cannot be read: ${(e as Error).message}; fix or remove it`;
    return { imports: [], problems: [{ environment, path: '(file)', received: '(not shown)', message }] };
  }
  return parseImports(environment, raw);
}

/** The imports of one environment, or every problem with them (nothing is adopted when there is one). */
export function parseImports(environment: string, raw: unknown): ParsedImports {
  const where = importsFile(environment);
  const problem = (path: (string | number)[], value: unknown, message: string): ConfigProblem => ({
    environment,
    path: dottedPath(path),
    received: value === undefined ? '(missing)' : JSON.stringify(value).slice(0, 120),
    message: `${message} (${where})`,
  });
  const parsed = importsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) =>
      i.code === z.ZodIssueCode.unrecognized_keys
        ? problem([...i.path, ...i.keys.slice(0, 1)], undefined, `unknown field; allowed: environment, imports`)
        : problem(i.path, valueAt(raw, i.path), i.message),
    );
    return { imports: [], problems };
  }
  const { imports } = parsed.data;
  const problems: ConfigProblem[] = [];
  if (parsed.data.environment !== environment)
    problems.push(
      problem(
        ['environment'],
        parsed.data.environment,
        `this is the adoption file of '${environment}' but it names another environment: ` +
          "an object of another org's ids would be adopted",
      ),
    );
  const seen = new Map<string, number>();
  const ids = new Map<string, number>();
  imports.forEach(({ to, id }, i) => {
    const type = to.split('.')[0];
    const why = importIdProblem(type, id);
    if (why) problems.push(problem(['imports', i, 'id'], id, why));
    if (seen.has(to))
      problems.push(problem(['imports', i, 'to'], to, `imported twice (also imports[${seen.get(to)}]): keep one`));
    seen.set(to, i);
    const key = `${type} ${id}`;
    if (ids.has(key))
      problems.push(
        problem(['imports', i, 'id'], id, `the same object is adopted twice (also imports[${ids.get(key)}])`),
      );
    ids.set(key, i);
  });
  return problems.length ? { imports: [], problems } : { imports, problems: [] };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

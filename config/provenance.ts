/**
 * Which file wrote a value of an environment's config: its own file (config/environments/<env>.ts) or the
 * shared pieces (config/environments/shared.ts), so a config problem can name the file to edit, and a mistake in
 * the shared pieces is reported once for every environment it reaches.
 *
 * The method, by dependence rather than by guess: an environment file is a literal that calls the shared
 * pieces (`identity(...)`, `mfa(...)`, `gateway(...)`) with its own arguments. Each piece is wrapped by
 * {@link sharedPiece}, which remembers the object it returned, the function and the arguments. A value inside
 * such an object was written by the environment file exactly when it depends on those arguments: the piece is
 * run again with every argument changed (strings and numbers at once, each boolean flipped on its own; pieces
 * passed as arguments, like `mfa(...)` into `identity(...)`, are kept), and a value that changes with them came
 * from the arguments; one that stays the same is the piece's own. Values outside every piece are the
 * environment file's. Comparing the environments with each other would guess wrong whenever two environment
 * files happen to set the same value (every environment sets `requireManagedDevice: false`).
 * A config not registered with {@link environmentFile} (a copy, a generated config) has no known file.
 */
import type { ProblemPath } from '../domain/problems';

/** The file of the shared pieces. */
export const SHARED_FILE = 'config/environments/shared.ts';

interface Piece {
  readonly build: (args: never) => unknown;
  readonly args: unknown;
}

const pieces = new WeakMap<object, Piece>();
const files = new WeakMap<object, string>();

/** A shared piece of config whose results remember how they were built (see the method above). */
export function sharedPiece<A, R extends object>(build: (args: A) => R): (args: A) => R {
  return (args: A) => {
    const out = build(args);
    pieces.set(out, { build: build as Piece['build'], args });
    return out;
  };
}

/** Registers `config` as written in `file` (relative to the project root); returns it unchanged. */
export function environmentFile<T extends object>(file: string, config: T): T {
  files.set(config, file);
  return config;
}

type Leaf = readonly (string | number)[];
const isObject = (v: unknown): v is Record<string | number, unknown> => v !== null && typeof v === 'object';
const leafId = (path: Leaf): string => JSON.stringify(path);

/** Every leaf of `value` (scalars, empty lists and objects), leaving out the nodes below it that `skip` names. */
function leaves(value: unknown, skip: (v: object) => boolean, at: Leaf = []): [Leaf, unknown][] {
  if (!isObject(value)) return [[at, value]];
  if (at.length > 0 && skip(value)) return [];
  const entries = Object.entries(value);
  if (entries.length === 0) return [[at, value]];
  return entries.flatMap(([k, v]) => leaves(v, skip, [...at, Array.isArray(value) ? Number(k) : k]));
}

const valueAt = (value: unknown, path: Leaf): unknown =>
  path.reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), value);
const has = (value: unknown, path: Leaf): boolean =>
  path.every((k, n) => {
    const parent = valueAt(value, path.slice(0, n));
    return isObject(parent) && Object.hasOwn(parent, k);
  });

/** `args` with every string and number changed, or (`flip`) only the boolean at that leaf flipped; pieces kept. */
function varied(args: unknown, flip?: string): unknown {
  const go = (v: unknown, at: Leaf): unknown => {
    if (typeof v === 'boolean') return flip === leafId(at) ? !v : v;
    if (flip !== undefined) return isObject(v) && !pieces.has(v) ? map(v, at) : v;
    if (typeof v === 'string') return `${v}\u0001`;
    if (typeof v === 'number') return v * 2 + 1;
    return isObject(v) && !pieces.has(v) ? map(v, at) : v;
  };
  const map = (v: Record<string | number, unknown>, at: Leaf): unknown =>
    Array.isArray(v)
      ? v.map((x, i) => go(x, [...at, i]))
      : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, go(x, [...at, k])]));
  return go(args, []);
}

const fromArgs = new WeakMap<object, ReadonlySet<string>>();

/** The leaves of a piece's result that depend on its arguments (memoised per result). */
function argumentLeaves(result: object, piece: Piece): ReadonlySet<string> {
  const known = fromArgs.get(result);
  if (known) return known;
  const build = piece.build as (args: unknown) => unknown;
  const fresh = build(piece.args);
  const booleans = leaves(piece.args, (v) => pieces.has(v)).filter(([, v]) => typeof v === 'boolean');
  const variants: unknown[] = [];
  for (const args of [varied(piece.args), ...booleans.map(([at]) => varied(piece.args, leafId(at)))]) {
    try {
      variants.push(build(args));
    } catch {
      // A piece that refuses changed arguments tells nothing about them.
    }
  }
  const out = new Set<string>();
  for (const [at, value] of leaves(fresh, (v) => pieces.has(v))) {
    const changed = variants.some((v) => has(v, at) && JSON.stringify(valueAt(v, at)) !== JSON.stringify(value));
    if (changed) out.add(leafId(at));
  }
  fromArgs.set(result, out);
  return out;
}

/** The file that wrote one leaf of a registered config. */
function fileOfLeaf(root: object, rootFile: string, leaf: Leaf): string {
  let piece: { node: object; depth: number } | undefined;
  let node: unknown = root;
  leaf.forEach((k, n) => {
    if (isObject(node) && pieces.has(node)) piece = { node, depth: n };
    node = isObject(node) ? node[k] : undefined;
  });
  if (isObject(node) && pieces.has(node)) piece = { node, depth: leaf.length };
  if (!piece) return rootFile;
  const rel = leafId(leaf.slice(piece.depth));
  return argumentLeaves(piece.node, pieces.get(piece.node)!).has(rel) ? rootFile : SHARED_FILE;
}

/**
 * The files that wrote the value at `path` of a registered config (every file of the values under it; for a
 * missing value, those of the nearest value that exists), sorted; empty when `root` is not registered.
 */
export function sourceFiles(root: unknown, path: ProblemPath): readonly string[] {
  const rootFile = isObject(root) ? files.get(root) : undefined;
  if (!rootFile || !isObject(root)) return [];
  let at: Leaf = [...path];
  while (at.length > 0 && !has(root, at)) at = at.slice(0, -1);
  const under = leaves(valueAt(root, at), () => false).map(([p]) => [...at, ...p]);
  return [...new Set(under.map((l) => fileOfLeaf(root, rootFile, l)))].sort();
}

/**
 * A problem a rule finds in some input, in a form every layer can report: the config schema as
 * `[env] identity.mfa.rollout.waves[1].key = "pilot": <message>`, a construct as
 * `OktaMfaRollout: waves[1].key = "pilot" is invalid: <message>`. The message is the same in both; only
 * the path differs, because each caller puts its own base in front of the rule's relative path.
 */

/** Keys (object fields, record keys) and indexes (list positions) from the checked thing to the value. */
export type ProblemPath = readonly (string | number)[];

export interface Problem {
  /** Where, relative to the thing the rule checks (empty for the thing itself). */
  readonly path: ProblemPath;
  /** The value found there (undefined when it is missing). */
  readonly value: unknown;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/** The problems with `base` put in front of each path. */
export function under(base: ProblemPath, problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({ ...p, path: [...base, ...p.path] }));
}

/** A path as people write it: `gateway.routes[2].scopes[0]`, `authenticators.okta-verify`. */
export function dottedPath(path: ProblemPath): string {
  return path.map((k, n) => (typeof k === 'number' ? `[${k}]` : n === 0 ? k : `.${k}`)).join('');
}

/** Fields that name an item of a list, in the order they are tried: the item is shown by it, not by position. */
const ITEM_KEY_FIELDS = ['key', 'routeKey', 'name', 'kid'] as const;
/** A key shown in a path: printable, one line, not too long. */
const SHOWABLE_KEY = /^[\p{L}\p{N}\p{P}\p{S} ]{1,80}$/u;

/**
 * The key that names `list[index]` in a path: the first of its `key`, `routeKey`, `name` or `kid` that is a
 * printable string no other item of the list has; undefined when there is none (the position is shown then).
 */
function itemKey(list: readonly unknown[], index: number): string | undefined {
  const item = list[index];
  if (item === null || typeof item !== 'object') return undefined;
  for (const field of ITEM_KEY_FIELDS) {
    const value = (item as Record<string, unknown>)[field];
    if (typeof value !== 'string' || !SHOWABLE_KEY.test(value)) continue;
    const same = list.filter(
      (o) => o !== null && typeof o === 'object' && (o as Record<string, unknown>)[field] === value,
    );
    return same.length === 1 ? value : undefined;
  }
  return undefined;
}

/**
 * A path as people write it, with list items named by their key where `root` (the value the path is relative
 * to) gives them one: `gateway.routes['POST /orders'].scopes[0]` rather than `gateway.routes[2].scopes[0]`.
 * Lists of plain values (scopes of a route) and items without a unique key keep their position.
 */
export function keyedPath(root: unknown, path: ProblemPath): string {
  let node: unknown = root;
  return path
    .map((k, n) => {
      const here = node;
      node = here !== null && typeof here === 'object' ? (here as Record<string | number, unknown>)[k] : undefined;
      if (typeof k !== 'number') return n === 0 ? k : `.${k}`;
      const key = Array.isArray(here) ? itemKey(here, k) : undefined;
      return key === undefined ? `[${k}]` : `['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
    })
    .join('');
}

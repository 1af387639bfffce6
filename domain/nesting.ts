/**
 * How deep a value nests, measured without recursion, so that input nested thousands of levels deep (a
 * hostile cdk.tf.json or config) is refused with a message instead of overflowing the stack in whatever
 * recursive walk (a rule, a schema, JSON.stringify) meets it first.
 */

/** Steps of a path shown in a message: the rest is cut to `…`. */
const PATH_STEPS = 8;

/** Deepest `[`/`{` nesting of the JSON text in a string (outside string literals), counted without parsing. */
function textDepth(s: string): number {
  let depth = 0;
  let max = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '{' || c === '[') max = Math.max(max, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return max;
}

/**
 * The path (`resource.aws_x.y.tags[0]`, cut after a few steps) where `value` nests deeper than `limit`
 * levels of objects and arrays, JSON text inside strings included; undefined when it does not.
 */
export function tooDeepAt(value: unknown, limit: number): string | undefined {
  // Most input is well within the limit: measure without building paths, and name the path only when needed.
  return deepestBeyond(value, limit, false) === undefined ? undefined : deepestBeyond(value, limit, true);
}

/** One walk: the path where nesting passes `limit` ('' without `withPaths`), or undefined. */
function deepestBeyond(value: unknown, limit: number, withPaths: boolean): string | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value: v, depth, path } = stack.pop()!;
    const inner = typeof v === 'string' && /^\s*[[{]/.test(v) ? textDepth(v) : 0;
    if (depth + inner > limit) return path || '(top level)';
    if (v === null || typeof v !== 'object') continue;
    const next = (step: string) => (depth < PATH_STEPS ? `${path}${step}` : path.endsWith('…') ? path : `${path}…`);
    if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push({ value: x, depth: depth + 1, path: withPaths ? next(`[${i}]`) : '' }));
    } else {
      for (const k of Object.keys(v)) {
        const x = (v as Record<string, unknown>)[k];
        stack.push({ value: x, depth: depth + 1, path: withPaths ? next(path ? `.${k}` : k) : '' });
      }
    }
  }
  return undefined;
}

/**
 * The path of the first own `__proto__` key in `value` (JSON.parse creates one; an object literal does not),
 * or undefined. Copying such an object into another (a schema's output) sets that object's prototype
 * instead of a field, so the entry silently disappears.
 */
export function prototypeKeyAt(value: unknown): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    for (const k of Object.keys(v)) {
      const at = Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      if (!Array.isArray(v) && k === '__proto__') return at;
      stack.push({ value: (v as Record<string, unknown>)[k], path: at });
    }
  }
  return undefined;
}

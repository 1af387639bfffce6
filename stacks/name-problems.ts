/**
 * Names that collide in the Okta org (synthesized/named-objects.ts) as config problems: each names the
 * environment, the config field that gave the name (found by value: the field holding exactly that name, else the
 * longest value the name was built from, such as an app label in a trusted origin's name), the name and what is
 * allowed. Checked on what cdktf wrote, like the lock-outs, so every named object is covered, generated names
 * included, and a stack with a collision is never published.
 */
import type { ConfigProblem } from '../config/load';
import type { EnvironmentConfig } from '../config/schema';
import { keyedPath } from '../domain/problems';
import { nameCollisions, nameKey, type NameCollision } from '../synthesized/named-objects';
import type { StackModel } from '../synthesized/model';

type Path = (string | number)[];

/** Every string of the config with its path. */
function strings(value: unknown, path: Path = []): [Path, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => strings(v, [...path, Array.isArray(value) ? Number(k) : k]));
}

/** The config paths that gave `name`: those holding exactly it, else the longest value it contains. */
function sourcesOf(config: EnvironmentConfig, name: string): Path[] {
  const all = strings(config);
  const exact = all.filter(([, v]) => nameKey(v) === nameKey(name)).map(([p]) => p);
  if (exact.length > 0) return exact;
  const parts = all.filter(([, v]) => v.length >= 3 && name.includes(v)).sort((a, b) => b[1].length - a[1].length);
  return parts.length > 0 ? [parts[0][0]] : [];
}

function message(c: NameCollision): string {
  const who = c.created.map((o) => o.address).join(', ');
  const why = c.taken
    ? `the org already has a ${c.kind} of this name (${c.taken}), so creating ${who} fails at apply`
    : `${c.created.length} ${c.kind}s of the stack take this name (${who}); Okta keeps one ${c.kind} per name`;
  return `${why}; allowed: a ${c.kind} name no other ${c.kind} in the org has`;
}

/** Every name collision of a synthesized stack of `config`, as config problems (at the field of each source). */
export function nameProblems(config: EnvironmentConfig, model: StackModel): ConfigProblem[] {
  return nameCollisions(model).flatMap((c) => {
    const paths = sourcesOf(config, c.name);
    // Two fields giving the name: the later one is the mistake; one field: it collides with a generated name.
    const at = paths.length > 1 ? paths.slice(1) : paths.length === 1 ? paths : [[] as Path];
    return at.map((path) => ({
      environment: config.environment,
      path: keyedPath(config, path),
      received: JSON.stringify(c.name),
      message: message(c),
    }));
  });
}

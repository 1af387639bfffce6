/**
 * Parsing: turns an environment's raw config into a typed config, or into a list of problems that each
 * name the environment, the path, the value received and what is allowed. Nothing is synthesized for an
 * environment with problems.
 */
import { z } from 'zod';
import { ENVIRONMENT_NAMES, type EnvironmentConfig } from './schema';
import { environmentConfigSchema } from './rules';
import { maskUserInfo } from '../domain/text';
import { prototypeKeyAt, tooDeepAt } from '../domain/nesting';
import { keyedPath } from '../domain/problems';
import { SHARED_FILE, sourceFiles } from './provenance';

/** Members of a JWK that only a private key has (RFC 7518 section 6.3.2): never echoed. */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

export interface ConfigProblem {
  /** The environment the config belongs to. */
  readonly environment: string;
  /** Path of the offending field, list items by key where they have one: `gateway.routes['POST /orders'].scopes[0]`. */
  readonly path: string;
  /** The value found there (JSON), or `(missing)`. */
  readonly received: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
  /**
   * The files that wrote the value (config/environments/<env>.ts, shared.ts: config/provenance.ts).
   * @default - not known (a config that is not one of config/environments/)
   */
  readonly files?: readonly string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(formatProblems(problems));
    this.name = 'ConfigError';
  }
}

export type ParseResult =
  | { readonly ok: true; readonly config: EnvironmentConfig }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

/** Parses one environment's config, collecting every problem. */
export function parseEnvironmentConfig(environment: string, input: unknown): ParseResult {
  const deep = tooDeepAt(input, MAX_CONFIG_DEPTH);
  if (deep) return { ok: false, problems: [tooDeep(environment, deep)] };
  const proto = prototypeKeyAt(input);
  if (proto) {
    const message = 'a __proto__ key sets a JavaScript prototype, not a field, and would vanish silently: rename it';
    return { ok: false, problems: [{ environment, path: proto, received: '(not shown)', message }] };
  }
  const declared = (input as { environment?: unknown } | null)?.environment;
  if ((ENVIRONMENT_NAMES as readonly unknown[]).includes(declared) && declared !== environment) {
    // One problem naming the real mistake, rather than every rule of the other environment that fails here.
    return { ok: false, problems: [wrongEnvironment(environment, declared)] };
  }
  const result = environmentConfigSchema.safeParse(input);
  if (result.success) {
    if (result.data.environment !== environment) {
      return { ok: false, problems: [wrongEnvironment(environment, result.data.environment)] };
    }
    return { ok: true, config: result.data };
  }
  return { ok: false, problems: result.error.issues.flatMap((i) => toProblems(environment, input, i)) };
}

/** Parses or throws a ConfigError listing every problem. */
export function loadEnvironmentConfig(environment: string, input: unknown): EnvironmentConfig {
  const result = parseEnvironmentConfig(environment, input);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.config;
}

/**
 * One line per problem: `[env] path = value: message (file)`. A problem of the shared pieces alone (the same
 * path, value and message in several environments, written only by shared.ts) is one line naming every
 * environment it reaches: `[dev, staging, prod] ...`.
 */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  const lines: { environments: string[]; problem: ConfigProblem }[] = [];
  const shared = new Map<string, { environments: string[] }>();
  for (const p of problems) {
    const onlyShared = p.files?.length === 1 && p.files[0] === SHARED_FILE;
    const id = JSON.stringify([p.path, p.received, p.message]);
    const seen = onlyShared ? shared.get(id) : undefined;
    if (seen) {
      if (!seen.environments.includes(p.environment)) seen.environments.push(p.environment);
      continue;
    }
    const line = { environments: [p.environment], problem: p };
    if (onlyShared) shared.set(id, line);
    lines.push(line);
  }
  return lines
    .map(({ environments, problem: p }) => {
      const where = p.files?.length ? ` (${p.files.join(', ')})` : '';
      return `[${environments.join(', ')}] ${p.path || '(root)'} = ${p.received}: ${p.message}${where}`;
    })
    .join('\n');
}

/** Deepest nesting a config may have (the defaults reach about 8); deeper input is refused before parsing. */
const MAX_CONFIG_DEPTH = 32;

function tooDeep(environment: string, path: string): ConfigProblem {
  return {
    environment,
    path,
    received: '(not shown)',
    message: `nested deeper than the limit of ${MAX_CONFIG_DEPTH} levels; nothing else was checked`,
  };
}

function wrongEnvironment(environment: string, declared: unknown): ConfigProblem {
  return {
    environment,
    path: 'environment',
    received: JSON.stringify(declared),
    message:
      `this is the config of '${environment}' but it says environment ${JSON.stringify(declared)} ` +
      `(copied from another environment?); must be '${environment}'. Nothing else was checked`,
  };
}

function toProblems(environment: string, input: unknown, i: z.ZodIssue): ConfigProblem[] {
  if (i.code === z.ZodIssueCode.unrecognized_keys) {
    // One problem per unknown field, pointing at the field itself.
    return i.keys.map((k) =>
      i.path.includes('jwks') && PRIVATE_JWK_MEMBERS.includes(k)
        ? {
            environment,
            path: keyedPath(input, [...i.path, k]),
            received: '(not shown)',
            ...from(input, i.path),
            message:
              'this JWK is a private key: give only the public key (kty, kid, e, n); ' +
              'the private key never belongs in config. Treat it as leaked and rotate it',
          }
        : unknownField(environment, input, i.path, k),
    );
  }
  const value = valueAt(input, i.path);
  return [
    {
      environment,
      path: keyedPath(input, i.path),
      received: describe(value),
      message: explain(i),
      ...from(input, i.path),
    },
  ];
}

function unknownField(environment: string, input: unknown, at: (string | number)[], k: string): ConfigProblem {
  return {
    environment,
    path: keyedPath(input, [...at, k]),
    received: describe(valueAt(input, [...at, k])),
    ...from(input, [...at, k]),
    message:
      'unknown field: check the spelling against config/schema.ts (a misspelled field would otherwise be ignored)',
  };
}

/** The files that wrote the value at `path`, when they are known (config/provenance.ts). */
function from(input: unknown, path: (string | number)[]): { files?: readonly string[] } {
  const files = sourceFiles(input, path);
  return files.length > 0 ? { files } : {};
}

function explain(i: z.ZodIssue): string {
  switch (i.code) {
    case z.ZodIssueCode.invalid_enum_value:
      return `allowed: ${i.options.map(String).join(', ')}`;
    case z.ZodIssueCode.invalid_union_discriminator:
      return `allowed: ${i.options.map(String).join(', ')}`;
    case z.ZodIssueCode.invalid_type:
      return i.received === 'undefined' ? `required (${i.expected})` : `expected ${i.expected}`;
    case z.ZodIssueCode.too_small:
      return i.type === 'array' ? `at least ${i.minimum} item(s)` : i.message;
    default:
      return i.message;
  }
}

function valueAt(input: unknown, path: (string | number)[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return '(missing)';
  // Never echo a URL's user-info or a JWK's private members.
  const s = JSON.stringify(v, function (this: unknown, k: string, x: unknown) {
    if (PRIVATE_JWK_MEMBERS.includes(k) && typeof this === 'object' && this !== null && 'kty' in this) return '***';
    return typeof x === 'string' ? maskUserInfo(x) : x;
  });
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

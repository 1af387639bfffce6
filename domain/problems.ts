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

/** How the MFA rollout's constructs refuse props: every problem at once, one line each. */
import { dottedPath, type Problem } from '../../../domain/problems';

/**
 * Throws one error listing every problem as `<construct>: <prop path> = <value> is invalid: <what is allowed>`,
 * one per line; returns when there is none.
 */
export function refuseProblems(construct: string, problems: readonly Problem[]): void {
  if (problems.length === 0) return;
  const value = (v: unknown) => (v === undefined ? '(missing)' : JSON.stringify(v));
  const line = (p: Problem) => `${construct}: ${dottedPath(p.path)} = ${value(p.value)} is invalid: ${p.message}`;
  throw new Error(problems.map(line).join('\n'));
}

/**
 * The shape of a config rule: a function of one environment's parsed config that reports each problem with
 * its path (keys where the config has keys, indexes in lists) and what is wrong and allowed. The value at the
 * path is added when the problem is printed (config/load.ts). rules/index.ts runs every rule, in order.
 */
import type { Problem, ProblemPath } from '../../domain/problems';
import type { EnvironmentConfig } from '../schema';

export type Path = (string | number)[];
export type Report = (path: Path, message: string) => void;
export type ConfigRule = (c: EnvironmentConfig, report: Report) => void;

/** Reports the problems of a domain rule, each under `base` (the config path of what the rule checked). */
export function reportUnder(report: Report, base: ProblemPath, problems: readonly Problem[]): void {
  for (const p of problems) report([...base, ...p.path], p.message);
}

/** Indexes of the values already seen earlier in the list. */
export function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  values.forEach((v, i) => (seen.has(v) ? out.push(i) : seen.add(v)));
  return out;
}

/**
 * The general cross-reference check: for every kind of thing that can be turned off or removed
 * (config/references.ts), every place that uses it must find it declared and on. A use of a missing (or off) thing
 * that another rule has already reported at the same place is not reported twice.
 */
import { keyedPath } from '../../domain/problems';
import { REFERENCE_KINDS } from '../references';
import type { EnvironmentConfig } from '../schema';
import { managed } from './identity';
import type { Path, Report } from './rule';

/** The cross-reference rule: `reported` says whether a problem is already listed at a path. */
export function referenceRules(c: EnvironmentConfig, report: Report, reported: (path: Path) => boolean): void {
  const id = managed(c);
  if (!id) return;
  for (const { kind, referents, uses } of REFERENCE_KINDS) {
    const things = referents(c, id);
    for (const use of uses(c, id)) {
      const thing = things.find((t) => t.key === use.key);
      if (!thing) {
        if (!reported(use.path)) {
          const declared = things.map((t) => t.key).join(', ') || '(none)';
          report(use.path, `${use.what} uses the ${kind} '${use.key}', which is not declared; declared: ${declared}`);
        }
      } else if (thing.off && !reported(use.path)) {
        report(
          use.path,
          `${use.what} relies on the ${kind} '${use.key}', which ${thing.off.why} ` +
            `(${keyedPath(c, thing.off.path)}): turn it back on there, or stop relying on it here`,
        );
      }
    }
  }
}

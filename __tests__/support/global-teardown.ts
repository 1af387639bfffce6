/** Jest global teardown: removes the run's temp directory (global-setup.ts), with everything the tests left in it. */
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { FIXTURE_DIR_VARIABLE, OUTSIDE_TMPDIR_VARIABLE, RUN_DIR_PREFIX } from './fixture';

export default function globalTeardown(): void {
  const run = process.env.TMPDIR;
  const outside = process.env[OUTSIDE_TMPDIR_VARIABLE];
  // Only the directory global-setup.ts made: never a TMPDIR that was set from outside the run.
  if (run && outside !== undefined && basename(run).startsWith(RUN_DIR_PREFIX)) {
    process.env.TMPDIR = outside;
    rmSync(run, { recursive: true, force: true });
  }
  delete process.env[FIXTURE_DIR_VARIABLE];
}

/**
 * Jest global setup: gives the run a temporary directory of its own and synthesizes the default environments
 * into it once (read through fixture.ts). TMPDIR points at that directory for every worker and every process
 * the tests start, so whatever a test leaves in the temp directory (cdktf's Testing.app() makes one per app)
 * goes with the run: global-teardown.ts removes it. Caches that should outlive a run use the temp directory
 * from before ({@link OUTSIDE_TMPDIR_VARIABLE}).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../../config/environments';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../../config/schema';
import { buildApp, synthesizeApp } from '../../stacks/app';
import { gatewayOnly } from './configs';
import {
  FIXTURE_DIR_VARIABLE,
  FIXTURE_VERSION,
  OUTSIDE_TMPDIR_VARIABLE,
  RUN_DIR_PREFIX,
  type FixtureVariant,
} from './fixture';

const VARIANTS: Record<FixtureVariant, (env: EnvironmentName) => unknown> = {
  defaults: (env) => ENVIRONMENTS[env],
  'gateway-only': gatewayOnly,
};

/** Synthesizes every variant of every default environment under `root` (one app per variant). */
function synthesizeFixture(root: string): void {
  for (const [variant, configOf] of Object.entries(VARIANTS)) {
    const environments = Object.fromEntries(ENVIRONMENT_NAMES.map((env) => [env, configOf(env)]));
    const built = buildApp({ environments, version: FIXTURE_VERSION, outdir: join(root, variant) });
    const names = Object.values(built.stacks).map((s) => s.node.id);
    const problems = [
      ...built.problems,
      ...synthesizeApp(built.app, names, built.outdir, { configs: built.configs }).problems,
    ];
    if (problems.length > 0) throw new Error(`default config problems (${variant}): ${JSON.stringify(problems)}`);
  }
}

export default function globalSetup(): void {
  const outside = tmpdir();
  const run = mkdtempSync(join(outside, RUN_DIR_PREFIX));
  // Workers start after this and inherit the environment; os.tmpdir() reads TMPDIR on every call.
  process.env[OUTSIDE_TMPDIR_VARIABLE] = outside;
  process.env.TMPDIR = run;
  const root = join(run, 'fixture');
  mkdirSync(root);
  synthesizeFixture(root);
  process.env[FIXTURE_DIR_VARIABLE] = root;
}

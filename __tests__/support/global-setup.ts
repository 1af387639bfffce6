/** Jest global setup: synthesizes the default environments once per run (read through fixture.ts). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../../config/environments';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../../config/schema';
import { buildApp, synthesizeApp } from '../../stacks/app';
import { gatewayOnly } from './configs';
import { FIXTURE_DIR_VARIABLE, FIXTURE_VERSION, type FixtureVariant } from './fixture';

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
    const problems = [...built.problems, ...synthesizeApp(built.app, names, built.outdir, built.configs).problems];
    if (problems.length > 0) throw new Error(`default config problems (${variant}): ${JSON.stringify(problems)}`);
  }
}

export default function globalSetup(): void {
  const root = mkdtempSync(join(tmpdir(), 'igw-fixture-'));
  synthesizeFixture(root);
  // Workers start after this and inherit the environment.
  process.env[FIXTURE_DIR_VARIABLE] = root;
}

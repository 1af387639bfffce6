/**
 * Builds the cdktf App: parses every environment's config, adds one stack per valid environment, and
 * reports every config problem. An environment with problems gets no stack and its stale output is
 * removed, so nothing from an earlier run can be deployed by mistake. A stack that would lock a group out
 * (stacks/lockout-problems.ts) is such a problem too: built, checked, then dropped before synthesis.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { parseEnvironmentConfig, type ConfigProblem } from '../config/load';
import { crossEnvironmentProblems } from '../config/cross-environment';
import type { EnvironmentConfig } from '../config/schema';
import { IdentityGatewayStack, stackName } from './identity-gateway-stack';
import { parseSemver } from '../release/semver';
import { lockOutProblems } from './lockout-problems';

export interface BuildOptions {
  /** Raw configs by environment name. */
  readonly environments: Readonly<Record<string, unknown>>;
  /** Release version (release/version.ts), e.g. `1.4.0+3.g1a2b3c4`: tags, outputs, descriptions. */
  readonly version: string;
  /** @default - cdktf's default (CDKTF_OUTDIR or cdktf.out) */
  readonly outdir?: string;
}

export interface BuildResult {
  readonly app: App;
  readonly stacks: Readonly<Record<string, IdentityGatewayStack>>;
  readonly configs: Readonly<Record<string, EnvironmentConfig>>;
  readonly problems: readonly ConfigProblem[];
}

export function buildApp(options: BuildOptions): BuildResult {
  if (!parseSemver(options.version)) {
    throw new Error(
      `release version "${options.version}" does not parse: ` +
        `expected semver X.Y.Z[-pre][+build]; nothing was synthesized`,
    );
  }
  const app = new App({ outdir: options.outdir, skipValidation: false });
  const stacks: Record<string, IdentityGatewayStack> = {};
  const configs: Record<string, EnvironmentConfig> = {};
  const problems: ConfigProblem[] = [];
  for (const [environment, raw] of Object.entries(options.environments)) {
    const parsed = parseEnvironmentConfig(environment, raw);
    if (parsed.ok) configs[environment] = parsed.config;
    else problems.push(...parsed.problems);
  }
  const crossProblems = crossEnvironmentProblems(configs);
  problems.push(...crossProblems);
  crossProblems.forEach((p) => delete configs[p.environment]);
  for (const environment of Object.keys(options.environments)) {
    const config = configs[environment];
    if (!config) {
      rmSync(join(app.outdir, 'stacks', stackName(environment)), { recursive: true, force: true });
      continue;
    }
    const stack = new IdentityGatewayStack(app, stackName(environment), { config, version: options.version });
    // A configuration that locks a group out is a config error: the stack is dropped before anything is written.
    const lockedOut = lockOutProblems(config, stack);
    if (lockedOut.length > 0) {
      problems.push(...lockedOut);
      app.node.tryRemoveChild(stack.node.id);
      delete configs[environment];
      rmSync(join(app.outdir, 'stacks', stackName(environment)), { recursive: true, force: true });
      continue;
    }
    stacks[environment] = stack;
  }
  return { app, stacks, configs, problems };
}

/** The two files cdktf can write for a stack; a stack directory must hold exactly the one of this run. */
const STACK_FILES = { json: 'cdk.tf.json', hcl: 'cdk.tf' } as const;

/**
 * `app.synth()`, made safe to deploy from: when writing fails (full disk, read-only output) every stack
 * directory of this run is removed, so no partial or stale cdk.tf.json is left, and the error names the
 * output directory; on success the other format (cdk.tf after a JSON synth, cdk.tf.json after `--hcl`)
 * is removed, so Terraform never reads both.
 */
export function synthesizeApp(app: App, stackNames: readonly string[]): void {
  const dirs = stackNames.map((name) => join(app.outdir, 'stacks', name));
  try {
    app.synth();
  } catch (e) {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    const reason = (e as Error).message;
    throw new Error(`writing the synthesized stacks to ${app.outdir} failed (${reason}); no stack was left there`, {
      cause: e,
    });
  }
  const other = app.hclOutput ? STACK_FILES.json : STACK_FILES.hcl;
  for (const dir of dirs) rmSync(join(dir, other), { force: true });
}

/**
 * Builds the cdktf App: parses every environment's config, adds one stack per valid environment, and
 * reports every config problem. An environment with problems gets no stack and its stale output is
 * removed, so nothing from an earlier run can be deployed by mistake.
 */
import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { parseEnvironmentConfig, type ConfigProblem } from '../config/load';
import { crossEnvironmentProblems } from '../config/cross-environment';
import type { EnvironmentConfig } from '../config/schema';
import { IdentityGatewayStack, stackName } from './identity-gateway-stack';
import { parseSemver } from '../release/semver';

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
  /** Legal but risky settings across environments (config/cross-environment.ts): printed, not failing. */
  readonly warnings: readonly ConfigProblem[];
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
  const cross = crossEnvironmentProblems(configs);
  problems.push(...cross.errors);
  cross.errors.forEach((p) => delete configs[p.environment]);
  for (const environment of Object.keys(options.environments)) {
    const config = configs[environment];
    if (!config) {
      rmSync(join(app.outdir, 'stacks', stackName(environment)), { recursive: true, force: true });
      continue;
    }
    stacks[environment] = new IdentityGatewayStack(app, stackName(environment), { config, version: options.version });
  }
  return { app, stacks, configs, problems, warnings: cross.warnings };
}

/** The two files cdktf can write for a stack; a stack directory must hold exactly the one of this run. */
const STACK_FILES = { json: 'cdk.tf.json', hcl: 'cdk.tf' } as const;

/**
 * `app.synth()`, made safe to deploy from: when writing fails (full disk, read-only output) every stack
 * directory of this run is removed, so no partial or stale cdk.tf.json is left, and the error names the
 * output directory; on success the other format (cdk.tf after a JSON synth, cdk.tf.json after `--hcl`)
 * is removed, so Terraform never reads both, and so is every stack directory of an environment this run
 * did not produce (dropped from the environments index): see {@link staleStackDirs}.
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
  for (const dir of staleStackDirs(app.outdir, stackNames)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Stack directories under `<outdir>/stacks` that this project wrote (named `identity-gateway-<environment>`,
 * a real directory holding cdk.tf.json or cdk.tf) for a stack not in `current`. Anything else there
 * (another name, a symlink, a directory without Terraform files) is never touched.
 */
export function staleStackDirs(outdir: string, current: readonly string[]): string[] {
  const root = join(outdir, 'stacks');
  if (!existsSync(root)) return [];
  const prefix = stackName('');
  return readdirSync(root)
    .filter((d) => d.startsWith(prefix) && /^[a-z0-9][a-z0-9-]*$/.test(d.slice(prefix.length)))
    .filter((d) => !current.includes(d))
    .map((d) => join(root, d))
    .filter((dir) => lstatSync(dir).isDirectory())
    .filter((dir) => Object.values(STACK_FILES).some((f) => existsSync(join(dir, f))));
}

/**
 * Builds the cdktf App: parses every environment's config, adds one stack per valid environment, and
 * reports every config problem. An environment with problems gets no stack and its stale output is
 * removed, so nothing from an earlier run can be deployed by mistake. A stack that would lock a group out
 * (stacks/lockout-problems.ts) is such a problem too: {@link synthesizeApp} checks what cdktf wrote and
 * publishes only the stacks that pass.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { App, CONTEXT_ENV, type TerraformStack } from 'cdktf';
import { parseEnvironmentConfig, type ConfigProblem } from '../config/load';
import { crossEnvironmentProblems } from '../config/cross-environment';
import type { EnvironmentConfig } from '../config/schema';
import { IdentityGatewayStack, stackName } from './identity-gateway-stack';
import { parseSemver } from '../release/semver';
import { lockOutProblems } from './lockout-problems';
import { nameProblems } from './name-problems';
import { writeFileAtomic } from '../domain/write-atomic';
import { StackModel } from '../synthesized/model';
import { checkAfterSynth, type SynthCheck } from '../guardrails/synth';
import type { ImportBlock } from '../domain/imports';
import { applyImports } from './imports';

export interface BuildOptions {
  /** Raw configs by environment name. */
  readonly environments: Readonly<Record<string, unknown>>;
  /** Release version (release/version.ts), e.g. `1.4.0+3.g1a2b3c4`: tags, outputs, descriptions. */
  readonly version: string;
  /** @default - cdktf's default (CDKTF_OUTDIR or cdktf.out) */
  readonly outdir?: string;
  /**
   * Let the App write into a fresh directory inside `outdir`, from which {@link synthesizeApp} moves each
   * finished file into place by rename: a crash mid-write never leaves a truncated file in `outdir`.
   * @default false (the App writes straight into outdir, as callers of `app.synth()` expect)
   */
  readonly staged?: boolean;
  /**
   * Existing objects each environment adopts (config/imports/<env>.json, parsed by config/imports.ts): each
   * becomes a Terraform `import` block on the resource at its address (stacks/imports.ts).
   * @default - none
   */
  readonly imports?: Readonly<Record<string, readonly ImportBlock[]>>;
}

export interface BuildResult {
  readonly app: App;
  readonly stacks: Readonly<Record<string, IdentityGatewayStack>>;
  readonly configs: Readonly<Record<string, EnvironmentConfig>>;
  readonly problems: readonly ConfigProblem[];
  /**
   * Imports naming an address the environment's stack does not have: that environment gets no stack (bad
   * input, exit 2 in main.ts), like one with config problems.
   */
  readonly importProblems: readonly ConfigProblem[];
  /** Legal but risky settings across environments (config/cross-environment.ts): printed, not failing. */
  readonly warnings: readonly ConfigProblem[];
  /** Where the synthesized stacks end up: `app.outdir`, or the directory it is staged in. */
  readonly outdir: string;
}

export function buildApp(options: BuildOptions): BuildResult {
  if (!parseSemver(options.version)) {
    throw new Error(
      `release version "${options.version}" does not parse: ` +
        `expected semver X.Y.Z[-pre][+build]; nothing was synthesized`,
    );
  }
  refuseBrokenContext(process.env[CONTEXT_ENV]);
  // An empty CDKTF_OUTDIR counts as unset (cdktf itself would fail on mkdir '').
  const outdir = options.outdir ?? (process.env.CDKTF_OUTDIR || 'cdktf.out');
  if (options.staged) {
    mkdirSync(outdir, { recursive: true });
    removeAbandonedStaging(outdir);
  }
  const app = new App({
    outdir: options.staged ? mkdtempSync(join(outdir, `${STAGING_PREFIX}${process.pid}-`)) : outdir,
    skipValidation: false,
  });
  const stacks: Record<string, IdentityGatewayStack> = {};
  const configs: Record<string, EnvironmentConfig> = {};
  const problems: ConfigProblem[] = [];
  for (const [environment, raw] of Object.entries(options.environments)) {
    const parsed = parseEnvironmentConfig(environment, raw);
    if (parsed.ok) configs[environment] = parsed.config;
    else problems.push(...parsed.problems);
  }
  const importProblems: ConfigProblem[] = [];
  const cross = crossEnvironmentProblems(configs);
  problems.push(...cross.errors);
  cross.errors.forEach((p) => delete configs[p.environment]);
  try {
    for (const environment of Object.keys(options.environments)) {
      const config = configs[environment];
      if (!config) {
        rmSync(join(outdir, 'stacks', stackName(environment)), { recursive: true, force: true });
        continue;
      }
      const stack = new IdentityGatewayStack(app, stackName(environment), { config, version: options.version });
      const refused = applyImports(stack, environment, options.imports?.[environment] ?? []);
      if (refused.length > 0) {
        importProblems.push(...refused);
        app.node.tryRemoveChild(stack.node.id);
        rmSync(join(outdir, 'stacks', stackName(environment)), { recursive: true, force: true });
        continue;
      }
      stacks[environment] = stack;
    }
  } catch (e) {
    // A construct that refuses its props: nothing is synthesized, so no staging directory is left behind.
    if (options.staged) rmSync(app.outdir, { recursive: true, force: true });
    throw e;
  }
  return { app, stacks, configs, problems, importProblems, warnings: cross.warnings, outdir };
}

/** cdktf's App() parses the context variable (CDKTF_CONTEXT_JSON) and crashes on anything but JSON. */
function refuseBrokenContext(text: string | undefined): void {
  if (text === undefined) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`${CONTEXT_ENV} is not JSON (${(e as Error).message}); unset it; nothing was synthesized`, {
      cause: e,
    });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${CONTEXT_ENV} must be a JSON object; unset it; nothing was synthesized`);
  }
}

/** Name prefix of the staging directory a staged App writes into, inside the output directory. */
const STAGING_PREFIX = '.synth-';
/** A staging directory's name: the prefix, the pid of the synth that made it, a random part. */
const STAGING_NAME = /^\.synth-(\d+)-/;

/**
 * Staging directories left by a synth that was killed (`.synth-<pid>-*` of a process no longer running);
 * those of a synth running in parallel are left alone.
 */
function removeAbandonedStaging(outdir: string): void {
  for (const entry of readdirSync(outdir)) {
    const pid = STAGING_NAME.exec(entry)?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) rmSync(join(outdir, entry), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The two files cdktf can write for a stack; a stack directory must hold exactly the one of this run. */
const STACK_FILES = { json: 'cdk.tf.json', hcl: 'cdk.tf' } as const;

/** What {@link synthesizeApp} checks before it publishes a stack. */
export interface SynthesisChecks {
  /** buildApp's configs, by environment: the no-lock-out proof runs on each stack of one. @default none */
  readonly configs?: Readonly<Record<string, EnvironmentConfig>>;
  /**
   * Run the guardrails and conformance rules (guardrails/synth.ts) on the stacks that pass the lock-out proof:
   * a stack with an unsuppressed error is not published either.
   * @default false
   */
  readonly guardrails?: boolean;
}

/** What {@link synthesizeApp} left in the output directory, and the stacks it refused. */
export interface Synthesis {
  /**
   * The stacks written to the output directory (the ones asked for, less those refused), each read once
   * after cdktf wrote it: what the guardrails check.
   */
  readonly models: readonly StackModel[];
  /** Why stacks were refused: each names its environment (a lock-out, see stacks/lockout-problems.ts). */
  readonly problems: readonly ConfigProblem[];
  /** The guardrails' verdict on the stacks that passed the lock-out proof, when they were asked to run. */
  readonly guardrails?: SynthCheck;
}

/**
 * `app.synth()`, made safe to deploy from. With a staged App (`buildApp({ staged: true })`, as main.ts
 * builds it) cdktf writes into the staging directory and every finished file is then renamed into
 * `outdir` (stack files last, manifest.json after the stacks), so `outdir` never holds a half-written file;
 * what else a stack directory holds (Terraform's .terraform, a lock file) is kept. When writing fails (full
 * disk, read-only output) every stack directory of this run is removed from `outdir` too, so no partial or
 * stale stack is left, and the error names the output directory. On success the other format (cdk.tf after
 * a JSON synth, cdk.tf.json after `--hcl`) is removed, so Terraform never reads both, and so is every stack
 * directory of an environment this run did not produce (dropped from the environments index): see
 * {@link staleStackDirs}.
 *
 * The {@link SynthesisChecks} run on each stack as cdktf wrote it, before anything is published: a stack that
 * locks a group out (a config problem) or fails a guardrail is taken out of the output and of manifest.json,
 * and its earlier output is removed, so it is never deployable, not even for a moment.
 */
export function synthesizeApp(
  app: App,
  stackNames: readonly string[],
  outdir: string = app.outdir,
  checks: SynthesisChecks = {},
): Synthesis {
  const staging = outdir === app.outdir ? undefined : app.outdir;
  const failed = (e: unknown, names: readonly string[]): Error => {
    for (const name of names) rmSync(join(outdir, 'stacks', name), { recursive: true, force: true });
    const reason = (e as Error).message;
    return new Error(`writing the synthesized stacks to ${outdir} failed (${reason}); no stack was left there`, {
      cause: e,
    });
  };
  let problems: ConfigProblem[];
  let guardrails: SynthCheck | undefined;
  let models: readonly StackModel[];
  let kept: readonly string[];
  try {
    try {
      app.synth();
    } catch (e) {
      throw failed(e, stackNames);
    }
    const written = stackNames.map((name) => writtenModel(app, name));
    const lockedOut = written.map((m) => lockOutsOf(m, checks.configs ?? {}));
    problems = lockedOut.flat();
    const unlocked = written.filter((_, i) => lockedOut[i].length === 0);
    guardrails = checks.guardrails ? checkAfterSynth(unlocked) : undefined;
    models = unlocked.filter((m) => !guardrails?.failedStacks.includes(m.stackName));
    kept = models.map((m) => m.stackName);
    withdrawStacks(
      app.outdir,
      stackNames.filter((name) => !kept.includes(name)),
    );
    try {
      if (staging) publish(staging, outdir, kept);
    } catch (e) {
      throw failed(e, stackNames);
    }
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
  }
  const other = app.hclOutput ? STACK_FILES.json : STACK_FILES.hcl;
  for (const name of kept) rmSync(join(outdir, 'stacks', name, other), { force: true });
  for (const dir of staleStackDirs(outdir, kept)) rmSync(dir, { recursive: true, force: true });
  return { models, problems, guardrails };
}

/** A stack as cdktf wrote it; with `cdktf synth --hcl` (no JSON on disk), as it renders what the HCL was made from. */
function writtenModel(app: App, name: string): StackModel {
  const file = join(app.outdir, 'stacks', name, STACK_FILES.json);
  if (existsSync(file)) return StackModel.fromFile(file, name);
  return new StackModel(name, (app.node.findChild(name) as TerraformStack).toTerraform() as StackModel['json']);
}

/**
 * The problems only a written stack shows, for a stack whose environment's config is given (none without one):
 * names that collide in the Okta org (stacks/name-problems.ts), then lock-outs (stacks/lockout-problems.ts).
 */
function lockOutsOf(model: StackModel, configs: Readonly<Record<string, EnvironmentConfig>>): ConfigProblem[] {
  const environment = Object.keys(configs).find((env) => stackName(env) === model.stackName);
  if (!environment) return [];
  const collisions = nameProblems(configs[environment], model);
  return collisions.length > 0 ? collisions : lockOutProblems(configs[environment], model);
}

/**
 * Moves what cdktf wrote under `staging` into `outdir` by rename (same file system: staging is inside it).
 * A file replaces its old version in one step; a directory (assets) is swapped through the staging area.
 */
function publish(staging: string, outdir: string, stackNames: readonly string[]): void {
  const trash = join(staging, 'replaced');
  mkdirSync(trash);
  for (const name of stackNames) {
    const from = join(staging, 'stacks', name);
    const to = join(outdir, 'stacks', name);
    if (existsSync(to) && lstatSync(to).isSymbolicLink()) {
      throw new Error(`${to} is a symbolic link: synth writes only real directories; remove the link`);
    }
    mkdirSync(to, { recursive: true });
    // The stack file last: it names the assets, which must be in place first.
    const entries = readdirSync(from).sort((a, b) => Number(isStackFile(a)) - Number(isStackFile(b)) || cmp(a, b));
    for (const entry of entries) {
      const target = join(to, entry);
      if (lstatSync(join(from, entry)).isDirectory() && existsSync(target)) {
        renameSync(target, join(trash, `${name}-${entry}`));
      }
      renameSync(join(from, entry), target);
    }
  }
  renameSync(join(staging, 'manifest.json'), join(outdir, 'manifest.json'));
}

const isStackFile = (entry: string): boolean => (Object.values(STACK_FILES) as string[]).includes(entry);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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

/**
 * Takes stacks back out of what cdktf wrote (a stack {@link synthesizeApp} refused): their directories are
 * removed and manifest.json no longer lists them, so neither `cdktf deploy` nor `npm run check` can find
 * them. The manifest is rewritten atomically.
 */
function withdrawStacks(outdir: string, names: readonly string[]): void {
  if (names.length === 0) return;
  for (const name of names) rmSync(join(outdir, 'stacks', name), { recursive: true, force: true });
  const file = join(outdir, 'manifest.json');
  if (!existsSync(file)) return;
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { stacks?: Record<string, unknown> };
  const stacks = Object.fromEntries(Object.entries(manifest.stacks ?? {}).filter(([n]) => !names.includes(n)));
  writeFileAtomic(file, `${JSON.stringify({ ...manifest, stacks }, null, 2)}\n`);
}

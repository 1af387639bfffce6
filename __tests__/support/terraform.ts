/**
 * Real Terraform for the AWS half. Providers are installed the way the machine allows: from a local
 * filesystem mirror of hashicorp/aws when one exists (offline machines, this project's CI), otherwise
 * Terraform's normal installation (the registry, through a plugin cache; on GitHub-hosted runners the
 * cache is restored by actions/cache keyed on the lock file). Every init uses the committed lock file
 * (stacks/terraform.lock.hcl) read-only, so every run gets the same provider build.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { OUTSIDE_TMPDIR_VARIABLE } from './fixture';

const run = promisify(execFile);
export const AWS_PROVIDER_VERSION = '5.100.0';
/** The committed provider lock file, copied into every synthesized stack directory before init. */
export const LOCK_FILE = join(__dirname, '..', '..', 'stacks', 'terraform.lock.hcl');
const PLATFORM = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
const AWS_PATH = ['registry.terraform.io', 'hashicorp', 'aws', AWS_PROVIDER_VERSION, PLATFORM];

export interface TerraformSetup {
  readonly terraform: string;
  readonly env: NodeJS.ProcessEnv;
  /** Where providers come from: a filesystem mirror, or the registry (Terraform's normal installation). */
  readonly source: 'mirror' | 'registry';
}

/** Where a filesystem mirror of hashicorp/aws may be: TF_PROVIDER_MIRROR first, then the usual places. */
function mirrorCandidates(): string[] {
  return [
    process.env.TF_PROVIDER_MIRROR,
    '/opt/tf-plugins',
    join(homedir(), '.terraform.d', 'plugins'),
    '/usr/share/terraform/plugins',
    '/usr/local/share/terraform/plugins',
  ].filter((p): p is string => !!p);
}

/** The first filesystem mirror holding hashicorp/aws for this platform (unpacked layout). */
export function findMirror(): string | undefined {
  return mirrorCandidates().find((root) => existsSync(join(root, ...AWS_PATH)));
}

function findTerraform(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'terraform');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Environment for offline plans: fake credentials (plan never calls AWS with the skip_* flags set), less GC. */
const FAKE_AWS = {
  TF_IN_AUTOMATION: '1',
  TF_INPUT: '0',
  CHECKPOINT_DISABLE: '1',
  AWS_ACCESS_KEY_ID: 'TESTFAKEACCESSKEYID0',
  AWS_SECRET_ACCESS_KEY: 'fake-secret-for-offline-plan',
  AWS_SESSION_TOKEN: '',
  AWS_PROFILE: '',
  AWS_EC2_METADATA_DISABLED: 'true',
  // Terraform and the aws provider (Go) decode the provider's schema in every command: collecting garbage
  // less often (heap up to 5x live instead of 2x, about 400 MB each) cuts their CPU time by a sixth.
  GOGC: '400',
};

/**
 * The setup, or the reason real Terraform cannot run here. With a mirror, a CLI config installs aws only
 * from it; without one, Terraform installs the normal way (registry) through TF_PLUGIN_CACHE_DIR.
 */
export function terraformSetup(): TerraformSetup | { readonly missing: string } {
  const terraform = findTerraform();
  if (!terraform) return { missing: 'terraform is not on PATH' };
  // The plugin cache outlives the run: it lives in the temp directory from before the run's own (global-setup.ts).
  const dir = join(process.env[OUTSIDE_TMPDIR_VARIABLE] ?? tmpdir(), 'identity-gateway-terraform');
  const cache = process.env.TF_PLUGIN_CACHE_DIR || join(dir, 'plugin-cache');
  mkdirSync(cache, { recursive: true });
  const mirror = findMirror();
  const cliConfig = join(dir, mirror ? 'mirror.tfrc' : 'registry.tfrc');
  const installation = mirror
    ? [
        'provider_installation {',
        '  filesystem_mirror {',
        `    path    = ${JSON.stringify(mirror)}`,
        '    include = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '}',
      ]
    : [];
  writeFileSync(cliConfig, [`plugin_cache_dir = ${JSON.stringify(cache)}`, ...installation, ''].join('\n'));
  return {
    terraform,
    source: mirror ? 'mirror' : 'registry',
    env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, ...FAKE_AWS },
  };
}

/**
 * A GitHub-hosted runner's situation, reproduced: CI=true, a fresh HOME, no CLI config and no mirror
 * configured, only the provider cache the workflow restores (here: the machine's aws build, linked into
 * Terraform's implied local mirror directory ~/.terraform.d/plugins). Terraform's own default installation
 * must find it; anything else would go to the registry.
 */
export function runnerSetup(home: string): TerraformSetup | { readonly missing: string } {
  const terraform = findTerraform();
  const mirror = findMirror();
  if (!terraform || !mirror)
    return { missing: 'terraform or a local aws provider build to stand in for the restored cache' };
  const restored = join(home, '.terraform.d', 'plugins', ...AWS_PATH);
  mkdirSync(join(restored, '..'), { recursive: true });
  if (!existsSync(restored)) symlinkSync(join(mirror, ...AWS_PATH), restored);
  const env: NodeJS.ProcessEnv = { ...process.env, ...FAKE_AWS, HOME: home, CI: 'true' };
  for (const k of [
    'TF_CLI_CONFIG_FILE',
    'TERRAFORM_CONFIG',
    'TF_PROVIDER_MIRROR',
    'TF_PLUGIN_CACHE_DIR',
    'XDG_DATA_HOME',
  ])
    delete env[k];
  return { terraform, source: 'registry', env };
}

/**
 * Prepares a synthesized stack directory for an offline plan: local state inside the directory and
 * the provider's skip_* flags, no account guard, and the committed lock file. Everything else is as synthesized.
 */
export function prepareForOfflinePlan(stackDir: string): void {
  const file = join(stackDir, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.terraform.backend = { local: { path: 'terraform.tfstate' } };
  for (const aws of json.provider.aws) {
    // The account guard asks STS who the caller is, which cannot work offline; the stack tests assert
    // that every environment sets allowed_account_ids.
    delete aws.allowed_account_ids;
    Object.assign(aws, {
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
      skip_region_validation: true,
    });
  }
  writeFileSync(file, JSON.stringify(json, null, 2));
  copyFileSync(LOCK_FILE, join(stackDir, '.terraform.lock.hcl'));
}

export async function terraform(setup: TerraformSetup, cwd: string, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await run(setup.terraform, [...args, '-no-color'], {
      cwd,
      env: setup.env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`terraform ${args.join(' ')} failed in ${cwd}:\n${err.stderr || err.stdout || err.message}`, {
      cause: e,
    });
  }
}

/**
 * Initializes the first directory once and gives the others a copy of its `.terraform` (the provider
 * link into the plugin cache and the backend settings). The directories must have the same providers,
 * lock file and backend, as the prepared stacks do. One init at a time: Terraform's plugin cache is not
 * safe for concurrent installs.
 */
export async function initShared(setup: TerraformSetup, dirs: readonly string[]): Promise<void> {
  const [first, ...others] = dirs;
  await terraform(setup, first, 'init', '-input=false', '-backend=true', '-lockfile=readonly');
  copyInit(first, others);
}

/** Gives each of `dirs` a copy of the initialized `from`'s `.terraform` (links into the provider cache kept). */
export function copyInit(from: string, dirs: readonly string[]): void {
  for (const d of dirs)
    cpSync(join(from, '.terraform'), join(d, '.terraform'), { recursive: true, verbatimSymlinks: true });
}

/** What one `terraform plan -json` said: the planned changes and every diagnostic (warnings included). */
export interface PlanOutcome {
  /** Planned actions and resource addresses (`create aws_sns_topic.Alerts`, `import+update ...`), sorted. */
  readonly changes: string[];
  /** The diagnostics (`warning: ...`): plan validates the configuration first, as `terraform validate` does. */
  readonly diagnostics: string[];
}

interface PlanMessage {
  readonly type: string;
  readonly change?: { action: string; resource: { addr: string }; importing?: { id: string } };
  readonly diagnostic?: { severity: string; summary: string; detail?: string };
}

/**
 * Plans a prepared, initialized stack directory. From the planned_change messages of `terraform plan -json`
 * (one per resource that changes; a replacement reads `replace`) and its diagnostic messages. Plan runs
 * the same validation as `terraform validate` before planning (an invalid argument or value is a
 * diagnostic here), so no separate validate is run: each command loads the provider's schema again.
 * No plan file is written and read back, for the same reason.
 */
export async function plan(setup: TerraformSetup, cwd: string): Promise<PlanOutcome> {
  const out = await terraform(setup, cwd, 'plan', '-refresh=false', '-lock=false', '-json');
  const messages = out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as PlanMessage);
  const changes = messages
    .filter((m) => m.type === 'planned_change' && m.change)
    // An adopted resource (an import block) reads `import+update <addr>` (or import+no-op).
    .map((m) => `${m.change!.importing ? 'import+' : ''}${m.change!.action} ${m.change!.resource.addr}`)
    .sort();
  const diagnostics = messages
    .filter((m) => m.type === 'diagnostic' && m.diagnostic)
    .map(({ diagnostic: d }) => `${d!.severity}: ${d!.summary}${d!.detail ? ` (${d!.detail})` : ''}`);
  return { changes, diagnostics };
}

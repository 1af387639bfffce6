/**
 * Real Terraform for the AWS half: finds terraform and a local filesystem mirror of hashicorp/aws,
 * prepares a CLI config that installs only from that mirror (through a shared plugin cache, so the
 * provider is copied once), and runs init / validate / plan offline with fake credentials.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const AWS_PROVIDER_VERSION = '5.100.0';

export interface TerraformSetup {
  readonly terraform: string;
  readonly env: NodeJS.ProcessEnv;
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

function findMirror(): string | undefined {
  const platform = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
  return mirrorCandidates().find((root) =>
    existsSync(join(root, 'registry.terraform.io', 'hashicorp', 'aws', AWS_PROVIDER_VERSION, platform)),
  );
}

function findTerraform(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'terraform');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The setup, or the reason real Terraform cannot run here. */
export function terraformSetup(): TerraformSetup | { readonly missing: string } {
  const terraform = findTerraform();
  if (!terraform) return { missing: 'terraform is not on PATH' };
  const mirror = findMirror();
  if (!mirror) {
    return { missing: `no filesystem mirror of hashicorp/aws ${AWS_PROVIDER_VERSION} in ${mirrorCandidates().join(', ')} (set TF_PROVIDER_MIRROR)` };
  }
  const dir = join(tmpdir(), 'identity-gateway-terraform');
  const cache = join(dir, 'plugin-cache');
  mkdirSync(cache, { recursive: true });
  const cliConfig = join(dir, 'terraform.tfrc');
  writeFileSync(
    cliConfig,
    [
      `plugin_cache_dir = ${JSON.stringify(cache)}`,
      'provider_installation {',
      `  filesystem_mirror {`,
      `    path    = ${JSON.stringify(mirror)}`,
      `    include = ["registry.terraform.io/hashicorp/aws"]`,
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  return {
    terraform,
    env: {
      ...process.env,
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
      // Fake credentials: plan never calls AWS with the provider's skip_* flags set.
      AWS_ACCESS_KEY_ID: 'TESTFAKEACCESSKEYID0',
      AWS_SECRET_ACCESS_KEY: 'fake-secret-for-offline-plan',
      AWS_SESSION_TOKEN: '',
      AWS_PROFILE: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  };
}

/**
 * Prepares a synthesized stack directory for an offline plan: local state inside the directory and
 * the provider's skip_* flags, and no account guard. Everything else is planned as synthesized.
 */
export function prepareForOfflinePlan(stackDir: string): void {
  const file = join(stackDir, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.terraform.backend = { local: { path: 'terraform.tfstate' } };
  for (const aws of json.provider.aws) {
    // The account guard asks STS who the caller is, which cannot work offline; the stack tests assert
    // that every environment sets allowed_account_ids.
    delete aws.allowed_account_ids;
    Object.assign(aws, { skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: 'true', skip_region_validation: true });
  }
  writeFileSync(file, JSON.stringify(json, null, 2));
}

export async function terraform(setup: TerraformSetup, cwd: string, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await run(setup.terraform, [...args, '-no-color'], { cwd, env: setup.env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`terraform ${args.join(' ')} failed in ${cwd}:\n${err.stderr || err.stdout || err.message}`);
  }
}

/** Resource addresses and planned actions from `terraform show -json <plan>`, sorted by address. */
export async function plannedChanges(setup: TerraformSetup, cwd: string): Promise<string[]> {
  await terraform(setup, cwd, 'plan', '-refresh=false', '-lock=false', '-out=plan.tfplan');
  const plan = JSON.parse(await terraform(setup, cwd, 'show', '-json', 'plan.tfplan'));
  return (plan.resource_changes as { address: string; change: { actions: string[] } }[])
    .map((c) => `${c.change.actions.join('+')} ${c.address}`)
    .sort();
}

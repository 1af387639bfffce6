/**
 * Reads the version an environment runs from its Terraform state: the `stack_version` output. Local
 * backends are read directly; an S3 backend through Terraform itself (a backend-only configuration in a
 * temporary directory, `terraform init` then `terraform output -json`), with AWS credentials from the
 * environment. Offline, it says what it would read instead of guessing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readJsonObject, RELEASE_JSON_LIMITS } from '../domain/read-json';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

export type StateReading =
  | { readonly kind: 'version'; readonly version: string; readonly from: string }
  | { readonly kind: 'never-applied'; readonly from: string }
  | { readonly kind: 'offline'; readonly explanation: string };

/** The stack_version output of a state file (`terraform state pull`) or of `terraform output -json`. */
export function stackVersionOfState(json: any, from: string): StateReading {
  const outputs = json?.version === 4 ? json.outputs : json;
  const empty = Object.keys(outputs ?? {}).length === 0;
  // An empty state (or `terraform output -json` of one, `{}`): nothing applied yet.
  if (empty && (json?.version !== 4 || (json.resources ?? []).length === 0)) return { kind: 'never-applied', from };
  const value = outputs?.stack_version?.value;
  if (typeof value !== 'string') {
    throw new Error(
      `${from} has no stack_version output: applied before versioned releases, or not this stack's state`,
    );
  }
  return { kind: 'version', version: value, from };
}

export function readStateFile(file: string): StateReading {
  if (!existsSync(file)) return { kind: 'never-applied', from: file };
  return stackVersionOfState(readJsonObject(file, RELEASE_JSON_LIMITS), file);
}

/** Where AWS credentials may come from in this environment (empty: none visible). */
export function awsCredentialHints(env: NodeJS.ProcessEnv = process.env, home = homedir()): string[] {
  const vars = [
    'AWS_ACCESS_KEY_ID',
    'AWS_PROFILE',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  ];
  const files = [join(home, '.aws', 'credentials'), join(home, '.aws', 'config')];
  return [...vars.filter((v) => env[v]), ...files.filter((f) => existsSync(f))];
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, command)));
}

export interface ReadOptions {
  /** Never run Terraform or touch the network; explain instead. */
  readonly offline?: boolean;
}

/**
 * The version recorded in the state of a synthesized stack, from the backend its cdk.tf.json declares.
 * `stackDir` is the stack's directory in the synth output (relative local paths resolve from it).
 */
export function readDeployedVersion(
  stack: string,
  stackJson: Record<string, any>,
  stackDir: string,
  opts: ReadOptions = {},
): StateReading {
  const backend = (stackJson.terraform?.backend ?? {}) as Record<string, Record<string, any>>;
  const [type, settings] = Object.entries(backend)[0] ?? ['local', {}];
  if (type === 'local') return readStateFile(resolve(stackDir, settings.path ?? 'terraform.tfstate'));
  if (type !== 's3') throw new Error(`${stack}: backend ${type} is not supported by this command (local and s3 are)`);
  const kms = settings.kms_key_id ? ', KMS-encrypted' : '';
  const where = `s3://${settings.bucket}/${settings.key} (region ${settings.region}${kms})`;
  const hints = awsCredentialHints();
  const why = opts.offline
    ? 'offline (--offline)'
    : !onPath('terraform')
      ? 'terraform is not on PATH'
      : hints.length === 0
        ? 'no AWS credentials in the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID, AWS_WEB_IDENTITY_TOKEN_FILE, ~/.aws)'
        : undefined;
  if (why) {
    return {
      kind: 'offline',
      explanation:
        `${why}: would read the stack_version output of ${stack} from its state at ${where}, ` +
        'with AWS credentials from ' +
        'the default chain (read-only: s3:GetObject on the key, kms:Decrypt), by running terraform init on a ' +
        'configuration holding only that backend block and then terraform output -json',
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'identity-gateway-state-'));
  try {
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ terraform: { backend: { s3: settings } } }));
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    const tf = (...args: string[]) =>
      execFileSync('terraform', args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    tf('init', '-input=false', '-no-color');
    return stackVersionOfState(JSON.parse(tf('output', '-json', '-no-color')), where);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The commands that read a live Okta org (read-only, Okta's Management API):
 *   npm run preflight -- --env <env> [--json] [--write-imports] [--state <file>] ...   (before an apply)
 *   npm run simulate -- --env <env> --parity [--json] [--rate-share <share>] ...       (after an apply)
 * Both read the environment's synthesized stack (`--dir`, default cdktf.out: run npm run synth first).
 * Exit codes: 0 no blocker, 1 a blocker (or a parity mismatch), 2 a usage error, unreadable input or an org
 * that cannot be read, with the reason (never a stack trace, never a credential).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { importsFile, importsFileText } from '../../domain/imports';
import { writeFileAtomic } from '../../domain/write-atomic';
import { StackModel } from '../../synthesized/model';
import { OktaApi, OrgError } from './api';
import { authorizer, credentialsFrom, orgUrl } from './credentials';
import {
  flagValue,
  InputError,
  runCommand,
  synthOutdir,
  UsageError,
  type AsyncCommand,
  type Io,
} from '../../domain/cli';
import { blockers, reportMarkdown, reportText, type OrgReport } from './findings';
import { readManagedIds, type ManagedIds } from './managed';
import { LiveOrg } from './org';
import { parity } from './parity';
import { preflight } from './preflight';
import { PARITY_SCOPES, PREFLIGHT_SCOPES } from './scopes';

export type Command = 'preflight' | 'parity';

const COMMON = `  --dir <dir>           synthesized stacks (default cdktf.out; run npm run synth first)
  --json                one JSON object: { environment, org, findings: [{ kind, severity, subject, message }], imports }
  --summary <file>      also append the findings as markdown to <file> (a CI job summary)
  --rate-share <share>  the share of each endpoint's rate limit to use, above 0 and at most 1 (default 0.5)
  --help                this text
Credentials (environment only): OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY_ID, OKTA_API_PRIVATE_KEY (service app,
read scopes), or OKTA_API_TOKEN (local use). OKTA_API_BASE_URL overrides the org URL (https; http on loopback only).`;

export const USAGE: Record<Command, string> = {
  preflight: `usage: npm run preflight -- --env <env> [options]
Reads the live org read-only and compares it with the stack: exit 0 no blocker, 1 a blocker, 2 a usage error or an
org that cannot be read.
  --env <env>           the environment (dev, staging, prod)
  --write-imports       write the imports found to ${importsFile('<env>')} (the stack adopts those objects)
  --state <file>        the stack's Terraform state (terraform state pull): objects it holds are managed
${COMMON}`,
  parity: `usage: npm run simulate -- --env <env> --parity [options]
Replays the access matrix against the org's policy simulation (after the stack is applied): exit 0 agreement,
1 a mismatch, 2 a usage error or an org that cannot be read.
  --env <env>           the environment (dev, staging, prod)
${COMMON}`,
};

interface Options {
  env?: string;
  dir: string;
  json: boolean;
  writeImports: boolean;
  state?: string;
  summary?: string;
  rateShare: number;
  help: boolean;
}

export function parseArgs(command: Command, argv: readonly string[], env = process.env): Options {
  const o: Options = {
    dir: synthOutdir(undefined, env),
    json: false,
    writeImports: false,
    rateShare: 0.5,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => flagValue(argv, i++, a);
    if (a === '--env') o.env = value();
    else if (a === '--dir') o.dir = value();
    else if (a === '--json') o.json = true;
    else if (a === '--summary') o.summary = value();
    else if (a === '--rate-share') o.rateShare = share(value());
    else if (a === '--help' || a === '-h') o.help = true;
    else if (command === 'preflight' && a === '--write-imports') o.writeImports = true;
    else if (command === 'preflight' && a === '--state') o.state = value();
    else throw new UsageError(`unknown argument ${a}`);
  }
  return o;
}

function share(v: string): number {
  const n = Number(v);
  if (!/^\d*\.?\d+$/.test(v) || !(n > 0 && n <= 1))
    throw new UsageError(`--rate-share ${JSON.stringify(v)}: allowed a share above 0 and at most 1 (e.g. 0.5)`);
  return n;
}

/** Where a command writes, the environment it reads (credentials, OKTA_API_BASE_URL) and the project root. */
export interface OrgIo extends Io {
  readonly env: NodeJS.ProcessEnv;
  /** The project root: --write-imports writes config/imports/<env>.json under it. */
  readonly cwd: string;
}

/** Runs a command; resolves to its exit code, never rejects (the reason is written to `err`). */
export async function main(command: Command, argv: readonly string[], io: OrgIo): Promise<number> {
  const name = command === 'preflight' ? 'preflight' : 'simulate --parity';
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(`${USAGE[command]}\n`);
    return 0;
  }
  try {
    const o = parseArgs(command, argv, io.env);
    const report = await run(command, o, io);
    if (!report) return 0;
    return blockers(report) > 0 ? 1 : 0;
  } catch (e) {
    const message = (e as Error).message;
    if (e instanceof UsageError) io.err(`${name}: ${message}\n${USAGE[command]}\n`);
    else if (e instanceof OrgError || e instanceof InputError) io.err(`${name}: ${message}\n`);
    else io.err(`${name}: unexpected error: ${message}\n`);
    return 2;
  }
}

async function run(command: Command, o: Options, io: OrgIo): Promise<OrgReport | undefined> {
  const stacks = (() => {
    try {
      return StackModel.loadDir(o.dir);
    } catch (e) {
      throw new InputError((e as Error).message);
    }
  })();
  const envs = stacks.map((s) => s.environment ?? s.stackName).join(', ');
  if (!o.env) throw new UsageError(`--env is required; environments in ${o.dir}: ${envs}`);
  const model = stacks.find((s) => s.environment === o.env || s.stackName === o.env);
  if (!model) throw new UsageError(`no synthesized stack for ${JSON.stringify(o.env)} in ${o.dir}; there: ${envs}`);
  const provider = model.providers('okta')[0];
  if (!provider) {
    io.out(`${model.stackName} has no Okta half (gateway-only: the org is run elsewhere): nothing to check\n`);
    return undefined;
  }
  const creds = credentialsFrom(io.env);
  const origin = orgUrl(io.env, provider as { org_name?: unknown; base_url?: unknown });
  const managed = o.state ? readState(o.state) : new Map<string, string>();
  const scopes = command === 'preflight' ? PREFLIGHT_SCOPES : PARITY_SCOPES;
  const api = new OktaApi({ baseUrl: origin, authorize: authorizer(creds, origin, scopes), rateShare: o.rateShare });
  const org = new LiveOrg(api);
  try {
    return await report(command, org, model, managed, o, io);
  } finally {
    // After a failed read, the reads still running or waiting for a rate-limit window have no use.
    api.cancel();
  }
}

async function report(
  command: Command,
  org: LiveOrg,
  model: StackModel,
  managed: ManagedIds,
  o: Options,
  io: OrgIo,
): Promise<OrgReport> {
  const title = command === 'preflight' ? 'Preflight' : 'Parity';
  if (command === 'parity') {
    const { checked, requests, ...report } = await parity(org, model);
    write(io, o, title, report, [`${checked} cell(s) replayed in ${requests} simulation request(s)`]);
    return report;
  }
  const report = await preflight(org, model, managed);
  const footer: string[] = [];
  if (o.writeImports) {
    const file = importsFile(report.environment);
    writeFileAtomic(join(io.cwd, file), importsFileText(report.environment, report.imports));
    footer.push(`Wrote ${report.imports.length} import(s) to ${file}: run npm run synth, then plan and review.`);
  } else if (report.imports.length) {
    footer.push(`Adopt them: npm run preflight -- --env ${report.environment} --write-imports`);
  }
  write(io, o, title, report, footer);
  return report;
}

function readState(file: string): ManagedIds {
  try {
    return readManagedIds(file);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

function write(io: OrgIo, o: Options, title: string, report: OrgReport, footer: readonly string[]): void {
  io.out(o.json ? `${JSON.stringify(report, null, 2)}\n` : reportText(title, report, footer));
  if (o.summary) appendFileSync(o.summary, `${reportMarkdown(title, report)}\n`);
}

/** The command by the project's CLI convention (domain/cli.ts): bad arguments are refused before anything waits. */
function asyncCommand(command: Command): AsyncCommand {
  return {
    name: command === 'preflight' ? 'preflight' : 'simulate',
    usage: USAGE[command],
    run: (argv, io) => {
      parseArgs(command, argv);
      return main(command, argv, { ...io, env: process.env, cwd: process.cwd() });
    },
  };
}

/** `npm run preflight`. */
export const cli = asyncCommand('preflight');
/** `npm run simulate -- --parity` (dispatched by tools/simulate.ts; `--parity` itself taken out). */
export const parityCli = asyncCommand('parity');

if (require.main === module)
  void Promise.resolve(runCommand(cli, process.argv.slice(2))).then((code) => (process.exitCode = code));

/**
 * The one command-line convention of every command (npm run synth, check, rules, review, report, simulate,
 * bench, docs, version, release, release-notes, status): `--help` (or `-h`) anywhere prints the usage on
 * stdout and exits 0; a usage error (an unknown or valueless argument, a missing required one, a value not
 * allowed) prints the message and the usage on stderr and exits 2; an argument that names something that does
 * not exist (a ref, a file, a directory, a version, an environment), or unreadable input, exits 2 with a
 * message naming it; a finding or a refusal exits 1. Before any command runs, the environment variables that
 * name folders ({@link PATH_VARIABLES}) are checked: a file where a folder is expected is an input error naming
 * the variable and the path.
 */
import { statSync } from 'node:fs';

/** A usage error: exit 2, with the usage. */
export class UsageError extends Error {}

/** An argument naming something that does not exist or does not agree with the rest, or unreadable input: exit 2. */
export class InputError extends Error {}

/** The value after the flag at `argv[i]`: a usage error when it is missing, blank or another flag. */
export function flagValue(argv: readonly string[], i: number, flag: string = argv[i]): string {
  const v = argv[i + 1];
  if (v === undefined || v.trim() === '' || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return v;
}

/** Where a command writes. */
export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

export const processIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** A command: its name as typed (`npm run check`), its usage text, and what it does (returns the exit code). */
export interface Command {
  readonly name: string;
  readonly usage: string;
  run(argv: readonly string[], io: Io): number;
}

/**
 * Environment variables the commands read that name a folder, each with what it is for. Every command checks
 * them before it starts (cdktf writes to CDKTF_OUTDIR; the release commands keep records in RELEASE_RECORDS_DIR;
 * review, release notes and rollback synthesize in the temporary folder, TMPDIR).
 */
export const PATH_VARIABLES: Readonly<Record<string, { readonly what: string; readonly mustExist: boolean }>> = {
  CDKTF_OUTDIR: { what: 'the synth output folder', mustExist: false },
  RELEASE_RECORDS_DIR: { what: 'the folder of convergence records', mustExist: false },
  TMPDIR: { what: 'the folder for temporary files', mustExist: true },
};

/** The problems of the path variables that are set: a file for a folder, or a folder that must exist and does not. */
export function pathVariableProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  for (const [name, { what, mustExist }] of Object.entries(PATH_VARIABLES)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const kind = kindOf(value);
    if (kind === 'missing' && mustExist) out.push(`${name}=${value} does not exist; it names ${what}`);
    else if (kind !== 'missing' && kind !== 'directory')
      out.push(`${name}=${value} is a ${kind}, not a folder; it names ${what}: point it at a folder or unset it`);
  }
  return out;
}

/** What is at `path`: a directory, a file, something else, or nothing. */
export function kindOf(path: string): 'directory' | 'file' | 'special file' | 'missing' {
  try {
    const s = statSync(path);
    return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'special file';
  } catch {
    return 'missing';
  }
}

/** A folder an argument names: it must exist and be a folder (`what` says what it should hold). */
export function existingDir(flag: string, path: string, what: string): string {
  const kind = kindOf(path);
  if (kind === 'missing') throw new InputError(`${flag} ${path}: no such folder (${what})`);
  if (kind !== 'directory') throw new InputError(`${flag} ${path}: is a ${kind}, not a folder (${what})`);
  return path;
}

/** A file an argument names: it must exist and be a file. */
export function existingFile(flag: string, path: string, what: string): string {
  const kind = kindOf(path);
  if (kind === 'missing') throw new InputError(`${flag} ${path}: no such file (${what})`);
  if (kind !== 'file') throw new InputError(`${flag} ${path}: is a ${kind}, not a file (${what})`);
  return path;
}

/** The synth output folder: `--dir`, else CDKTF_OUTDIR, else cdktf.out (as npm run synth writes it). */
export function synthOutdir(dir: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return dir ?? (env.CDKTF_OUTDIR || 'cdktf.out');
}

/**
 * A command whose work waits on the network (the ones that read the live Okta org): the same convention, the
 * exit code as a promise. Its `run` refuses bad arguments before it starts waiting (it throws, not rejects).
 */
export interface AsyncCommand {
  readonly name: string;
  readonly usage: string;
  run(argv: readonly string[], io: Io): Promise<number>;
}

/** Runs a command by the convention above; returns the exit code (a promise of it for an AsyncCommand). */
export function runCommand(command: Command, argv: readonly string[], io?: Io): number;
export function runCommand(command: AsyncCommand, argv: readonly string[], io?: Io): Promise<number> | number;
export function runCommand(
  command: Command | AsyncCommand,
  argv: readonly string[],
  io: Io = processIo,
): number | Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  const variables = pathVariableProblems();
  if (variables.length > 0) {
    io.err(`${command.name}: ${variables.join('\n')}\n`);
    return 2;
  }
  const failed = (e: unknown): number => {
    if (e instanceof UsageError) {
      io.err(`${command.name}: ${e.message}\n${command.usage}\n`);
      return 2;
    }
    io.err(`${command.name}: ${(e as Error).message}\n`);
    return e instanceof InputError ? 2 : 1;
  };
  try {
    const code = command.run(argv, io);
    return typeof code === 'number' ? code : code.catch(failed);
  } catch (e) {
    return failed(e);
  }
}

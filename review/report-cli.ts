/**
 * `npm run report [-- --dir <synth output>] [--out <dir>]`: writes `<stack>.md` and `<stack>.html`, the
 * posture report of every synthesized stack. `npm run report` synthesizes first. The time a report stands for
 * is SOURCE_DATE_EPOCH when set, else the commit date of the commit its stack_version names (git), else not
 * recorded: never the clock, so a rerun writes the same bytes.
 * @default --dir cdktf.out, --out reports
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseVersionName } from '../domain/semver';
import { StackModel } from '../synthesized/model';
import { guardrailFindings } from './findings';
import { buildReport, type ReportProvenance } from './report';
import { stackVersion } from './report-sections';
import { writeFileAtomic } from '../domain/write-atomic';
import { spawnSync } from 'node:child_process';
import {
  existingDir,
  flagValue,
  InputError,
  kindOf,
  runCommand,
  synthOutdir,
  UsageError,
  type Command,
  type Io,
} from '../domain/cli';

/** Where the time a report stands for comes from: SOURCE_DATE_EPOCH, else the stack's commit date. */
export function provenanceOf(
  model: StackModel,
  env: NodeJS.ProcessEnv = process.env,
  repo = process.cwd(),
): ReportProvenance {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d{1,12}$/.test(epoch.trim()))
    return { generatedAt: new Date(Number(epoch.trim()) * 1000).toISOString(), generatedFrom: 'SOURCE_DATE_EPOCH' };
  const version = stackVersion(model);
  let ref: string | undefined;
  try {
    const name = version ? parseVersionName(version) : undefined;
    ref = name?.kind === 'release' ? name.tag : name?.kind === 'commit' ? name.abbrev : undefined;
  } catch {
    ref = undefined;
  }
  if (!ref) return {};
  try {
    const date = execFileSync('git', ['show', '-s', '--format=%cI', `${ref}^{commit}`], {
      cwd: repo,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return { generatedAt: new Date(date).toISOString(), generatedFrom: `commit date of ${ref}` };
  } catch {
    return {};
  }
}

export function writeReports(
  dir: string,
  out: string,
  provenance: (model: StackModel) => ReportProvenance = (m) => provenanceOf(m),
): string[] {
  const written: string[] = [];
  for (const model of StackModel.loadDir(dir)) {
    const p = provenance(model);
    const report = buildReport(model, guardrailFindings(model, p.generatedAt?.slice(0, 10)), p);
    for (const [ext, text] of [
      ['md', report.markdown],
      ['html', report.html],
    ] as const) {
      const file = join(out, `${report.stack}.${ext}`);
      writeFileAtomic(file, text);
      written.push(file);
    }
  }
  return written;
}

const USAGE =
  'usage: npm run report -- [--dir <synth output dir>] [--out <report dir>]\n' +
  '  npm run report synthesizes first (--synth); --dir defaults to CDKTF_OUTDIR or cdktf.out, --out to reports';

interface ReportOptions {
  dir: string;
  out: string;
  /** Run `npm run synth` first (what `npm run report` does). */
  synth: boolean;
}

/** `--dir` and `--out` with their values, and `--synth`; anything else is a usage error. */
export function parseReportArgs(args: readonly string[]): ReportOptions {
  const opts: ReportOptions = { dir: synthOutdir(undefined), out: 'reports', synth: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--synth') {
      opts.synth = true;
      continue;
    }
    if (a !== '--dir' && a !== '--out') throw new UsageError(`unknown argument ${a}`);
    opts[a === '--dir' ? 'dir' : 'out'] = flagValue(args, i++, a);
  }
  return opts;
}

function run(argv: readonly string[], io: Io): number {
  const opts = parseReportArgs(argv);
  if (kindOf(opts.out) !== 'missing' && kindOf(opts.out) !== 'directory')
    throw new InputError(`--out ${opts.out}: is a ${kindOf(opts.out)}, not a folder (where the reports go)`);
  if (opts.synth) {
    const r = spawnSync('npm', ['run', '--silent', 'synth'], { stdio: 'inherit' });
    if (r.status !== 0) return r.status ?? 1;
  }
  existingDir('--dir', opts.dir, 'a synth output: run npm run synth first');
  try {
    for (const f of writeReports(opts.dir, opts.out)) io.out(`wrote ${f}\n`);
  } catch (e) {
    throw new InputError(`report failed: ${(e as Error).message}`, { cause: e });
  }
  return 0;
}

/** `npm run report`. */
export const cli: Command = { name: 'report', usage: USAGE, run };

if (require.main === module) process.exitCode = runCommand(cli, process.argv.slice(2));

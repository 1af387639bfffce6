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

const USAGE = 'usage: npm run report -- [--dir <synth output dir>] [--out <report dir>]';

/** `--dir` and `--out` with their values; anything else is a usage error (thrown with the usage). */
export function parseReportArgs(args: readonly string[]): { dir: string; out: string } {
  const opts = { dir: 'cdktf.out', out: 'reports' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a !== '--dir' && a !== '--out') throw new Error(`unknown argument ${a}\n${USAGE}`);
    const v = args[++i];
    if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value\n${USAGE}`);
    opts[a === '--dir' ? 'dir' : 'out'] = v;
  }
  return opts;
}

if (require.main === module) {
  let opts: { dir: string; out: string } | undefined;
  try {
    opts = parseReportArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 2;
  }
  try {
    if (opts) for (const f of writeReports(opts.dir, opts.out)) process.stdout.write(`wrote ${f}\n`);
  } catch (e) {
    process.stderr.write(`report failed: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}

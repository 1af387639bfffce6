/**
 * `npm run report [-- --dir <synth output>] [--out <dir>]`: writes `<stack>.md` and `<stack>.html`, the
 * posture report of every synthesized stack. `npm run report` synthesizes first.
 * @default --dir cdktf.out, --out reports
 */
import { join } from 'node:path';
import { StackModel } from '../synthesized/model';
import { guardrailFindings } from './findings';
import { buildReport } from './report';
import { writeFileAtomic } from '../domain/write-atomic';

export function writeReports(dir: string, out: string): string[] {
  const written: string[] = [];
  for (const model of StackModel.loadDir(dir)) {
    const report = buildReport(model, guardrailFindings(model));
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

/**
 * `npm run report [-- --dir <synth output>] [--out <dir>]`: writes `<stack>.md` and `<stack>.html`, the
 * posture report of every synthesized stack. `npm run report` synthesizes first.
 * @default --dir cdktf.out, --out reports
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StackModel } from '../synthesized/model';
import { guardrailFindings } from './findings';
import { buildReport } from './report';

export function writeReports(dir: string, out: string): string[] {
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  for (const model of StackModel.loadDir(dir)) {
    const report = buildReport(model, guardrailFindings(model));
    for (const [ext, text] of [
      ['md', report.markdown],
      ['html', report.html],
    ] as const) {
      const file = join(out, `${report.stack}.${ext}`);
      writeFileSync(file, text);
      written.push(file);
    }
  }
  return written;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  try {
    for (const f of writeReports(opt('--dir', 'cdktf.out'), opt('--out', 'reports')))
      process.stdout.write(`wrote ${f}\n`);
  } catch (e) {
    process.stderr.write(`report failed: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}

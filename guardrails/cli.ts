/**
 * `npm run check -- [--dir <synth output dir>] [--json]`: checks already-synthesized stacks (guardrails and
 * provider-conformance rules) and exits 1 on any unsuppressed error finding. `npm run rules`: prints the
 * rule catalogue (both) as a markdown table.
 */
import { rulesMarkdown } from './catalogue';
import { checkStacks, failing, formatLine } from './engine';
import { StackModel } from '../synthesized/model';

function main(argv: string[]): number {
  const [command, ...args] = argv;
  if (command === 'rules') {
    process.stdout.write(rulesMarkdown());
    return 0;
  }
  if (command !== 'check') {
    process.stderr.write('usage: cli.ts check [--dir <synth output dir>] [--json] | cli.ts rules\n');
    return 2;
  }
  let dir = process.env.CDKTF_OUTDIR || 'cdktf.out';
  let json = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') json = true;
    else if (args[i] === '--dir' && args[i + 1]) dir = args[++i];
    else {
      process.stderr.write(
        `unknown argument ${args[i]}; usage: npm run check -- [--dir <synth output dir>] [--json]\n`,
      );
      return 2;
    }
  }
  let stacks: StackModel[];
  try {
    stacks = StackModel.loadDir(dir);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const reports = checkStacks(stacks);
  const findings = reports.flatMap((r) => r.findings);
  const errors = failing(findings);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ stacks: reports.map((r) => r.stack), findings, errors: errors.length }, null, 2)}\n`,
    );
  } else {
    for (const f of findings) process.stdout.write(`${formatLine(f)}\n`);
    process.stdout.write(
      `${stacks.length} stack(s), ${findings.length} finding(s), ${errors.length} failing error(s)\n`,
    );
  }
  return errors.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));

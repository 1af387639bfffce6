/**
 * `npm run check -- [--dir <synth output dir>] [--json]`: checks already-synthesized stacks (guardrails and
 * provider-conformance rules) and exits 1 on any unsuppressed error finding. `npm run rules`: prints the
 * rule catalogue (both) as a markdown table.
 */
import { rulesMarkdown } from './catalogue';
import { checkStacks, failing, formatLine } from './engine';
import { StackModel } from '../synthesized/model';

const USAGE = 'usage: npm run check -- [--dir <synth output dir>] [--json] | npm run rules';

/** A usage error: the message, what is allowed, exit 2. */
function usage(message: string): number {
  process.stderr.write(`${message}\n${USAGE}\n`);
  return 2;
}

/** The stacks under `dir`; an unreadable output or a stack without resources is an error (undefined). */
function loadStacks(dir: string): StackModel[] | undefined {
  try {
    const stacks = StackModel.loadDir(dir);
    const empty = stacks.find((s) => Object.keys(s.json.resource ?? {}).length === 0);
    if (empty) throw new Error(`Stack ${empty.stackName} under ${dir} has no resources: nothing to check or deploy`);
    return stacks;
  } catch (e) {
    process.stderr.write(`check: ${(e as Error).message}\n`);
    return undefined;
  }
}

function main(argv: string[]): number {
  const [command, ...args] = argv;
  if (command === 'rules') {
    if (args.length > 0) return usage(`npm run rules takes no arguments, got ${args.join(' ')}`);
    process.stdout.write(rulesMarkdown());
    return 0;
  }
  if (command !== 'check') return usage(`unknown command ${command ?? '(none)'}`);
  let dir = process.env.CDKTF_OUTDIR || 'cdktf.out';
  let json = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') json = true;
    else if (args[i] === '--dir') {
      const value = args[++i];
      if (value === undefined || value.trim() === '' || value.startsWith('--'))
        return usage('--dir needs a value: the synth output directory');
      dir = value;
    } else return usage(`unknown argument ${args[i]}`);
  }
  const stacks = loadStacks(dir);
  if (!stacks) return 2;
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

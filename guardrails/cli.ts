/**
 * `npm run check -- [--dir <synth output dir>] [--json]`: checks already-synthesized stacks (guardrails and
 * provider-conformance rules) and exits 1 on any unsuppressed error finding. `npm run rules`: prints the
 * rule catalogue (both) as a markdown table.
 */
import { rulesMarkdown } from './catalogue';
import { checkStacks, failing, formatLine } from './engine';
import { StackModel } from '../synthesized/model';
import { InputError, runCommand, synthOutdir, UsageError, type Command, type Io } from '../domain/cli';

const USAGE = 'usage: npm run check -- [--dir <synth output dir>] [--json] | npm run rules';

/** The stacks under `dir`; an unreadable output or a stack without resources is an input error. */
function loadStacks(dir: string): StackModel[] {
  try {
    const stacks = StackModel.loadDir(dir);
    const empty = stacks.find((s) => Object.keys(s.json.resource ?? {}).length === 0);
    if (empty) throw new Error(`Stack ${empty.stackName} under ${dir} has no resources: nothing to check or deploy`);
    return stacks;
  } catch (e) {
    throw new InputError((e as Error).message, { cause: e });
  }
}

function main(argv: readonly string[], io: Io): number {
  const [command, ...args] = argv;
  if (command === 'rules') {
    if (args.length > 0) throw new UsageError(`npm run rules takes no arguments, got ${args.join(' ')}`);
    io.out(rulesMarkdown());
    return 0;
  }
  if (command !== 'check') throw new UsageError(`unknown command ${command ?? '(none)'}`);
  let dir = synthOutdir(undefined);
  let json = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') json = true;
    else if (args[i] === '--dir') {
      const value = args[++i];
      if (value === undefined || value.trim() === '' || value.startsWith('--'))
        throw new UsageError('--dir needs a value: the synth output directory');
      dir = value;
    } else throw new UsageError(`unknown argument ${args[i]}`);
  }
  const stacks = loadStacks(dir);
  const reports = checkStacks(stacks);
  const findings = reports.flatMap((r) => r.findings);
  const errors = failing(findings);
  if (json) {
    io.out(`${JSON.stringify({ stacks: reports.map((r) => r.stack), findings, errors: errors.length }, null, 2)}\n`);
  } else {
    for (const f of findings) io.out(`${formatLine(f)}\n`);
    io.out(`${stacks.length} stack(s), ${findings.length} finding(s), ${errors.length} failing error(s)\n`);
  }
  return errors.length > 0 ? 1 : 0;
}

/** `npm run check` and `npm run rules` (the first argument says which). */
export const cli: Command = { name: 'check', usage: USAGE, run: main };

if (require.main === module) process.exitCode = runCommand(cli, process.argv.slice(2));

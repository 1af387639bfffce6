/**
 * `npm run simulate -- --env <env> --group <name> --app <key> --route "<METHOD path>" [context] [--json]`
 * answers one question with the verdict and the trace; `npm run simulate -- --env <env> --matrix` prints
 * the access matrix for the ordinary and the adverse contexts. Reads synthesized stacks (`--dir`,
 * default cdktf.out). Usage errors exit 2 and list what exists.
 */
import { StackModel } from '../synthesized/model';
import { AUTHENTICATOR_NAMES, matrixContexts, parseContext, type ContextInput } from './context';
import { simulate } from './evaluate';
import { AccessMatrix } from './matrix';
import { matrixJson, matrixText, verdictJson, verdictText } from './render';
import { SimStack } from './stack';
import { flagValue, existingDir, InputError, runCommand, synthOutdir, UsageError, type Command } from '../domain/cli';

export const USAGE = `usage: npm run simulate -- --env <env> [options]
         (--matrix | --group <name> --app <key> --route "<METHOD path>")
  --dir <dir>                synthesized stacks (default cdktf.out; run npm run synth first)
  --group <name>             a group the person is in (repeat for several; Everyone is implied)
  --app <key|label>          the app they sign in to
  --route "<METHOD path>"    a route key (GET /orders/{orderId}) or a request (GET /orders/42)
  --zone <zone>              a network zone name, unlisted, country:XX, tor or anonymizer (repeatable)
  --risk LOW|MEDIUM|HIGH     the risk Okta scores (default LOW)
  --device <list>            desktop|mobile, macos|windows|chromeos|ios|android|other, managed|unmanaged,
                             registered|unregistered, assurance:<name> (default: managed macOS laptop)
  --authenticators <list>    what the person has enrolled: ${AUTHENTICATOR_NAMES.join(', ')}
                             (default: everything the enrollment policy allows)
  --behaviour <name>         a behaviour Okta detects (repeatable)
  --matrix                   the group x app x route matrix for the ordinary and adverse contexts
  --json                     one JSON object (single question: top-level "decision" is allow or deny)
  --parity                   after an apply: replay the matrix against the live org's policy simulation
                             (reads the network; credentials OKTA_API_*; also --rate-share <share>,
                             --summary <file>; docs/simulator.md)`;

export { UsageError };

interface Options {
  env?: string;
  dir: string;
  groups: string[];
  app?: string;
  route?: string;
  matrix: boolean;
  json: boolean;
  context: { zones: string[]; risk?: string; device: string[]; authenticators?: string[]; behaviours: string[] };
}

export function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    dir: synthOutdir(undefined),
    groups: [],
    matrix: false,
    json: false,
    context: { zones: [], device: [], behaviours: [] },
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => flagValue(argv, i++, a);
    if (a === '--env') o.env = value();
    else if (a === '--dir') o.dir = value();
    else if (a === '--group') o.groups.push(value());
    else if (a === '--app') o.app = value();
    else if (a === '--route') o.route = value();
    else if (a === '--zone') o.context.zones.push(value());
    else if (a === '--risk') o.context.risk = value();
    else if (a === '--device') o.context.device.push(value());
    else if (a === '--authenticators')
      o.context.authenticators = value()
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s);
    else if (a === '--behaviour' || a === '--behavior') o.context.behaviours.push(value());
    else if (a === '--matrix') o.matrix = true;
    else if (a === '--json') o.json = true;
    else if (a === '--parity')
      throw new UsageError('--parity reads the live org: run it as npm run simulate -- --env <env> --parity');
    else throw new UsageError(`unknown option ${a}`);
  }
  return o;
}

function unreadableAsInputError<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new InputError((e as Error).message, { cause: e });
  }
}

/** Runs the command; returns what to print. Throws UsageError for bad arguments, InputError for bad input. */
export function run(argv: readonly string[]): string {
  const o = parseArgs(argv);
  existingDir('--dir', o.dir, 'the synthesized stacks: run npm run synth first');
  const stacks = unreadableAsInputError(() => StackModel.loadDir(o.dir));
  const envs = stacks.map((s) => s.environment);
  if (!o.env) throw new UsageError(`--env is required; environments in ${o.dir}: ${envs.join(', ')}`);
  const model = stacks.find((s) => s.environment === o.env || s.stackName === o.env);
  if (!model)
    throw new UsageError(`unknown environment ${JSON.stringify(o.env)}; environments in ${o.dir}: ${envs.join(', ')}`);
  if (o.matrix) {
    const matrix = new AccessMatrix(model, matrixContexts([model]));
    return o.json ? `${JSON.stringify(matrixJson(matrix), null, 2)}\n` : matrixText(matrix);
  }
  const sim = SimStack.of(model);
  const problems: string[] = [];
  if (o.groups.length === 0) problems.push(`--group is required; groups: ${sim.groups.join(', ')}`);
  for (const g of o.groups)
    if (!sim.groups.includes(g))
      problems.push(`unknown group ${JSON.stringify(g)} in ${model.stackName}; groups: ${sim.groups.join(', ')}`);
  const appList = sim.apps.map((a) => `${a.key} (${a.label})`).join(', ') || 'none (gateway-only: Okta runs elsewhere)';
  const app = o.app ? sim.app(o.app) : undefined;
  if (!o.app) problems.push(`--app is required; apps: ${appList}`);
  else if (!app) problems.push(`unknown app ${JSON.stringify(o.app)} in ${model.stackName}; apps: ${appList}`);
  const routeList = sim.routes.map((r) => r.routeKey).join(', ');
  const route = o.route ? sim.route(o.route) : undefined;
  if (!o.route) problems.push(`--route is required; routes: ${routeList}`);
  else if (!route) problems.push(`no route ${JSON.stringify(o.route)} in ${model.stackName}; routes: ${routeList}`);
  const parsed = parseContext(model, o.context as ContextInput);
  problems.push(...parsed.problems);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  const verdict = simulate(sim, o.groups, app!.key, route!, parsed.context!);
  const question = {
    stack: model.stackName,
    groups: o.groups,
    app: app!.label,
    route: route!.routeKey,
    context: parsed.context!,
  };
  return o.json ? `${JSON.stringify(verdictJson(question, verdict), null, 2)}\n` : verdictText(question, verdict);
}

/** `npm run simulate`. */
export const cli: Command = {
  name: 'simulate',
  usage: USAGE,
  run: (argv, io) => {
    io.out(run(argv));
    return 0;
  },
};

if (require.main === module) process.exitCode = runCommand(cli, process.argv.slice(2));

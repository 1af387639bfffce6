/**
 * `npm run simulate`: the offline access simulator (simulator/cli.ts), or with `--parity` the replay of its
 * matrix against the live org's own policy evaluator (release/org/, which reads the network). The dispatch
 * lives here, above the layers, so the simulator keeps no network code.
 */
import { runCommand, type AsyncCommand } from '../domain/cli';
import { cli as simulator } from '../simulator/cli';
import { parityCli } from '../release/org/cli';

/** `npm run simulate`, with or without `--parity`. */
export const cli: AsyncCommand = {
  name: 'simulate',
  usage: simulator.usage,
  run: (argv, io) =>
    argv.includes('--parity')
      ? parityCli.run(
          argv.filter((a) => a !== '--parity'),
          io,
        )
      : Promise.resolve(simulator.run(argv, io)),
};

if (require.main === module)
  void Promise.resolve(runCommand(cli, process.argv.slice(2))).then((code) => (process.exitCode = code));

/**
 * `npm run simulate`: the offline access simulator (simulator/cli.ts), or with `--parity` the replay of its
 * matrix against the live org's own policy evaluator (release/org/, which reads the network). The dispatch
 * lives here, above the layers, so the simulator keeps no network code.
 */
import { runCommand } from '../domain/cli';
import { cli as simulate } from '../simulator/cli';
import { main as org } from '../release/org/cli';

const argv = process.argv.slice(2);
if (argv.includes('--parity')) {
  void org(
    'parity',
    argv.filter((a) => a !== '--parity'),
    {
      out: (s) => process.stdout.write(s),
      err: (s) => process.stderr.write(s),
      env: process.env,
      cwd: process.cwd(),
    },
  ).then((code) => (process.exitCode = code));
} else {
  process.exitCode = runCommand(simulate, argv);
}

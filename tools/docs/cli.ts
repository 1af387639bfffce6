/**
 * `npm run docs`: rewrites the generated regions of docs/ (see generate.ts). With `--check` it writes
 * nothing and exits 1 naming every doc whose committed content differs from what it generates.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, UsageError, type Command, type Io } from '../../domain/cli';
import { GENERATED_DOCS, ROOT, regenerate } from './generate';

const USAGE =
  'usage: npm run docs [-- --check]\n' +
  '  rewrites the generated parts of docs/; --check writes nothing and exits 1 when one is out of date';

function run(argv: readonly string[], io: Io): number {
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) throw new UsageError(`unknown argument ${unknown[0]}`);
  const check = argv.includes('--check');
  const stale: string[] = [];
  for (const doc of GENERATED_DOCS) {
    const { committed, generated } = regenerate(doc);
    if (committed === generated) continue;
    stale.push(doc.path);
    if (!check) writeFileSync(join(ROOT, doc.path), generated);
  }
  if (check && stale.length) {
    io.err(`Out of date (run npm run docs): ${stale.join(', ')}\n`);
    return 1;
  }
  io.out(stale.length ? `Rewrote ${stale.join(', ')}\n` : 'docs/ is up to date\n');
  return 0;
}

/** `npm run docs`. */
export const cli: Command = { name: 'docs', usage: USAGE, run };

if (require.main === module) process.exitCode = runCommand(cli, process.argv.slice(2));

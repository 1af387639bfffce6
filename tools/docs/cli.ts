/**
 * `npm run docs`: rewrites the generated regions of docs/ (see generate.ts). With `--check` it writes
 * nothing and exits 1 naming every doc whose committed content differs from what it generates.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DOCS, ROOT, regenerate } from './generate';

const check = process.argv.includes('--check');
const stale: string[] = [];
for (const doc of GENERATED_DOCS) {
  const { committed, generated } = regenerate(doc);
  if (committed === generated) continue;
  stale.push(doc.path);
  if (!check) writeFileSync(join(ROOT, doc.path), generated);
}
if (check && stale.length) {
  process.stderr.write(`Out of date (run npm run docs): ${stale.join(', ')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(stale.length ? `Rewrote ${stale.join(', ')}\n` : 'docs/ is up to date\n');
}

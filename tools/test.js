/**
 * `npm test`: the lint (`npm run lint`: ESLint and Biome's format check), the type-check (`tsc --noEmit`) and
 * Jest, run at the same time. One after the other they left a core idle for the lint and the type-check (one process
 * each) and at the end of the Jest run (its last long test file); together they keep both cores busy.
 *
 * Jest's output streams as it runs; the lint's and the type-check's are held and printed after it, each
 * under its own heading, and only when they say something. The exit status is non-zero when any of the
 * three fails (the first failing one's, in the order lint, type-check, Jest), and a closing line names
 * what failed. Arguments go to Jest: `npm test -- __tests__/stack.test.ts`.
 */
'use strict';
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { tscOf } = require('./typecheck');

const ROOT = join(__dirname, '..');
const node = process.execPath;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command in the project root; `held` collects its output instead of passing it through. */
function run(label, command, args, held) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (held) {
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
    }
    child.on('error', (e) => resolve({ label, code: 1, output: `${output}${label} could not start: ${e.message}\n` }));
    child.on('close', (code, signal) => resolve({ label, code: code ?? (signal ? 1 : 0), output }));
  });
}

/** What a step said, less the line Biome prints when every file is formatted ("Checked 281 files in 0.2s..."). */
const quiet = (output) =>
  output
    .split('\n')
    .filter((line) => !/^Checked \d+ files? in .*\. No fixes applied\.$/.test(line))
    .join('\n')
    .trim();

async function main() {
  const steps = await Promise.all([
    run('lint (npm run lint)', npm, ['run', '--silent', 'lint'], true),
    run('type-check (tsc --noEmit)', node, [tscOf(ROOT), '--noEmit'], true),
    run('jest', node, [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', ...process.argv.slice(2)], false),
  ]);
  for (const { label, output } of steps.slice(0, 2)) {
    const said = quiet(output);
    if (said !== '') process.stdout.write(`\n--- ${label} ---\n${said}\n`);
  }
  const failed = steps.filter((s) => s.code !== 0);
  if (failed.length > 0) {
    process.stderr.write(`\nnpm test failed: ${failed.map((s) => `${s.label} (exit ${s.code})`).join(', ')}\n`);
    process.exitCode = failed[0].code;
  }
}

main();

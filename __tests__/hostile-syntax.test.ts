/**
 * A TypeScript syntax error in a file the project's loader compiles (tools/register.js, e.g. a config
 * file under config/environments/) is shown as file:line:column and swc's code frame, with no Rust
 * backtrace or JavaScript stack trace, and nothing runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REGISTER = join(__dirname, '..', 'tools', 'register.js');
let work: string;
beforeAll(() => (work = mkdtempSync(join(tmpdir(), 'hostile-syntax-'))));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `file` (written with `text`) through the loader from the directory it is in. */
function run(name: string, text: string) {
  writeFileSync(join(work, name), text);
  return spawnSync(process.execPath, ['-r', REGISTER, name], { cwd: work, encoding: 'utf8' });
}

describe('GIVEN a config file with a TypeScript syntax error', () => {
  test('fails with the file, line, column and code frame only, and runs nothing', () => {
    const r = run('dev.ts', "export const dev = {\n  environment: 'dev'\n  protect: false,\n};\nconsole.log('ran');\n");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        "dev.ts:3:3: syntax error: Expected ',', got 'ident'",
        ' 1 | export const dev = {',
        " 2 |   environment: 'dev'",
        ' 3 |   protect: false,',
        '   :   ^^^^^^^',
        ' 4 | };',
        " 5 | console.log('ran');",
        'Nothing was run: fix the file and retry.',
        '',
      ].join('\n'),
    );
    expect(r.stderr).not.toMatch(/backtrace|at Object|node_modules|Caused by/);
  });

  test('fails naming the column of an error in the middle of a line', () => {
    const r = run('shared.ts', 'export const retentionDays: number = ;\n');
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('shared.ts:1:38: syntax error: Expression expected');
  });

  test('compiles a file without errors as before', () => {
    const r = run('fine.ts', 'const n: number = 1;\nprocess.stdout.write(`ok ${n}`);\n');
    expect([r.status, r.stdout, r.stderr]).toEqual([0, 'ok 1', '']);
  });
});

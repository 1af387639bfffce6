/**
 * Type safety on the way to a deploy: `npm run synth` and cdktf.json's app preload tools/typecheck.js,
 * which refuses a type error before the app runs (tools/register.js only strips types). Tested on a tiny
 * project in a temporary directory whose main.ts writes a file when it runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const HOOK = join(ROOT, 'tools', 'typecheck.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { inputsHash, markerFor } = require(HOOK) as {
  inputsHash: (root: string) => string;
  markerFor: (root: string, hash: string) => string;
};
let dir: string;

// The tiny project declares the one Node.js function it uses and checks against lib es5 only: without
// @types/node and the ES2022 library each tsc run costs a fifth (the gate runs it three times).
const MAIN = (value: string) => `declare function require(id: 'node:fs'): { writeFileSync(f: string, d: string): void };
const phoneEnabled: boolean = ${value};
require('node:fs').writeFileSync('synthesized.txt', String(phoneEnabled));
`;

const synth = () =>
  spawnSync(process.execPath, ['-r', HOOK, '-r', join(ROOT, 'tools', 'register.js'), 'main.ts'], {
    cwd: dir,
    encoding: 'utf8',
  });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'igw-typecheck-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        module: 'commonjs',
        target: 'ES2022',
        lib: ['es5'],
        types: [],
      },
    }),
  );
  writeFileSync(
    join(dir, 'tsconfig.app.json'),
    JSON.stringify({ extends: './tsconfig.json', files: ['main.ts'], include: [] }),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('fails: a string where a boolean belongs is refused before anything runs, naming the file and line', () => {
  writeFileSync(join(dir, 'main.ts'), MAIN("'false'"));
  const r = synth();
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/main\.ts\(2,7\): error TS2322/);
  expect(r.stderr).toContain('nothing was synthesized');
  expect(existsSync(join(dir, 'synthesized.txt'))).toBe(false);
  expect(existsSync(markerFor(dir, inputsHash(dir)))).toBe(false);
});

test(
  'GIVEN sound types WHEN synthesized THEN the app runs ' + 'and the clean check is recorded for these inputs only',
  () => {
    writeFileSync(join(dir, 'main.ts'), MAIN('false'));
    const r = synth();
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'synthesized.txt'), 'utf8')).toBe('false');
    expect(existsSync(markerFor(dir, inputsHash(dir)))).toBe(true);
    // A later edit changes the hash, so the cached result can never hide a new error.
    writeFileSync(join(dir, 'main.ts'), MAIN("'true'"));
    expect(existsSync(markerFor(dir, inputsHash(dir)))).toBe(false);
    expect(synth().status).not.toBe(0);
  },
);

test("npm run synth and cdktf.json's app both type-check before loading the app", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const cdktf = JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')) as { app: string };
  for (const command of [pkg.scripts.synth, cdktf.app])
    expect(command).toBe('node -r ./tools/typecheck.js -r ./tools/register.js main.ts');
});

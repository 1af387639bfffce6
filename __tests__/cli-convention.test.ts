/**
 * One command-line convention for every command of package.json (issue 25 item 6, domain/cli.ts): `--help` exits
 * 0 and prints the usage; an unknown argument is a usage error, exit 2 with the usage. The commands are read from
 * package.json's scripts, so a new one (preflight) is covered as soon as it is added, or this test names it.
 * Each script's entry file is loaded and its `cli` run in this process, with the script's own fixed arguments;
 * two of them also run as real processes, to show the exit code reaches the shell.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../domain/cli';
import { runCommand } from '../domain/cli';

const ROOT = join(__dirname, '..');
const scripts: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;

/** Scripts that are not commands of this project (tool runners), with why. */
const NOT_COMMANDS: Readonly<Record<string, string>> = {
  typecheck: "TypeScript's compiler, with its own --help",
  lint: 'ESLint and Biome, with their own --help',
  test: 'the test runner: its arguments go to Jest (tools/test.js)',
  format: "Biome's formatter",
};

/** A script's entry file and fixed arguments: `node [-r hook]... <file> [args]`. */
function entryOf(script: string): { file: string; args: string[] } {
  const words = script.split(/\s+/);
  if (words[0] !== 'node') throw new Error(`not a node command: ${script}`);
  let i = 1;
  while (words[i] === '-r') i += 2;
  return { file: words[i], args: words.slice(i + 1) };
}

const commands = Object.entries(scripts).filter(([name]) => !(name in NOT_COMMANDS));

function run(command: Command, argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCommand(command, argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const loaded = new Map<string, Command>();
/* eslint-disable @typescript-eslint/no-require-imports -- the entry files are named by package.json */
const cliOf = (file: string): Command => {
  if (!loaded.has(file)) loaded.set(file, (require(join(ROOT, file)) as { cli: Command }).cli);
  return loaded.get(file)!;
};
/* eslint-enable @typescript-eslint/no-require-imports */

describe('GIVEN every command of package.json', () => {
  test('each is a node entry file exporting its cli, or a tool runner listed with why', () => {
    expect(commands.map(([name]) => name).sort()).toEqual(
      expect.arrayContaining(['bench', 'check', 'docs', 'release', 'release-notes', 'report', 'review', 'rules']),
    );
    for (const [name, script] of commands) {
      const { file } = entryOf(script);
      expect([name, typeof cliOf(file)?.run]).toEqual([name, 'function']);
    }
  });

  test.each(commands)('npm run %s -- --help exits 0 and prints the usage', (_name, script) => {
    const { file, args } = entryOf(script);
    const r = run(cliOf(file), [...args, '--help']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^usage: /);
  });

  test.each(commands)('fails (exit 2) with the usage for an unknown argument to npm run %s', (_name, script) => {
    const { file, args } = entryOf(script);
    const r = run(cliOf(file), [...args, '--no-such-option']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--no-such-option');
    expect(r.err).toContain('usage: ');
    expect(r.out).toBe('');
  });
});

describe('GIVEN a real process', () => {
  const node = (file: string, args: string[]) =>
    spawnSync(process.execPath, ['-r', join(ROOT, 'tools', 'register.js'), join(ROOT, file), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });

  test('--help exits 0 on stdout, and an unknown argument exits 2 on stderr', () => {
    const help = node('release/cli.ts', ['status', '--help']);
    expect([help.status, help.stdout.startsWith('usage: npm run release')]).toEqual([0, true]);
    const bad = node('tools/docs/cli.ts', ['--chek']);
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringMatching(/^docs: unknown argument --chek\nusage: /)]);
  });
});

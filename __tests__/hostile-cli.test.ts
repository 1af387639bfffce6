/**
 * Hostile and careless input at the command lines: unknown or valueless arguments, broken synth output
 * (missing, empty, truncated, BOM-prefixed or array-shaped cdk.tf.json, a stack without resources), no git
 * on PATH, and an --out folder that does not exist. Usage errors exit 2 everywhere; findings exit 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StackModel } from '../synthesized/model';
import { main as review, parseArgs } from '../review/cli';
import { parseReportArgs } from '../review/report-cli';
import { explainSpawnError } from '../domain/missing-tool';
import { fixtureOutdir, fixtureStackDir } from './support/fixture';

const ROOT = join(__dirname, '..');
const node = (script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, ['-r', join(ROOT, 'tools', 'register.js'), join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...env, CHECKPOINT_DISABLE: '1' },
  });
const check = (...args: string[]) => node('guardrails/cli.ts', args);

/** A synth output holding dev's stack with its cdk.tf.json replaced by `text` (undefined: no file). */
function outputWith(text: string | undefined): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-cli-'));
  const stack = join(dir, 'stacks', 'identity-gateway-dev');
  mkdirSync(stack, { recursive: true });
  const file = join(stack, 'cdk.tf.json');
  if (text !== undefined) writeFileSync(file, text);
  return { dir, file };
}
const devText = () => readFileSync(join(fixtureStackDir('dev'), 'cdk.tf.json'), 'utf8');

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const track = <T extends { dir: string }>(o: T): T => (made.push(o.dir), o);

describe('npm run check and npm run rules: arguments', () => {
  test('fails with a usage error (exit 2) on an argument to npm run rules', () => {
    const r = node('guardrails/cli.ts', ['rules', '--json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('npm run rules takes no arguments, got --json');
    expect(r.stderr).toContain('usage: npm run check -- [--dir <synth output dir>] [--json]');
    expect(r.stdout).toBe('');
  });

  test('fails with a usage error saying --dir needs a value when it has none', () => {
    for (const args of [
      ['check', '--dir'],
      ['check', '--dir', '--json'],
    ]) {
      const r = check(...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--dir needs a value');
    }
  });

  test('fails with a usage error naming an unknown argument and what is allowed', () => {
    const r = check('check', '--strict');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^check: unknown argument --strict\nusage: npm run check -- \[--dir/);
  });
});

describe('broken synth output', () => {
  test('fails naming the file for empty, truncated, BOM-prefixed and array-shaped JSON', () => {
    const cases: [string, string, RegExp][] = [
      ['empty', '', /the file is empty/],
      ['truncated', devText().slice(0, 200), /not valid JSON \(truncated\?\)/],
      ['BOM', `\uFEFF${devText()}`, /starts with a byte-order mark/],
      ['array', '[]', /the top level is an array/],
    ];
    for (const [, text, why] of cases) {
      const { dir, file } = track(outputWith(text));
      expect(() => StackModel.loadDir(dir)).toThrow(file);
      expect(() => StackModel.loadDir(dir)).toThrow(why);
    }
  });

  test('fails (exit 2) naming a stack directory without cdk.tf.json, beside a good stack', () => {
    const { dir } = track(outputWith(devText()));
    mkdirSync(join(dir, 'stacks', 'identity-gateway-prod'));
    const r = check('check', '--dir', dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`Stack directory ${join(dir, 'stacks', 'identity-gateway-prod')} has no cdk.tf.json`);
  });

  test('fails (exit 2) on a stack directory alone without cdk.tf.json, naming it', () => {
    const { dir } = track(outputWith(undefined));
    const r = check('check', '--dir', join(dir, 'stacks', 'identity-gateway-dev'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`No synthesized stacks under ${join(dir, 'stacks', 'identity-gateway-dev')}`);
  });

  test('fails (exit 2) on a stack with no resources instead of reporting zero findings', () => {
    const { dir } = track(outputWith(JSON.stringify({ terraform: {}, provider: {} })));
    const r = check('check', '--dir', dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Stack identity-gateway-dev under');
    expect(r.stderr).toContain('has no resources');
  });
});

describe('npm run review, npm run report and npm run synth: arguments and exit codes', () => {
  const captured = (fn: () => number): { code: number; err: string } => {
    const err: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      return { code: fn(), err: err.join('') };
    } finally {
      spy.mockRestore();
      out.mockRestore();
    }
  };

  test('fails with exit 2 on review usage errors, like check', () => {
    expect(captured(() => review(['--base-dir'])).code).toBe(2);
    const unknown = captured(() => review(['--base-dir', 'x', '--verbose']));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('review: unknown argument --verbose\nusage: npm run review');
    expect(() => parseArgs(['--base', 'main', '--fail-on', 'weaken,everything'])).toThrow(
      '--fail-on everything: allowed weaken, replace, destroy, finding',
    );
  });

  test('fails with exit 2 naming the file when review reads broken JSON', () => {
    const { dir, file } = track(outputWith('{"resource": '));
    const r = captured(() => review(['--base-dir', fixtureOutdir(), '--head-dir', dir]));
    expect(r.code).toBe(2);
    expect(r.err).toContain(file);
  });

  test('GIVEN --out into a missing folder WHEN reviewing THEN the folder is created and the file written whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-out-'));
    made.push(dir);
    const out = join(dir, 'a', 'b', 'review.md');
    const r = captured(() => review(['--base-dir', fixtureOutdir(), '--head-dir', fixtureOutdir(), '--out', out]));
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('No changes to any synthesized stack.');
  });

  test('fails with a usage error on unknown or valueless npm run report arguments', () => {
    expect(parseReportArgs(['--out', 'r', '--dir', 'd'])).toEqual({ dir: 'd', out: 'r', synth: false });
    expect(() => parseReportArgs(['--format', 'pdf'])).toThrow('unknown argument --format');
    expect(() => parseReportArgs(['--dir'])).toThrow('--dir needs a value');
  });

  test('fails (exit 2) on an argument to npm run synth, synthesizing nothing', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'hostile-synth-'));
    made.push(outdir);
    const r = node('main.ts', ['--env', 'prod'], { ...process.env, CDKTF_OUTDIR: outdir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown argument --env: npm run synth takes no arguments');
    expect(() => StackModel.loadDir(outdir)).toThrow('No synthesized stacks');
  });

  test('fails with a clear sentence, not spawnSync git ENOENT, when git is not on PATH', () => {
    const r = node('review/cli.ts', ['--base', 'main'], { ...process.env, PATH: '/nonexistent' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('git is not installed or not on PATH (the review checks out the base ref with git)');
    const plain = new Error('boom');
    expect(explainSpawnError(plain, 'x')).toBe(plain);
  });
});

/**
 * Input nested or sized beyond reason (issue 13): a hostile cdk.tf.json given to check (or review, simulate,
 * report) and a hostile config are refused with a message naming the file or field and the limit, instead
 * of overflowing the stack inside a rule ("the rule failed to run") or a schema.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblems } from '../config/load';
import { tooDeepAt } from '../domain/nesting';
import { MAX_JSON_DEPTH, MAX_STACK_FILE_BYTES } from '../synthesized/limits';
import { StackModel } from '../synthesized/model';
import { synthesizedJson } from './support/fixture';
import { configFor, problemsOf } from './support/configs';

const ROOT = join(__dirname, '..');
let work: string;
beforeAll(() => (work = mkdtempSync(join(tmpdir(), 'hostile-limits-'))));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const nested = (levels: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};
/** JSON text of `levels` nested arrays (JSON.stringify itself overflows on such a value). */
const nestedText = (levels: number) => `${'['.repeat(levels)}"x"${']'.repeat(levels)}`;
const DEEP = '@deep@';
/**
 * A synth output whose dev stack is dev's JSON changed by `edit`, with the string DEEP written as 20,000
 * nested arrays; returns the directory and the file.
 */
function output(name: string, edit: (json: any) => void): { dir: string; file: string } {
  const dir = join(work, name);
  const stack = join(dir, 'stacks', 'identity-gateway-dev');
  mkdirSync(stack, { recursive: true });
  const json = synthesizedJson('dev') as any;
  edit(json);
  const file = join(stack, 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(json).replace(`"${DEEP}"`, nestedText(20_000)));
  return { dir, file };
}
const apiOf = (json: any) => Object.values(json.resource.aws_apigatewayv2_api)[0] as any;

describe('GIVEN a cdk.tf.json nested 20,000 levels deep', () => {
  test('fails npm run check with exit 2, naming the file, where the nesting is and the limit', () => {
    const { dir, file } = output('deep', (json) => (apiOf(json).tags = DEEP));
    const r = spawnSync(
      process.execPath,
      ['-r', join(ROOT, 'tools', 'register.js'), join(ROOT, 'guardrails', 'cli.ts'), 'check', '--dir', dir],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `check: ${file}: resource.aws_apigatewayv2_api.Gateway_43CB3636.tags[0][0][0][0]… is nested deeper than ` +
        `the limit of ${MAX_JSON_DEPTH} levels; expected a Terraform JSON object (run npm run synth)\n`,
    );
    expect(r.stdout).not.toContain('the rule failed to run');
  });

  test('fails for JSON text nested deep inside a string attribute (a policy document), which rules parse', () => {
    const { dir } = output('deep-string', (json) => (apiOf(json).body = nestedText(5_000)));
    expect(() => StackModel.loadDir(dir)).toThrow(
      /Gateway_43CB3636\.body is nested deeper than the limit of 64 levels/,
    );
  });

  test('loads a stack nested up to the limit', () => {
    const { dir } = output('at-limit', (json) => (apiOf(json).tags = nested(MAX_JSON_DEPTH - 4)));
    expect(StackModel.loadDir(dir)).toHaveLength(1);
  });
});

describe('GIVEN a cdk.tf.json over the size limit', () => {
  test('fails naming the file, its size and the limit, without reading it', () => {
    const { dir, file } = output('huge', () => undefined);
    truncateSync(file, MAX_STACK_FILE_BYTES + 1);
    expect(() => StackModel.loadDir(dir)).toThrow(
      `${file}: ${MAX_STACK_FILE_BYTES + 1} bytes is over the limit of ${MAX_STACK_FILE_BYTES}`,
    );
  });
});

describe('GIVEN a config nested 20,000 levels deep', () => {
  test.each([
    ['a tag value', (c: any) => (c.aws.tags.Owner = nested(20_000)), 'aws.tags.Owner[0][0][0][0][0]…'],
    ['an unknown field', (c: any) => (c.extra = nested(20_000)), 'extra[0][0][0][0][0][0][0]…'],
  ])('fails with one problem for %s, naming where and the limit', (_, edit, path) => {
    expect(formatProblems(problemsOf('dev', configFor('dev', edit)))).toBe(
      `[dev] ${path} = (not shown): nested deeper than the limit of 32 levels; nothing else was checked`,
    );
  });

  test('the depth is measured without recursion, strings holding JSON included', () => {
    expect(tooDeepAt(nested(1_000_000), 10)).toBe('[0][0][0][0][0][0][0][0]…');
    expect(tooDeepAt({ a: '{"b": [[1]], "c": "[[[[["}' }, 4)).toBeUndefined();
    expect(tooDeepAt({ a: '{"b": [[1]]}' }, 3)).toBe('a');
  });
});

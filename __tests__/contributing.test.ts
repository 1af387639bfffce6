/**
 * CONTRIBUTING.md's "Where to make a change" table stays true: every file or folder it names exists, and a
 * `<name>` placeholder stands in a folder that exists and holds files of that kind.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..');
const SECTION = '## Where to make a change';

/** The table rows of a markdown section: each row's cells. */
function tableOf(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const rest = markdown.slice(start + heading.length);
  const end = rest.search(/\n## /);
  return (end < 0 ? rest : rest.slice(0, end))
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) => line.split('|').slice(1, -1));
}

/** Code spans that name a path of the repository (they hold a slash or a file extension). */
function pathsIn(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]).filter((s) => /^[\w.<>-]+(\/[\w.<>-]+)+\/?$/.test(s));
}

/** Why a path named by the table does not exist, or undefined when it does. */
function missing(path: string): string | undefined {
  if (!path.includes('<')) return existsSync(join(ROOT, path)) ? undefined : `${path} does not exist`;
  const folder = dirname(path);
  const extension = path.slice(path.lastIndexOf('.'));
  if (!existsSync(join(ROOT, folder)) || !statSync(join(ROOT, folder)).isDirectory())
    return `${path}: its folder ${folder} does not exist`;
  const kin = readdirSync(join(ROOT, folder)).filter((f) => f.endsWith(extension));
  return kin.length > 0 ? undefined : `${path}: ${folder} holds no ${extension} file`;
}

describe('CONTRIBUTING.md, where to make a change', () => {
  const rows = tableOf(readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8'), SECTION);

  test('names the changes contributors make most: an authenticator, a guardrail, a config field, ...', () => {
    const changes = rows.map((r) => r[0].trim());
    for (const change of ['authenticator', 'guardrail', 'config field', 'review sentence', 'simulator rule'])
      expect(changes.some((c) => c.includes(change))).toBe(true);
  });

  test.each(rows.map((r) => [r[0].trim(), r] as const))(
    'GIVEN the row "%s" THEN every file it names exists',
    (_c, r) => {
      const paths = [...pathsIn(r[1]), ...pathsIn(r[2])];
      expect(paths.length).toBeGreaterThan(0);
      expect(paths.map(missing).filter((m) => m !== undefined)).toEqual([]);
    },
  );

  test('fails: a row naming a file that is gone, or a placeholder in a missing folder, is reported', () => {
    expect(missing('guardrails/rules/no-such-rule.ts')).toBe('guardrails/rules/no-such-rule.ts does not exist');
    expect(missing('guardrails/nowhere/<name>.ts')).toBe(
      'guardrails/nowhere/<name>.ts: its folder guardrails/nowhere does not exist',
    );
    expect(missing('guardrails/rules/<name>.ts')).toBeUndefined();
    expect(pathsIn('`npm run docs`, `config/schema.ts` (the shape), `the snapshots`')).toEqual(['config/schema.ts']);
  });
});

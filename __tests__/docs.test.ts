/**
 * README.md, CONTRIBUTING.md and docs/ stay true: the generated docs (configuration reference, rule
 * catalogue, example review comment, performance figures, and what CI needs: the Okta scopes and AWS
 * permissions per environment and the set-up procedure) equal what `npm run docs` writes, the
 * configuration reference covers exactly the schema's fields, every relative link resolves, and the
 * README stays short.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { environmentConfigShape } from '../config/schema';
import { configurationTable, fillRegions, GENERATED_DOCS, regenerate, ROOT } from '../tools/docs/generate';
import { descriptionAt, referenceGaps } from '../tools/docs/schema-fields';

const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('generated docs', () => {
  const results = GENERATED_DOCS.map((doc) => [doc.path, regenerate(doc)] as const);

  test.each(results)('GIVEN %s WHEN regenerated THEN it is unchanged', (_path, r) => {
    expect(r.generated).toBe(r.committed);
    expect(r.committed).toContain('<!-- generated:');
  });

  test('fails: a region a doc lacks is an error naming the doc and the region', () => {
    expect(() => fillRegions('docs/x.md', '# x\n', { rules: '' })).toThrow('docs/x.md: no region "rules"');
  });

  test('fails: a scope list missing scopes the stacks request (as docs/deploy-pipeline.md once did) is stale', () => {
    const doc = GENERATED_DOCS.find((d) => d.path === 'docs/deploy-pipeline.md')!;
    const { committed } = regenerate(doc);
    const stale = committed
      .split('`okta.behaviors.manage`, ')
      .join('')
      .split('`okta.deviceAssurance.manage`, ')
      .join('');
    expect(stale).not.toBe(committed);
    expect(fillRegions(doc.path, stale, doc.regions())).toBe(committed);
  });

  test('GIVEN a region WHEN filled THEN only its content changes', () => {
    const doc = 'a\n<!-- generated:r:start -->\nold\n<!-- generated:r:end -->\nb\n';
    const filled = 'a\n<!-- generated:r:start -->\nnew\n<!-- generated:r:end -->\nb\n';
    expect(fillRegions('d.md', doc, { r: 'new\n' })).toBe(filled);
  });
});

describe('the configuration reference', () => {
  const documented = [...read('docs/configuration.md').matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);

  test('documents every schema field (itself or through its parent) and names no field the schema lacks', () => {
    expect(documented.length).toBeGreaterThan(50);
    expect(referenceGaps(environmentConfigShape, documented)).toEqual({ undocumented: [], unknown: [] });
  });

  test('fails: a schema field without a row, and a row without a field, are both reported', () => {
    const schema = z.object({ a: z.object({ b: z.string(), c: z.array(z.object({ d: z.number() })) }) });
    expect(referenceGaps(schema, ['a.b', 'a.x'])).toEqual({ undocumented: ['a.c[].d'], unknown: ['a.x'] });
    expect(referenceGaps(schema, ['a'])).toEqual({ undocumented: [], unknown: [] });
  });

  test('GIVEN a field path WHEN looked up THEN its .describe() text is found through arrays, records, unions', () => {
    const schema = z.object({
      a: z.array(z.object({ b: z.string().optional().describe('the b') })),
      r: z.record(z.string(), z.object({ n: z.number() }).describe('an entry')),
      u: z.union([z.object({ x: z.string() }), z.object({ x: z.number().describe('the x') })]),
    });
    expect(descriptionAt(schema, 'a[].b')).toBe('the b');
    expect(descriptionAt(schema, 'r.<key>')).toBe('an entry');
    expect(descriptionAt(schema, 'u.x')).toBe('the x');
  });

  test('fails: a field without a .describe() text has none, and no field of the schema lacks one', () => {
    expect(descriptionAt(z.object({ a: z.string() }), 'a')).toBeUndefined();
    expect(descriptionAt(z.object({ a: z.string() }), 'b')).toBeUndefined();
    expect(documented.filter((f) => !descriptionAt(environmentConfigShape, f))).toEqual([]);
  });

  test('the generator refuses nothing for the current schema', () => {
    expect(configurationTable()).toMatch(/^\| Field \| Meaning \| Allowed \|/);
  });
});

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** The anchors of a markdown file's headings (outside code fences), duplicates numbered as GitHub does. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fence = false;
  for (const line of text.split('\n')) {
    if (/^(```|````)/.test(line)) fence = !fence;
    const m = !fence && /^#{1,6} (.+)$/.exec(line);
    if (!m) continue;
    const base = slug(m[1].replace(/`/g, ''));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

/** Relative links of a markdown file outside code fences: [text](target). */
function links(text: string): string[] {
  const prose = text.replace(/^(````|```)[\s\S]*?^\1/gm, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/.test(t));
}

describe('links', () => {
  test.each(DOCS)('every relative link in %s resolves to a file and, with a #fragment, to a heading', (doc) => {
    const broken = links(read(doc)).filter((target) => {
      const [path, fragment] = target.split('#');
      const file = path ? resolve(dirname(join(ROOT, doc)), path) : join(ROOT, doc);
      if (!existsSync(file)) return true;
      return fragment !== undefined && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(fragment);
    });
    expect(broken).toEqual([]);
  });

  test('fails: a link to a missing heading or file is found', () => {
    expect(anchors('# A b\n## `x`: y (z)\n## A b\n')).toEqual(new Set(['a-b', 'x-y-z', 'a-b-1']));
    expect(links('see [x](docs/a.md#b) and [y](https://e.com) `[z](q)`\n```\n[no](skip.md)\n```\n')).toEqual([
      'docs/a.md#b',
      'q',
    ]);
  });

  test('every doc under docs/ is linked from README.md or another doc', () => {
    const linked = new Set(
      DOCS.flatMap((doc) =>
        links(read(doc)).map((t) => relative(ROOT, resolve(dirname(join(ROOT, doc)), t.split('#')[0]))),
      ),
    );
    expect(DOCS.filter((d) => d.startsWith('docs/') && !linked.has(d))).toEqual([]);
  });
});

test('README.md stays an entry point: at most about 200 lines, and it names the set-up and test commands', () => {
  const readme = read('README.md');
  expect(readme.split('\n').length).toBeLessThanOrEqual(200);
  for (const command of ['npm ci', 'npm run synth', 'npm test']) expect(readme).toContain(`\n${command}\n`);
});

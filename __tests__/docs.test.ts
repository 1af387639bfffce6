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

/** Fenced blocks of a markdown file: their opening line, first line and whether a generated region holds them. */
function fences(text: string): { lang: string; first: string; generated: boolean }[] {
  const out: { lang: string; first: string; generated: boolean }[] = [];
  const lines = text.split('\n');
  let region = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^<!-- generated:[^:]+:start -->$/.test(lines[i])) region = true;
    if (/^<!-- generated:[^:]+:end -->$/.test(lines[i])) region = false;
    const open = /^(`{3,})(\S*)$/.exec(lines[i]);
    if (!open) continue;
    out.push({ lang: open[2], first: lines[i + 1] ?? '', generated: region });
    const close = lines.findIndex((l, j) => j > i && l === open[1]);
    i = close < 0 ? lines.length : close;
  }
  return out;
}

/** Blocks written by hand on purpose: commands, code and config to type, and drawings (by their first line). */
const INPUT_LANGUAGES = ['sh', 'ts', 'hcl', 'yaml'];
const DRAWINGS = [
  'main.ts, stacks/                    on top: one IdentityGatewayStack per environment, built from config',
  'config/environments/<env>.ts ──parse (collected errors)──► IdentityGatewayStack',
  'Okta System Log --okta_log_stream--> EventBridge partner source aws.partner/okta.com/<org>',
  "push to main, or a release tag vX.Y.Z at main's tip",
];

describe('example outputs', () => {
  test.each(DOCS.filter((d) => d !== 'CONTRIBUTING.md'))(
    'GIVEN %s WHEN its fenced blocks are read THEN every output shown is generated by the tool it documents',
    (doc) => {
      const handWritten = fences(read(doc)).filter(
        (f) => !f.generated && !INPUT_LANGUAGES.includes(f.lang) && !DRAWINGS.some((d) => f.first.startsWith(d)),
      );
      expect(handWritten.map((f) => `${f.lang || '(plain)'}: ${f.first}`)).toEqual([]);
    },
  );

  test('fails: a pasted output block outside a generated region is found', () => {
    const doc = '```text\nDENY (401)\n```\n<!-- generated:x:start -->\n```text\nALLOW\n```\n<!-- generated:x:end -->\n';
    expect(fences(doc)).toEqual([
      { lang: 'text', first: 'DENY (401)', generated: false },
      { lang: 'text', first: 'ALLOW', generated: true },
    ]);
  });

  test('GIVEN the docs WHEN they show a simulate command THEN it names the environment (--env is required)', () => {
    const commands = DOCS.flatMap((doc) => [...read(doc).matchAll(/npm run simulate -- ([^`\n]*)/g)].map((m) => m[1]));
    expect(commands.length).toBeGreaterThan(3);
    expect(commands.filter((c) => !/--env /.test(c))).toEqual([]);
  });

  test('GIVEN README.md WHEN its command table is read THEN every command row is in the one table', () => {
    const lines = read('README.md').split('\n');
    const start = lines.indexOf('| Command | What it does |');
    const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
    const rows = lines.filter((l) => l.startsWith('| `npm run') || l.startsWith('| `npx '));
    expect(rows.length).toBeGreaterThan(8);
    expect(rows.every((r) => lines.indexOf(r) > start && lines.indexOf(r) < end)).toBe(true);
  });
});

test('README.md stays an entry point: at most about 200 lines, and it names the set-up and test commands', () => {
  const readme = read('README.md');
  expect(readme.split('\n').length).toBeLessThanOrEqual(200);
  for (const command of ['npm ci', 'npm run synth', 'npm test']) expect(readme).toContain(`\n${command}\n`);
});

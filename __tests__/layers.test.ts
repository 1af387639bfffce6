/**
 * The layering (eslint.config.mjs): each layer imports only the layers below it, only constructs/ and
 * stacks/ load cdktf, and nobody imports a provider package's barrel. Runs ESLint's API on snippets in a
 * child process (the flat config is an ES module, which jest's module system does not load). Also the line
 * length limit (120 columns) that keeps every line readable in a diff, and no import circles between the
 * project's own modules.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..');

/** A snippet linted as if it were the file at `file` (relative to the project root). */
interface Snippet {
  readonly file: string;
  readonly code: string;
}

/** A file importing `what` from each module, and using it. */
const snippet = (file: string, ...imports: [what: string, from: string][]): Snippet => ({
  file,
  code:
    imports.map(([what, from]) => `import { ${what} } from '${from}';\n`).join('') +
    `export const used = [${imports.map(([what]) => what).join(', ')}];\n`,
});

/** A module of one line, exactly `length` characters long, ending with `tail`. */
const lineOf = (file: string, length: number, tail = ''): Snippet => {
  const [head, end] = ["export const line = '", `${tail}';`];
  return { file, code: `${head}${'x'.repeat(length - head.length - end.length)}${end}\n` };
};

/** A module with one function whose body is `lines` lines long (the function, with its head and end, 2 more). */
const functionOf = (file: string, lines: number): Snippet => {
  const body = ['  const a: number[] = [];', ...Array<string>(lines - 2).fill('  a.push(1);'), '  return a;'];
  return { file, code: ['export function f(): number[] {', ...body, '}', ''].join('\n') };
};

const SNIPPETS = {
  domainImportsConstruct: snippet('domain/okta/x.ts', ['OktaGroups', '../../constructs/okta/groups']),
  domainImportsCdktf: snippet('domain/x.ts', ['Token', 'cdktf']),
  configImportsConstruct: snippet('config/x.ts', ['SYSTEM_SCOPES', '../constructs/okta/authorization-server']),
  guardrailImportsConfig: snippet('guardrails/rules/x.ts', ['EVERYONE', '../../config/schema']),
  synthesizedImportsGuardrails: snippet('synthesized/x.ts', ['ALL_RULES', '../guardrails/catalogue']),
  simulatorImportsReview: snippet('simulator/x.ts', ['viewOf', '../review/view']),
  releaseImportsStacks: snippet('release/x.ts', ['buildApp', '../stacks/app']),
  stackImportsProviderRoot: snippet('stacks/x.ts', ['provider', '@cdktf/provider-aws']),
  testImportsProviderRoot: snippet('__tests__/x.test.ts', ['group', '@cdktf/provider-okta']),
  benchImportsTests: snippet('bench/x.ts', ['startStandIn', '../__tests__/support/okta-stand-in']),
  toolImportsTests: snippet('tools/docs/x.ts', ['synthesizedJson', '../../__tests__/support/fixture']),
  toolImportsProviderRoot: snippet('tools/x.ts', ['provider', '@cdktf/provider-aws']),
  benchUsesToolsAndLayers: snippet(
    'bench/x.ts',
    ['startStandIn', '../tools/okta-stand-in'],
    ['StackModel', '../synthesized/model'],
  ),
  guardrailReadsSynthesized: snippet(
    'guardrails/rules/x.ts',
    ['SYSTEM_SCOPES', '../../domain/oauth-clients'],
    ['str', '../../synthesized/facts'],
  ),
  constructUsesDeepProviderPath: snippet(
    'constructs/okta/x.ts',
    ['Group', '@cdktf/provider-okta/lib/group'],
    ['ROUTE_KEY', '../../domain/route-keys'],
  ),
  stackUsesEveryLayer: snippet(
    'stacks/x.ts',
    ['loadEnvironmentConfig', '../config/load'],
    ['StackModel', '../synthesized/model'],
  ),
  tsLine121: lineOf('domain/x.ts', 121),
  mjsLine121: lineOf('x.mjs', 121),
  tsLine120: lineOf('domain/x.ts', 120),
  urlLine130: lineOf('domain/x.ts', 130, ' https://github.com/okta/terraform-provider-okta'),
  function121: functionOf('review/x.ts', 119),
  function120: functionOf('review/x.ts', 118),
  environmentFunction121: functionOf('config/environments/x.ts', 119),
} satisfies Record<string, Snippet>;
type Name = keyof typeof SNIPPETS;

const LINT = `
const { ESLint } = require('eslint');
const snippets = JSON.parse(process.argv[1]);
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = {};
  for (const [name, s] of Object.entries(snippets)) {
    const [r] = await eslint.lintText(s.code, { filePath: s.file });
    out[name] = r.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
  }
  process.stdout.write(JSON.stringify(out));
})();`;

let messages: Record<Name, { rule: string | null; message: string }[]>;

beforeAll(() => {
  // GIVEN every snippet, WHEN ESLint lints each with the project's config
  const r = spawnSync(process.execPath, ['-e', LINT, JSON.stringify(SNIPPETS)], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ESLint did not run: ${r.stderr}`);
  messages = JSON.parse(r.stdout);
});

const restricted = (name: Name) =>
  messages[name].filter((m) => m.rule === 'no-restricted-imports').map((m) => m.message);

test.each([
  ['domain/ imports a construct', 'domainImportsConstruct', /domain\/ may import only domain/],
  ['domain/ loads cdktf', 'domainImportsCdktf', /only constructs\/ and stacks\/ use them/],
  ['config/ imports a construct (would load bindings)', 'configImportsConstruct', /config\/ may import only domain,/],
  ['a guardrail reads the config, not the synthesized JSON', 'guardrailImportsConfig', /guardrails\/ may import only/],
  ['synthesized/ imports the guardrails above it', 'synthesizedImportsGuardrails', /synthesized\/ may import only/],
  ['the simulator imports the review above it', 'simulatorImportsReview', /simulator\/ may import only/],
  ['release/ imports stacks/', 'releaseImportsStacks', /release\/ may import only/],
  ['a stack imports the AWS provider barrel', 'stackImportsProviderRoot', /deep path/],
  ['a test imports the Okta provider barrel', 'testImportsProviderRoot', /deep path/],
  ['the bench imports a test helper', 'benchImportsTests', /do not import the tests: move what both need/],
  ['a tool imports a test helper', 'toolImportsTests', /do not import the tests/],
  ['a tool imports the AWS provider barrel', 'toolImportsProviderRoot', /deep path/],
] as const)('fails: %s', (_what, name, expected) => {
  // THEN the import is refused with a message naming what the layer may import
  expect(restricted(name)).toEqual([expect.stringMatching(expected)]);
});

test.each([
  ['a guardrail reads domain/ and synthesized/', 'guardrailReadsSynthesized'],
  ['a construct uses a deep provider path and domain/', 'constructUsesDeepProviderPath'],
  ['a stack composes config/ and synthesized/', 'stackUsesEveryLayer'],
  ['the bench uses tools/ (the Okta stand-in) and a layer', 'benchUsesToolsAndLayers'],
] as const)('%s: no finding at all', (_what, name) => {
  expect(messages[name]).toEqual([]);
});

describe('line length: at most 120 columns (max-len, as Biome formats)', () => {
  test.each([
    ['a .ts file', 'tsLine121'],
    ['an .mjs file', 'mjsLine121'],
  ] as const)('fails: GIVEN a 121-character line in %s THEN lint refuses it, naming the length', (_what, name) => {
    expect(SNIPPETS[name].code.split('\n')[0]).toHaveLength(121);
    expect(messages[name]).toEqual([
      { rule: 'max-len', message: 'This line has a length of 121. Maximum allowed is 120.' },
    ]);
  });

  test.each([
    ['a 120-character line', 'tsLine120', 120],
    ['a longer line holding a URL', 'urlLine130', 130],
  ] as const)('GIVEN %s THEN lint has no finding', (_what, name, length) => {
    expect(SNIPPETS[name].code.split('\n')[0]).toHaveLength(length);
    expect(messages[name]).toEqual([]);
  });
});

describe('function length: at most 120 lines (max-lines-per-function), config/environments/ excepted', () => {
  test('fails: GIVEN a function of 121 lines THEN lint refuses it, naming the length', () => {
    expect(SNIPPETS.function121.code.trim().split('\n')).toHaveLength(121);
    expect(messages.function121).toEqual([
      {
        rule: 'max-lines-per-function',
        message: "Function 'f' has too many lines (121). Maximum allowed is 120.",
      },
    ]);
  });

  test.each([
    ['a function of 120 lines', 'function120'],
    ['a function of 121 lines in an environment config', 'environmentFunction121'],
  ] as const)('GIVEN %s THEN lint has no finding', (_what, name) => {
    expect(messages[name]).toEqual([]);
  });
});

/** The project's source folders (every layer and the tools above them) and main.ts. */
const SOURCES = ['domain', 'constructs', 'config', 'synthesized', 'simulator', 'guardrails', 'review', 'release'];
const TOP_SOURCES = ['stacks', 'bench', 'tools'];

/** Every .ts file below `dir`, relative to the root. */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The relative module specifiers a source text imports or re-exports, type-only ones included. */
const specifiersOf = (text: string): string[] =>
  [...text.matchAll(/(?:^\s*(?:import|export)\b[^;]*?\bfrom\s*|^\s*import\s*)'(\.{1,2}\/[^']*)'/gm)].map((m) => m[1]);

/** The project files each file imports (relative specifiers resolved to .ts files or index.ts). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  return new Map(
    files.map((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const targets = specifiersOf(text).flatMap((spec) => {
        const target = resolve(ROOT, dirname(file), spec);
        const found = [`${target}.ts`, join(target, 'index.ts')].find((f) => existsSync(f));
        return found ? [relative(ROOT, found)] : [];
      });
      return [file, targets];
    }),
  );
}

/** The circles of an import graph: each strongly connected set of two or more files, as `a -> b -> ...`. */
function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const circles: string[] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const members = stack.splice(stack.indexOf(v));
    if (members.length > 1) circles.push(members.sort().join(' -> '));
  };
  for (const f of graph.keys()) if (!index.has(f)) visit(f);
  return circles.sort();
}

describe('import circles', () => {
  test('fails: GIVEN two modules that import each other (one by a type-only import) THEN the circle is found', () => {
    const schema = "import { z } from 'zod';\nimport { hostileInputRules } from './hostile';\n";
    const hostile =
      "import type {\n  EnvironmentConfig,\n} from './schema';\nexport * from './text';\nimport './side-effect';\n" +
      "export const DIR = '../lambda';\n";
    expect(specifiersOf(schema)).toEqual(['./hostile']);
    expect(specifiersOf(hostile)).toEqual(['./schema', './text', './side-effect']);
    const graph = new Map([
      ['config/schema.ts', ['config/hostile.ts']],
      ['config/hostile.ts', ['config/schema.ts', 'config/text.ts']],
      ['config/load.ts', ['config/schema.ts']],
    ]);
    expect(importCircles(graph)).toEqual(['config/hostile.ts -> config/schema.ts']);
  });

  test('GIVEN the source folders THEN no module imports one that imports it back', () => {
    const files = [...[...SOURCES, ...TOP_SOURCES].flatMap(sourceFiles), 'main.ts'];
    expect(importCircles(importGraph(files))).toEqual([]);
    expect(files).toContain('synthesized/declarations.ts');
  });
});

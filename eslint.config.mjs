// ESLint flat config: typescript-eslint's recommended (type-unaware) rules plus the layer rules.
// Layers, bottom up; each imports only the layers listed before it (see CONTRIBUTING.md, Layers).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Layer directory -> the project directories it may import from (besides itself). */
export const LAYERS = {
  domain: [],
  constructs: ['domain'],
  config: ['domain'],
  synthesized: ['domain'],
  simulator: ['domain', 'synthesized'],
  guardrails: ['domain', 'synthesized', 'simulator'],
  review: ['domain', 'synthesized', 'guardrails', 'simulator'],
  release: ['domain', 'synthesized', 'guardrails', 'simulator', 'review'],
  stacks: ['domain', 'constructs', 'config', 'synthesized', 'guardrails', 'simulator', 'review', 'release'],
};
/** Directories above every layer (they may import any layer, nothing imports them). */
const TOP = ['bench', 'tools', '__tests__', 'main'];
/**
 * The top directories that ship tools (not tests): they never import __tests__/. What both the tests and a tool need
 * (the Okta API stand-in the preflight benchmark runs against) lives in tools/.
 */
const TOOLS = ['bench', 'tools', 'main'];
/** Layers that may load cdktf, constructs and the provider bindings. */
const CDKTF_LAYERS = ['constructs', 'stacks'];

const PROVIDER_ROOTS = {
  regex: '^@cdktf/provider-(aws|okta)(/lib)?(/index(\\.js)?)?$',
  message: 'Import provider classes by deep path (@cdktf/provider-aws/lib/<resource>): the barrel loads for seconds.',
};
const CDKTF = {
  regex: '^(cdktf|constructs|@cdktf/.*)$',
  message: 'This layer works without cdktf and the provider bindings; only constructs/ and stacks/ use them.',
};

/** A relative import that reaches into one of `dirs`. */
const into = (dirs) => `^\\.{1,2}/(\\.\\./)*(${dirs.join('|')})(/|$)`;

/** The tools above every layer: any layer and each other, never the tests. */
const TOOL_RESTRICTIONS = [
  'error',
  {
    patterns: [
      PROVIDER_ROOTS,
      {
        regex: into(['__tests__']),
        message: 'bench/, tools/ and main.ts do not import the tests: move what both need into tools/.',
      },
    ],
  },
];

function restrictions(layer) {
  const allowed = LAYERS[layer] ?? [];
  const others = [...Object.keys(LAYERS), ...TOP].filter((d) => d !== layer && !allowed.includes(d));
  const patterns = [PROVIDER_ROOTS];
  if (LAYERS[layer] && others.length > 0) {
    patterns.push({ regex: into(others), message: `${layer}/ may import only ${[...allowed, layer].join(', ')}.` });
  }
  if (LAYERS[layer] && !CDKTF_LAYERS.includes(layer)) patterns.push(CDKTF);
  return ['error', { patterns }];
}

/**
 * No function longer than 120 lines (blank lines and comments not counted): a longer one holds several
 * concerns, which get a function each. The environments' config data (config/environments/) and the tests'
 * describe blocks are lists, not logic, and are left out.
 */
const MAX_FUNCTION_LINES = ['error', { max: 120, skipBlankLines: true, skipComments: true }];

/** Every line fits in 120 columns (the formatter's width, biome.json); only a line holding a URL may be longer. */
const MAX_LEN = ['error', { code: 120, ignoreUrls: true }];

const TS = ['**/*.ts'];

export default tseslint.config(
  // lambda/ is the deployed asset (its bytes are the artifact): not reformatted, not linted.
  { ignores: ['node_modules/**', 'cdktf.out/**', '.gen/**', 'coverage/**', 'lambda/**'] },
  // The .js/.mjs files (this config, jest's, the loaders) get the line length rule only.
  { files: ['**/*.ts', '**/*.js', '**/*.mjs'], rules: { 'max-len': MAX_LEN } },
  { ...js.configs.recommended, files: TS },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: config.files ?? TS })),
  {
    files: TS,
    rules: {
      'no-restricted-imports': restrictions(undefined),
      // Parsed JSON (cdk.tf.json, plans, records) is typed at the boundary with `any` on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: TS,
    ignores: ['config/environments/**', '__tests__/**'],
    rules: { 'max-lines-per-function': MAX_FUNCTION_LINES },
  },
  ...Object.keys(LAYERS).map((layer) => ({
    files: [`${layer}/**/*.ts`],
    rules: { 'no-restricted-imports': restrictions(layer) },
  })),
  {
    files: TOOLS.map((d) => (d === 'main' ? 'main.ts' : `${d}/**/*.ts`)),
    rules: { 'no-restricted-imports': TOOL_RESTRICTIONS },
  },
);

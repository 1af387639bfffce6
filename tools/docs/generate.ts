/**
 * The generated parts of docs/: each doc keeps its prose in markdown and marks the regions this module
 * writes (`<!-- generated:<name>:start -->` ... `<!-- generated:<name>:end -->`). `npm run docs` rewrites
 * them; `npm run docs -- --check` (and __tests__/docs.test.ts) fails when a committed doc differs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../../config/environments';
import type { EnvironmentConfigInput } from '../../config/schema';
import { environmentConfigShape } from '../../config/schema';
import { rulesMarkdown } from '../../guardrails/catalogue';
import { StackModel } from '../../synthesized/model';
import { renderMarkdown } from '../../review/markdown';
import { reviewStacks } from '../../review/review';
import { buildApp } from '../../stacks/app';
import { performanceTable, type BenchResults } from '../../bench/report';
import { awsPermissions, ciSetupProcedure, oktaScopesTable, readStacks } from './ci-setup';
import { CONFIGURATION_FIELDS } from './configuration-fields';
import {
  configErrors,
  lockOutError,
  matrixContextList,
  promoteRefusal,
  rollbackExample,
  simulatorExamples,
  statusOffline,
} from './examples';
import { descriptionAt, referenceGaps } from './schema-fields';

export const ROOT = join(__dirname, '..', '..');

/** A generated doc: its path under the project root and the content of each generated region. */
export interface GeneratedDoc {
  readonly path: string;
  readonly regions: () => Readonly<Record<string, string>>;
}

const markers = (name: string) => [`<!-- generated:${name}:start -->\n`, `<!-- generated:${name}:end -->`] as const;

/** Replaces each region's content; a region missing from the text is an error naming the file. */
export function fillRegions(path: string, text: string, regions: Readonly<Record<string, string>>): string {
  return Object.entries(regions).reduce((doc, [name, content]) => {
    const [start, end] = markers(name);
    const from = doc.indexOf(start);
    const to = doc.indexOf(end, from);
    if (from < 0 || to < 0) throw new Error(`${path}: no region "${name}" (${start.trim()} ... ${end})`);
    return doc.slice(0, from + start.length) + content + doc.slice(to);
  }, text);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/**
 * The configuration reference table: each field's meaning is its `.describe()` text in the schema, what
 * is allowed comes from tools/docs/configuration-fields.ts. Refuses a row the schema lacks, a schema
 * field no row covers and a row whose field has no description.
 */
export function configurationTable(): string {
  const { undocumented, unknown } = referenceGaps(
    environmentConfigShape,
    CONFIGURATION_FIELDS.map((f) => f.field),
  );
  const meaning = (field: string) => descriptionAt(environmentConfigShape, field);
  const described = CONFIGURATION_FIELDS.map((f) => ({ ...f, meaning: meaning(f.field) }));
  const undescribed = described.filter((f) => !f.meaning).map((f) => f.field);
  if (undocumented.length || unknown.length || undescribed.length) {
    throw new Error(
      'tools/docs/configuration-fields.ts does not match config/schema.ts: ' +
        `undocumented fields [${undocumented.join(', ')}], fields the schema lacks [${unknown.join(', ')}], ` +
        `fields without a .describe() text [${undescribed.join(', ')}]`,
    );
  }
  const rows = described.map((f) => `| \`${f.field}\` | ${cell(f.meaning!)} | ${cell(f.allowed)} |`);
  return ['| Field | Meaning | Allowed |', '| --- | --- | --- |', ...rows, ''].join('\n');
}

type Managed = EnvironmentConfigInput & { identity: Extract<EnvironmentConfigInput['identity'], { mode: 'managed' }> };
type Env = keyof typeof ENVIRONMENTS;

/**
 * The example pull request of docs/reviewing.md: staging's MFA back to the pilot wave and its users'
 * access tokens twice as long; in dev the mobile app's key renamed and the phone authenticator turned off
 * (docs/releases.md rolls that back); in prod `GET /orders` narrowed and a new route `GET /reports` whose
 * scope the users' access rule now grants.
 */
export const EXAMPLE_CHANGES: Readonly<Record<Env, (c: Managed) => void>> = {
  dev: (c) => {
    c.identity.apps!.find((a) => a.key === 'mobile')!.key = 'mobile-app';
    for (const p of c.identity.accessPolicies) p.clients = p.clients.map((k) => (k === 'mobile' ? 'mobile-app' : k));
    c.identity.mfa!.authenticators.phone = { status: 'INACTIVE', enrollment: 'NOT_ALLOWED' };
  },
  staging: (c) => {
    c.identity.mfa!.rollout.currentPhase = 'pilot';
    const users = c.identity.accessPolicies.flatMap((p) => p.rules).find((r) => r.name === 'Users')!;
    users.accessTokenLifetimeMinutes *= 2;
  },
  prod: (c) => {
    c.gateway.routes.find((r) => r.routeKey === 'GET /orders')!.scopes = ['orders:write'];
    c.gateway.routes.push({
      routeKey: 'GET /reports',
      scopes: ['reports:read'],
      integration: { type: 'http', url: 'https://orders.example.com/reports', method: 'GET' },
    });
    c.identity.accessPolicies
      .flatMap((p) => p.rules)
      .find((r) => r.name === 'Users')!
      .scopes.push('reports:read');
  },
};

/** Synthesizes configs into a fresh directory (returned), at a release version (0.0.0 unless told). */
function synthesize(work: string, name: string, environments: Record<string, unknown>, version = '0.0.0'): string {
  const built = buildApp({ environments, version, outdir: join(work, name) });
  if (built.problems.length) throw new Error(`example configs do not parse: ${JSON.stringify(built.problems)}`);
  built.app.synth();
  return join(work, name);
}

let defaults: string | undefined;
/** The default environments synthesized once per process, for every region that reads them. */
function defaultsOutdir(): string {
  if (!defaults) {
    const work = mkdtempSync(join(tmpdir(), 'docs-defaults-'));
    process.on('exit', () => rmSync(work, { recursive: true, force: true }));
    defaults = synthesize(work, 'defaults', { ...ENVIRONMENTS });
  }
  return defaults;
}

let head: string | undefined;
/** The example pull request's head synthesized once per process (see EXAMPLE_CHANGES). */
function exampleHeadOutdir(): string {
  if (!head) {
    const work = mkdtempSync(join(tmpdir(), 'docs-review-'));
    process.on('exit', () => rmSync(work, { recursive: true, force: true }));
    const environments = Object.fromEntries(
      (Object.keys(ENVIRONMENTS) as Env[]).map((e) => [e, exampleConfigs(e).head]),
    );
    head = synthesize(work, 'head', environments);
  }
  return head;
}

/** The configs of the example pull request's base (the defaults) and head (EXAMPLE_CHANGES). */
function exampleConfigs(env: Env): { readonly base: Managed; readonly head: Managed } {
  const head = structuredClone(ENVIRONMENTS[env]) as Managed;
  EXAMPLE_CHANGES[env](head);
  return { base: structuredClone(ENVIRONMENTS[env]) as Managed, head };
}

/**
 * dev released as 1.0.0 (the defaults) and as 1.1.0 (the example pull request), for the rollback example: the
 * release tools check the version written in each stack against the one they are told.
 */
function rollbackOutdirs(): { readonly current: string; readonly target: string } {
  const work = mkdtempSync(join(tmpdir(), 'docs-rollback-'));
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  const { base, head } = exampleConfigs('dev');
  return {
    current: synthesize(work, 'v1.1.0', { dev: head }, '1.1.0'),
    target: synthesize(work, 'v1.0.0', { dev: base }, '1.0.0'),
  };
}

/** The review comment of the example pull request, rendered as CI posts it. */
export function exampleReviewComment(): string {
  const review = reviewStacks(StackModel.loadDir(defaultsOutdir()), StackModel.loadDir(exampleHeadOutdir()), {
    base: 'base-synth',
    head: 'pr-synth',
  });
  return `\`\`\`\`markdown\n${renderMarkdown(review)}\`\`\`\`\n`;
}

const benchResults = (): BenchResults => JSON.parse(readFileSync(join(ROOT, 'bench', 'results.json'), 'utf8'));

/** Every generated doc. */
export const GENERATED_DOCS: readonly GeneratedDoc[] = [
  { path: 'docs/configuration.md', regions: () => ({ 'configuration-reference': configurationTable() }) },
  { path: 'docs/rules.md', regions: () => ({ rules: rulesMarkdown() }) },
  { path: 'docs/reviewing.md', regions: () => ({ 'review-example': exampleReviewComment() }) },
  {
    path: 'docs/simulator.md',
    regions: () => ({ ...simulatorExamples(defaultsOutdir()), 'matrix-contexts': matrixContextList(defaultsOutdir()) }),
  },
  { path: 'docs/mfa-adaptive.md', regions: () => ({ 'matrix-contexts': matrixContextList(defaultsOutdir()) }) },
  {
    path: 'docs/releases.md',
    regions: () => ({
      'status-offline': statusOffline(defaultsOutdir()),
      'promote-refusal': promoteRefusal(),
      ...(({ current, target }) => rollbackExample(current, target))(rollbackOutdirs()),
    }),
  },
  { path: 'docs/configuration.md', regions: () => ({ 'config-errors': configErrors() }) },
  { path: 'docs/mfa-playbook.md', regions: () => ({ 'lockout-error': lockOutError() }) },
  { path: 'docs/performance.md', regions: () => ({ figures: performanceTable(benchResults()) }) },
  {
    path: 'docs/deploy-pipeline.md',
    regions: () => {
      const stacks = readStacks(defaultsOutdir());
      return {
        'okta-scopes': oktaScopesTable(stacks),
        'aws-permissions': awsPermissions(stacks),
        'ci-setup': ciSetupProcedure(stacks, join(ROOT, '.github', 'workflows')),
      };
    },
  },
];

/** A doc as the generator writes it, from the committed file's prose. */
export function regenerate(doc: GeneratedDoc): { committed: string; generated: string } {
  const committed = readFileSync(join(ROOT, doc.path), 'utf8');
  return { committed, generated: fillRegions(doc.path, committed, doc.regions()) };
}

/**
 * The full access matrix of a generated configuration (the benchmark's generator at 200 routes, 40 apps and
 * 20 groups in two rollout waves): every cell is computed and the intended ones hold. The 1,000-route
 * matrix and the time it takes are the benchmark's business (bench/run.ts, budget 2 s); this test checks
 * the cells, at a size that keeps every kind of row (generated user apps and jobs, defaults, seven contexts)
 * without paying for the 1,000-route synth on every test run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConfig } from '../bench/generate';
import { StackModel } from '../synthesized/model';
import { matrixContexts } from '../simulator/context';
import { AccessMatrix, CLIENT } from '../simulator/matrix';
import { buildApp } from '../stacks/app';
import { viewOf } from '../review/view';

/** 30 user-facing apps (one generated group each) and 10 jobs: every fourth generated app is a service. */
const SPEC = { routes: 200, apps: 40, groups: 20 };
const USER_APPS = 30;
const JOBS = 10;
let work: string;
let model: StackModel;
let matrix: AccessMatrix;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'simulator-scale-'));
  const built = buildApp({
    environments: { prod: generateConfig(SPEC) },
    version: '0.0.0-bench',
    outdir: work,
  });
  expect(built.problems).toEqual([]);
  built.app.synth();
  [model] = StackModel.loadDir(work);
  matrix = new AccessMatrix(model, matrixContexts([model]));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const generated = (key: string) => /^app-\d+$/.test(key);

test('GIVEN the generated config WHEN the full matrix is computed THEN it has a cell for every row and route', () => {
  expect(matrix.routes).toHaveLength(SPEC.routes);
  // 7 contexts (ordinary, blocked country, Tor, HIGH risk, unmanaged, failing device, anomaly) x (generated
  // user apps with one group each + generated jobs + 6 default rows).
  const rows = USER_APPS + JOBS + 6;
  expect(matrix.rows).toHaveLength(7 * rows);
  const cells = matrix.rows.reduce((n, r) => n + matrix.rowCells(r).length, 0);
  expect(cells).toBe(7 * rows * SPEC.routes);
});

test(
  'GIVEN generated teams outside the enforced waves WHEN they ' +
    'sign in ordinarily THEN every route opens with one factor',
  () => {
    const rows = matrix.rows.filter((r) => r.context.key === 'ordinary' && generated(r.app.key) && r.group !== CLIENT);
    expect(rows).toHaveLength(USER_APPS);
    for (const row of rows) {
      expect(row.signIn).toMatchObject({ decision: 'allow', signIn: 'password' });
      expect(matrix.rowCells(row).every((c) => c.decision === 'allow')).toBe(true);
    }
  },
);

test('fails: GIVEN a blocked country or Tor WHEN generated teams or jobs call THEN no route opens', () => {
  // The generated config is prod's: its blocklist zones are org-wide, so even client_credentials jobs
  // (which sign-on policies never see) are refused.
  expect(matrix.sim.zones.some((z) => z.usage === 'BLOCKLIST')).toBe(true);
  for (const row of matrix.rows.filter(
    (r) => ['blocked-country', 'tor'].includes(r.context.key) && generated(r.app.key),
  )) {
    const open = matrix.rowCells(row).filter((c) => c.decision === 'allow').length;
    expect(open).toBe(0);
  }
});

test(
  'GIVEN the default admin console WHEN the generated routes ' +
    'are checked THEN its token carries none of their scopes (403)',
  () => {
    const admin = matrix.rows.find((r) => r.context.key === 'ordinary' && r.app.key === 'admin-console')!;
    expect(new Set(matrix.rowCells(admin).map((c) => `${c.decision} ${c.status}`))).toEqual(new Set(['deny 403']));
  },
);

test('GIVEN the generated stack WHEN the review reads it THEN it sees the apps, routes and zones of the matrix', () => {
  const view = viewOf(model);
  const byKey = <T>(xs: readonly T[], key: (x: T) => string) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
  const apps = (xs: readonly { key: string; label: string; type: string; groups: readonly string[] }[]) =>
    byKey(xs, (a) => a.key).map(({ key, label, type, groups }) => ({ key, label, type, groups }));
  expect(apps(view.apps)).toEqual(apps(matrix.sim.apps));
  expect(view.apps.length).toBeGreaterThan(SPEC.apps);
  const routes = (xs: readonly { routeKey: string; authorizationType: string; scopes: readonly string[] }[]) =>
    byKey(xs, (r) => r.routeKey).map(({ routeKey, authorizationType, scopes }) => ({
      routeKey,
      authorizationType,
      scopes,
    }));
  expect(routes(view.routes)).toEqual(routes(matrix.routes));
  expect(view.mfa.networkZones.map((z) => [z.name, z.type, z.usage, z.status])).toEqual(
    matrix.sim.zones.map((z) => [z.name, z.type, z.usage, z.status]),
  );
});

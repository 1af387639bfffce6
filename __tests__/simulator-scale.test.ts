/**
 * The full access matrix of the benchmark's 1,000-route configuration (200 apps, 50 groups): every cell
 * is computed and the intended ones hold. The time it takes is the benchmark's business (bench/run.ts,
 * budget 2 s); this test does not time itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConfig } from '../bench/generate';
import { StackModel } from '../synthesized/model';
import { matrixContexts } from '../simulator/context';
import { AccessMatrix, CLIENT } from '../simulator/matrix';
import { buildApp } from '../stacks/app';

let work: string;
let matrix: AccessMatrix;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'simulator-scale-'));
  const built = buildApp({
    environments: { prod: generateConfig({ routes: 1000, apps: 200, groups: 50 }) },
    version: '0.0.0-bench',
    outdir: work,
  });
  expect(built.problems).toEqual([]);
  built.app.synth();
  const [model] = StackModel.loadDir(work);
  matrix = new AccessMatrix(model, matrixContexts([model]));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const generated = (key: string) => /^app-\d+$/.test(key);

test('GIVEN the 1,000-route config WHEN the full matrix is computed THEN it has a cell for every row and route', () => {
  expect(matrix.routes).toHaveLength(1000);
  // 7 contexts (ordinary, blocked country, Tor, HIGH risk, unmanaged, failing device, anomaly) x (150 generated
  // user apps with one group each + 50 generated jobs + 6 default rows).
  expect(matrix.rows).toHaveLength(7 * (150 + 50 + 6));
  const cells = matrix.rows.reduce((n, r) => n + matrix.rowCells(r).length, 0);
  expect(cells).toBe(7 * 206 * 1000);
});

test(
  'GIVEN generated teams outside the enforced waves WHEN they ' +
    'sign in ordinarily THEN every route opens with one factor',
  () => {
    const rows = matrix.rows.filter((r) => r.context.key === 'ordinary' && generated(r.app.key) && r.group !== CLIENT);
    expect(rows).toHaveLength(150);
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

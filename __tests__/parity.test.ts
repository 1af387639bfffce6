/**
 * `npm run simulate -- --env <env> --parity` against the Okta stand-in (tools/okta-stand-in.ts): dev's
 * replayable access-matrix cells are sent to the policy simulation endpoint, once per distinct question, and
 * every cell where Okta's matched rules differ from the simulator's is a parity-mismatch (exit 1). The
 * stand-in's evaluator answers what the simulator answered (agreement), or is seeded to differ.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OktaApi } from '../release/org/api';
import { main } from '../release/org/cli';
import type { OrgReport } from '../release/org/findings';
import { LiveOrg } from '../release/org/org';
import { cellsOf, oktaMatched, type Matched } from '../release/org/parity';
import { StackModel } from '../synthesized/model';
import { fixtureOutdir, synthesizedJson } from './support/fixture';
import { appliedOrg, type AppliedOrg } from '../tools/okta-org';
import { startStandIn, type StandIn } from '../tools/okta-stand-in';

const TOKEN = 'stand-in-api-token-parity-0001';
const work = mkdtempSync(join(tmpdir(), 'parity-'));

let dev: StackModel;
let applied: AppliedOrg;
let standIn: StandIn;
/** Okta's answer to each question (the posted body, as JSON). */
const answers = new Map<string, { status: number; body: unknown }>();
let cells: Awaited<ReturnType<typeof cellsOf>>;

/** The simulation's response for what a cell matched, shaped as Okta's evaluation list. */
function evaluation(m: Matched): { status: number; body: unknown } {
  if (!m.assigned)
    return {
      status: 400,
      body: {
        errorCode: 'E0000001',
        errorSummary: 'Api validation failed: Groups',
        errorCauses: [
          { errorSummary: 'Access to the app is not allowed. The group is not assigned to this application.' },
        ],
      },
    };
  const policy = (type: string, matched?: string) => {
    const [name, rule] = (matched ?? 'none / none').split(' / ');
    const policies = [
      { id: 'x', name, status: 'MATCH', conditions: [], rules: [{ id: 'y', name: rule, status: 'MATCH' }] },
    ];
    return {
      status: null,
      policyType: type,
      result: { policies },
      undefined: { policies: [] },
      evaluated: { policies },
    };
  };
  return { status: 200, body: { evaluation: [policy('OKTA_SIGN_ON', m.session), policy('ACCESS_POLICY', m.app)] } };
}

beforeAll(async () => {
  dev = new StackModel('identity-gateway-dev', synthesizedJson('dev'));
  applied = appliedOrg(dev);
  applied.org.simulate = (request) =>
    answers.get(JSON.stringify(request)) ?? { status: 500, body: { errorCode: 'E0000009' } };
  // Several runs share this stand-in within one minute: a limit none of them comes near.
  standIn = await startStandIn(applied.org, { apiToken: TOKEN, limits: { 'POST /api/v1/policies/simulate': 10_000 } });
  const api = new OktaApi({ baseUrl: standIn.url, authorize: async () => `SSWS ${TOKEN}` });
  cells = await cellsOf(new LiveOrg(api), dev);
});
afterAll(async () => {
  await standIn.close();
  rmSync(work, { recursive: true, force: true });
});

/** Okta agrees with the simulator on every question, except where `differ` says otherwise. */
function agree(differ: (cell: (typeof cells)[number]) => Matched | undefined = () => undefined): void {
  answers.clear();
  for (const c of cells) answers.set(JSON.stringify(c.body), evaluation(differ(c) ?? c.ours));
}

async function parity(args: string[] = []): Promise<{ code: number; report?: OrgReport; out: string; err: string }> {
  let out = '';
  let err = '';
  const before = standIn.requests.length;
  const code = await main('parity', ['--env', 'dev', '--dir', fixtureOutdir(), '--json', ...args], {
    out: (s) => (out += s),
    err: (s) => (err += s),
    env: { OKTA_API_TOKEN: TOKEN, OKTA_API_BASE_URL: standIn.url },
    cwd: work,
  });
  const posted = standIn.requests.slice(before).filter((r) => r.method === 'POST');
  expect(posted.every((r) => r.path === '/api/v1/policies/simulate?expand=EVALUATED')).toBe(true);
  return { code, out, err, report: out.startsWith('{') ? JSON.parse(out) : undefined };
}

describe("parity with Okta's policy simulation", () => {
  test('GIVEN the replayable cells THEN they are the person rows of contexts the endpoint can express', () => {
    expect(cells.length).toBeGreaterThan(10);
    expect(cells.every((c) => c.row.app.type !== 'service' && c.row.context.key !== 'anomaly')).toBe(true);
    // Cells asking the same question of the same policy share one request.
    expect(new Set(cells.map((c) => c.key)).size).toBeLessThan(cells.length);
    expect(cells[0].body.policyContext.groups.ids.length).toBe(2);
  });

  test(
    'GIVEN Okta agrees on every cell WHEN parity runs THEN it reports ' + 'nothing, exit 0, one request per question',
    async () => {
      agree();
      const before = standIn.requests.filter((r) => r.method === 'POST').length;
      const r = await parity();
      expect(r.err).toBe('');
      expect(r.report).toMatchObject({ environment: 'dev', findings: [], imports: [] });
      expect(r.code).toBe(0);
      const posted = standIn.requests.filter((r) => r.method === 'POST').length - before;
      expect(posted).toBe(new Set(cells.map((c) => c.key)).size);
    },
  );

  test(
    'GIVEN Okta matches another rule for one app WHEN parity runs THEN ' + 'those cells are parity-mismatch, exit 1',
    async () => {
      const app = cells[0].row.app.label;
      agree((c) =>
        c.row.app.label === app && c.ours.app ? { ...c.ours, app: 'Some Policy / Other Rule' } : undefined,
      );
      const r = await parity();
      expect(r.code).toBe(1);
      const found = r.report!.findings;
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((f) => f.kind === 'parity-mismatch' && f.severity === 'blocker')).toBe(true);
      expect(found[0].subject.type).toBe('cell');
      expect(found[0].message).toContain('authentication policy: Okta matched Some Policy / Other Rule, the simulator');
    },
  );

  test('GIVEN Okta says a group is not assigned WHEN parity runs THEN that is a mismatch too', async () => {
    const target = cells[0];
    agree((c) => (c.key === target.key ? { assigned: false } : undefined));
    const r = await parity(['--summary', join(work, 'summary.md')]);
    expect(r.code).toBe(1);
    expect(r.report!.findings.some((f) => f.message.includes('Okta says the group is not assigned'))).toBe(true);
    // The job summary lists the cells.
    expect(readFileSync(join(work, 'summary.md'), 'utf8')).toContain('`parity-mismatch`');
  });

  test('fails with exit 2 when the stack is not applied yet (an app it names is not in the org)', async () => {
    const org = { ...applied.org, apps: applied.org.apps.filter((a) => a.name !== 'oidc_client') };
    const s = await startStandIn(org, { apiToken: TOKEN });
    let err = '';
    try {
      const code = await main('parity', ['--env', 'dev', '--dir', fixtureOutdir()], {
        out: () => undefined,
        err: (x) => (err += x),
        env: { OKTA_API_TOKEN: TOKEN, OKTA_API_BASE_URL: s.url },
        cwd: work,
      });
      expect(code).toBe(2);
      expect(err).toMatch(/the org has no app ".*": parity runs after the stack is applied/);
    } finally {
      await s.close();
    }
  });

  test('reads both answer shapes Okta documents: a list of evaluations, or { evaluation: [...] }', () => {
    const m = evaluation({ assigned: true, session: 'P / R', app: 'A / B' });
    const wrapped = oktaMatched(200, m.body);
    expect(wrapped).toEqual({ assigned: true, session: 'P / R', app: 'A / B' });
    expect(oktaMatched(200, (m.body as { evaluation: unknown[] }).evaluation)).toEqual(wrapped);
  });
});

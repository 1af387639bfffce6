/**
 * The posture report of each default environment renders (markdown and HTML), contains the diagram,
 * and its numbers match the synthesized output.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../config/environments';
import { ENVIRONMENT_NAMES } from '../config/schema';
import { StackModel, stringList } from '../synthesized/model';
import { guardrailFindings } from '../review/findings';
import { edgeLine, COLUMN } from '../review/diagram';
import { buildReport, DIAGRAM_TITLE, layout, svg, textWidth, type Graph, type PostureReport } from '../review/report';
import { provenanceOf, writeReports } from '../review/report-cli';
import { FIXTURE_VERSION, fixtureOutdir, synthesizedJson } from './support/fixture';

let work: string;
const models: Record<string, StackModel> = {};
const reports: Record<string, PostureReport> = {};

beforeAll(() => {
  // GIVEN the default environments as `npm run synth` writes them (synthesized once per run)
  work = mkdtempSync(join(tmpdir(), 'report-test-'));
  for (const m of StackModel.loadDir(fixtureOutdir())) {
    models[m.environment!] = m;
    reports[m.environment!] = buildReport(m, guardrailFindings(m));
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Rows of the markdown table that follows a `## title` heading. */
function tableAfter(md: string, title: string): string[][] {
  const lines = md.split('\n');
  const start = lines.indexOf(`## ${title}`);
  const rows: string[][] = [];
  for (let i = start + 1; i < lines.length && !lines[i].startsWith('## '); i++) {
    if (lines[i].startsWith('|') && !lines[i].startsWith('|---')) rows.push(lines[i].slice(2, -2).split(' | '));
    else if (rows.length > 0 && lines[i] === '') break;
  }
  return rows.slice(1);
}

const summary = (md: string, what: string) => tableAfter(md, 'Summary').find((r) => r[0] === what)?.[1];

describe.each(ENVIRONMENT_NAMES)('posture report of %s', (env) => {
  test('renders markdown with a Mermaid diagram and a self-contained HTML page', () => {
    const r = reports[env];
    expect(r.markdown).toContain('```mermaid\nflowchart LR');
    for (const s of [
      'MFA coverage',
      'Apps: tier, scopes and routes',
      'Routes',
      'Token lifetimes',
      'Guardrail findings',
    ])
      expect(r.markdown).toContain(`## ${s}`);
    expect(r.html).toMatch(/^<!doctype html>/);
    expect(r.html).toContain('<svg');
    expect(r.html).not.toMatch(/<script|<link|src="http/);
  });

  test('its numbers match the synthesized stack', () => {
    const m = models[env];
    const md = reports[env].markdown;
    const routes = m.resources('aws_apigatewayv2_route');
    expect(summary(md, 'Apps')).toBe(String(m.resources('okta_app_oauth').length));
    expect(summary(md, 'Routes')).toBe(String(routes.length));
    expect(summary(md, 'Public routes')).toBe(
      String(routes.filter((r) => r.attrs.authorization_type === 'NONE').length),
    );
    expect(summary(md, 'Custom scopes')).toBe(String(m.resources('okta_auth_server_scope').length));

    // Routes table: one row per route, with its scopes as synthesized.
    const table = tableAfter(md, 'Routes');
    expect(table.map((r) => r[0]).sort()).toEqual(routes.map((r) => String(r.attrs.route_key)).sort());
    for (const r of routes) {
      const row = table.find((x) => x[0] === r.attrs.route_key)!;
      expect(row[2]).toBe(stringList(r.attrs.authorization_scopes).join(', ') || '-');
    }

    // Token lifetimes: one row per access rule, minutes as synthesized.
    const lifetimes = tableAfter(md, 'Token lifetimes');
    const rules = m.resources('okta_auth_server_policy_rule');
    expect(lifetimes).toHaveLength(rules.length);
    for (const rule of rules) {
      const row = lifetimes.find((x) => x[1].endsWith(` / ${String(rule.attrs.name)}`))!;
      const minutes = Number(rule.attrs.access_token_lifetime_minutes);
      expect(row[5]).toBe(minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`);
    }

    // MFA: the groups enforced are those the global session policy includes (all of them with Everyone).
    const enforced = m.resources('okta_policy_signon').flatMap((p) => stringList(p.attrs.groups_included));
    const enforcedNames = enforced.map((ref) => {
      const target = m.resolve(ref)?.target;
      return target?.type === 'okta_everyone_group' ? 'Everyone' : String(target?.attrs.name);
    });
    const groups = m.resources('okta_group').map((g) => String(g.attrs.name));
    const expected = enforcedNames.includes('Everyone') ? ['Everyone', ...groups] : enforcedNames;
    const coverage = tableAfter(md, 'MFA coverage');
    expect(
      coverage
        .filter((r) => r[2] === 'MFA enforced at sign-in')
        .map((r) => r[0])
        .sort(),
    ).toEqual([...new Set(expected)].sort());
    // Each group's wave, as the environment's config orders them.
    const cfg = ENVIRONMENTS[env].identity as any;
    for (const wave of cfg.mfa.rollout.waves) {
      for (const key of wave.groups) {
        const name = key === 'everyone' ? 'Everyone' : cfg.groups[key].name;
        const row = coverage.find((r) => r[0] === name);
        if (row) expect([name, row[1]]).toEqual([name, wave.key]);
      }
    }
    expect(md).toContain(`Current phase: ${cfg.mfa.rollout.currentPhase}.`);
    expect(summary(md, 'Groups with MFA enforced')).toBe(`${new Set(expected).size} of ${coverage.length}`);

    // Diagram: every route and every app is a node.
    const diagram = reports[env].graph;
    for (const r of routes)
      expect(
        diagram.nodes.some((n) => n.column === COLUMN.routes && n.label.startsWith(String(r.attrs.route_key))),
      ).toBe(true);
    expect(diagram.nodes.filter((n) => n.column === COLUMN.apps)).toHaveLength(m.resources('okta_app_oauth').length);
  });
});

describe.each(ENVIRONMENT_NAMES)('the diagram of %s', (env) => {
  test('GIVEN the report WHEN drawn THEN each app reaches through its rules exactly the scopes they grant', () => {
    const { graph, view } = reports[env];
    const custom = new Set(view.scopes.map((s) => s.name));
    const label = new Map(graph.nodes.map((n) => [n.id, n.label]));
    const next = (id: string) => graph.edges.filter((e) => e.from === id).map((e) => e.to);
    for (const app of view.apps) {
      const id = graph.nodes.find((n) => n.column === COLUMN.apps && n.label.startsWith(`${app.label} [`))!.id;
      const rules = next(id);
      // Every edge out of an app goes to an access rule, labelled with the rule and the groups it serves.
      for (const r of rules) expect(graph.nodes.find((n) => n.id === r)!.column).toBe(COLUMN.rules);
      const drawn = [...new Set(rules.flatMap(next).map((s) => label.get(s)!))].sort();
      expect([app.key, drawn]).toEqual([app.key, app.scopes.filter((s) => custom.has(s)).sort()]);
    }
    expect(graph.columns[COLUMN.scopes]).toBe(`Scopes from ${view.authServer!.name} (${view.authServer!.audience})`);
  });

  test('GIVEN the drawing THEN every edge is directed: it ends in an arrowhead at the left side of its target', () => {
    const { graph } = reports[env];
    const drawn = svg(graph);
    const lines = drawn.split('\n').filter((l) => l.startsWith('<line '));
    expect(lines).toHaveLength(graph.edges.length);
    expect(lines.every((l) => l.includes('marker-end="url(#arrow)"'))).toBe(true);
    expect(drawn).toContain('<marker id="arrow"');
    const { boxes } = layout(graph);
    const at = new Map(boxes.map((b) => [b.id, b]));
    for (const e of graph.edges) {
      const [a, b] = [at.get(e.from)!, at.get(e.to)!];
      const line = edgeLine(a, b);
      expect([line.x1, line.x2]).toEqual([a.x + a.width, b.x]);
      expect(b.x).toBeGreaterThan(a.x);
    }
  });

  test('GIVEN the layout THEN no label is cut off: every box and column fits its text, columns do not overlap', () => {
    const { graph } = reports[env];
    const { boxes, columnX, width } = layout(graph);
    for (const b of boxes) expect([b.label, b.width >= textWidth(b.label) + 8]).toEqual([b.label, true]);
    graph.columns.forEach((title, c) => {
      const inColumn = boxes.filter((b) => b.x === columnX[c]);
      const right = Math.max(columnX[c] + textWidth(title), ...inColumn.map((b) => b.x + b.width));
      expect(right).toBeLessThan(columnX[c + 1] ?? width);
    });
    const drawn = svg(graph);
    const escaped = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const n of graph.nodes) expect(drawn).toContain(`>${escaped(n.label)}</text>`);
    expect(drawn).not.toContain('…');
  });
});

test('GIVEN a long label WHEN laid out THEN its column widens to hold it (estimate: at least 7 px a character)', () => {
  const long = `HTTP POST https://orders.example.com/${'x'.repeat(80)}`;
  const nodes = [
    { id: 'a', label: long, column: 0 },
    { id: 'b', label: 'b', column: 1 },
  ];
  const graph: Graph = { columns: ['A', 'B'], nodes, edges: [] };
  const { boxes } = layout(graph);
  expect(textWidth(long)).toBeGreaterThanOrEqual(long.length * 7);
  expect(boxes[0].width).toBeGreaterThanOrEqual(textWidth(long));
  expect(boxes[1].x).toBeGreaterThan(boxes[0].x + boxes[0].width);
});

test('npm run report writes markdown and HTML for every stack', () => {
  const files = writeReports(fixtureOutdir(), join(work, 'reports'));
  expect(files.map((f) => f.slice(join(work, 'reports').length + 1)).sort()).toEqual(
    ENVIRONMENT_NAMES.flatMap((e) => [`identity-gateway-${e}.html`, `identity-gateway-${e}.md`]).sort(),
  );
  expect(readFileSync(join(work, 'reports', 'identity-gateway-prod.md'), 'utf8')).toBe(reports.prod.markdown);
});

describe('the report a security lead reads first (prod)', () => {
  const PROVENANCE = { generatedAt: '2026-01-02T03:04:05.000Z', generatedFrom: 'SOURCE_DATE_EPOCH' };
  let report: PostureReport;
  beforeAll(() => {
    report = buildReport(models.prod, guardrailFindings(models.prod, '2026-01-02'), PROVENANCE);
  });
  const table = (title: string) => tableAfter(report.markdown, title);

  test('GIVEN explicit provenance WHEN built THEN it opens with version, commit, time, findings and exceptions', () => {
    expect(report.sections.slice(0, 3)).toEqual(['Summary', DIAGRAM_TITLE, 'Access matrix: exceptions only']);
    expect(report.sections.at(-1)).toBe('Access matrix');
    const rows = Object.fromEntries(table('Summary').map((r) => [r[0], r[1]]));
    expect(rows.Version).toBe(FIXTURE_VERSION);
    expect(rows.Commit).toBe(`the commit tagged v${FIXTURE_VERSION}`);
    expect(rows['Generated at']).toBe('2026-01-02T03:04:05.000Z (SOURCE_DATE_EPOCH)');
    expect(rows['Guardrail findings']).toBe('0 errors, 0 warnings');
    expect(rows['Accepted exceptions (suppressions)']).toBe('none');
    expect(rows["Access exceptions (cells off their tier's norm)"]).toMatch(/^\d+ cells in \d+ rows/);
  });

  test('GIVEN the same input twice WHEN built THEN the bytes are the same; the clock is never read', () => {
    const again = buildReport(models.prod, guardrailFindings(models.prod, '2026-01-02'), PROVENANCE);
    expect(again.markdown).toBe(report.markdown);
    expect(again.html).toBe(report.html);
    expect(provenanceOf(models.prod, { SOURCE_DATE_EPOCH: '1767225600' })).toEqual({
      generatedAt: '2026-01-01T00:00:00.000Z',
      generatedFrom: 'SOURCE_DATE_EPOCH',
    });
    // The fixture's version names a tag this repository does not have: no time rather than the clock's.
    expect(provenanceOf(models.prod, {}, work)).toEqual({});
    expect(buildReport(models.prod, []).markdown).toContain('| Generated at | not recorded (set SOURCE_DATE_EPOCH) |');
  });

  test('GIVEN the sign-on tiers WHEN listed THEN rules are in evaluation order, with priorities', () => {
    const rules = report.markdown
      .split('\n')
      .filter((l) => l.startsWith('| Sign-on tier: critical | '))
      .map((l) => l.slice(2, -2).split(' | '))
      .filter((r) => r.length === 7);
    expect(rules.map((r) => [r[1], r[2]])).toEqual([
      ['1', 'Deny blocklisted networks'],
      ['2', 'Deny HIGH risk'],
      ['3', 'Phishing-resistant, device-bound'],
      ['last', 'Catch-all Rule (Okta)'],
    ]);
    for (const tier of report.view.mfa.tiers) {
      const priorities = tier.rules.map((r) => r.priority!);
      expect([tier.name, priorities]).toEqual([tier.name, [...priorities].sort((a, b) => a - b)]);
    }
    const session = report.view.mfa.sessionRules.map((r) => r.name);
    expect(session).toEqual([
      'Deny blocklisted networks',
      'HIGH risk: MFA, short session',
      'Anomaly: MFA, short session',
      'Require MFA',
    ]);
  });

  test('GIVEN the looked-up Admin Console policy WHEN named THEN by its app, never by a construct id', () => {
    expect(report.view.mfa.tiers.map((t) => t.name)).toContain('authentication policy of Okta Admin Console');
    expect(report.markdown).not.toMatch(/MfaRollout_|_[0-9A-F]{8}\b/);
  });

  test('GIVEN the audit trail WHEN reported THEN each alerting event names the topic and who it reaches', () => {
    const alerts = table('Alerts: which events alert whom');
    const breakGlass = alerts.find((r) => r[1].startsWith('Sign-ins of the break-glass accounts'))!;
    expect(breakGlass[0]).toContain('by `break-glass-1@example.com`');
    expect(breakGlass[2]).toBe('identity-gateway-prod-security-alerts -> email `security-alerts@example.com`');
    const mfaFailures = alerts.find((r) => r[1].startsWith('Failed MFA verifications'))!;
    expect(mfaFailures[2]).toBe('nobody (logged only)');
    expect(report.markdown).toContain('| identity-gateway-prod-unauthorized-401 | 401s at the gateway');
  });

  test('GIVEN the stack WHEN reported THEN CORS, logs, client authentication, zones and break-glass are shown', () => {
    expect(table('CORS and trusted origins')[0]).toEqual([
      'API identity-gateway-prod',
      '`https://portal.example.com`',
      'GET, POST, PUT, DELETE',
      'no',
    ]);
    const logs = table('Logs: retention and encryption');
    expect(logs.every((r) => r[0].startsWith('SNS topic') || r[1] === '365 days')).toBe(true);
    expect(logs.every((r) => r[2].startsWith('customer-managed KMS key arn:aws:kms:'))).toBe(true);
    const auth = Object.fromEntries(table('Apps: client authentication').map((r) => [r[0], r.slice(2)]));
    expect(auth['Admin console (web)']).toEqual(['private_key_jwt', 'required', 'none issued', 'ROTATE']);
    expect(auth['Customer portal (SPA)']).toEqual(['none (public client)', 'required', 'none issued', 'ROTATE']);
    const zones = Object.fromEntries(table('Network zones').map((r) => [r[0], r]));
    expect(zones['Blocked locations (org-wide)'].slice(1, 4)).toEqual([
      'BLOCKLIST (blocks org-wide, before any policy)',
      'ACTIVE',
      'countries CU, IR, KP, SY',
    ]);
    expect(zones['Corporate VPN egress'][3]).toBe('IP ranges 198.51.100.16-198.51.100.31');
    expect(table('Break-glass accounts').map((r) => r[0])).toEqual([
      '`break-glass-1@example.com`',
      '`break-glass-2@example.com`',
    ]);
    expect(report.html).toContain('<code>break-glass-1@example.com</code>');
    expect(report.html).not.toMatch(/<td>[^<]*`/);
  });

  test('GIVEN a suppression with an expiry WHEN reported THEN its status is judged on the report date', () => {
    const json = synthesizedJson('prod');
    const suppression = {
      ruleId: 'GW-15',
      address: 'x.y',
      reason: 'Accepted until the vendor ships a fix',
      expires: '2026-01-01',
    };
    json['//'].guardrails.suppressions = [suppression];
    const model = new StackModel('identity-gateway-prod', json);
    const at = (generatedAt: string) =>
      tableAfter(buildReport(model, [], { generatedAt }).markdown, 'Suppressions (accepted exceptions)');
    expect(at('2025-12-31T00:00:00.000Z')[0]).toEqual(['GW-15', 'x.y', suppression.reason, '2026-01-01', 'active']);
    expect(at('2026-01-02T00:00:00.000Z')[0][4]).toBe('EXPIRED (an error as of 2026-01-02)');
    expect(buildReport(model, []).markdown).toContain(
      '| Accepted exceptions (suppressions) | 1, the first expiring 2026-01-01 |',
    );
  });

  test('GIVEN the matrix WHEN only exceptions are shown THEN each row differs from what most of its tier gets', () => {
    const rows = table('Access matrix: exceptions only');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r[3]).not.toBe(r[4]);
    expect(rows[0].slice(0, 5)).toEqual([
      'Sign-on tier: standard',
      'in an ordinary context (unlisted address, LOW risk, no anomaly, compliant company laptop)',
      'API Payments Operators via Customer portal (SPA)',
      'password + Okta Verify push',
      'password',
    ]);
    // Far fewer rows than the full matrix (one table per context).
    const full = report.markdown.slice(report.markdown.indexOf('## Access matrix\n'));
    expect(full.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Who')).length).toBeGreaterThan(
      rows.length * 5,
    );
  });
});

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
import { buildReport, layout, svg, textWidth, type Graph, type PostureReport } from '../review/report';
import { writeReports } from '../review/report-cli';
import { fixtureOutdir } from './support/fixture';

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
      const row = lifetimes.find((x) => x[0].endsWith(` / ${String(rule.attrs.name)}`))!;
      const minutes = Number(rule.attrs.access_token_lifetime_minutes);
      expect(row[4]).toBe(minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`);
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
      expect(diagram.nodes.some((n) => n.column === 2 && n.label.startsWith(String(r.attrs.route_key)))).toBe(true);
    expect(diagram.nodes.filter((n) => n.column === 0)).toHaveLength(m.resources('okta_app_oauth').length);
  });
});

describe.each(ENVIRONMENT_NAMES)('the diagram of %s', (env) => {
  test('GIVEN the report WHEN drawn THEN each app is joined to exactly the custom scopes its rules grant it', () => {
    const { graph, view } = reports[env];
    const custom = new Set(view.scopes.map((s) => s.name));
    const label = new Map(graph.nodes.map((n) => [n.id, n.label]));
    for (const app of view.apps) {
      const id = graph.nodes.find((n) => n.column === 0 && n.label.startsWith(`${app.label} [`))!.id;
      const drawn = graph.edges.filter((e) => e.from === id).map((e) => label.get(e.to));
      expect([app.key, drawn.sort()]).toEqual([app.key, app.scopes.filter((s) => custom.has(s)).sort()]);
    }
    expect(graph.columns[1]).toBe(`Scopes from ${view.authServer!.name} (${view.authServer!.audience})`);
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

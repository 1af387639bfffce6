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
import { buildReport, type PostureReport } from '../review/report';
import { writeReports } from '../review/report-cli';
import { buildApp } from '../stacks/app';

let work: string;
const models: Record<string, StackModel> = {};
const reports: Record<string, PostureReport> = {};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'report-test-'));
  const { app, problems } = buildApp({ environments: ENVIRONMENTS, version: '0.0.0', outdir: join(work, 'out') });
  expect(problems).toEqual([]);
  app.synth();
  for (const m of StackModel.loadDir(join(work, 'out'))) {
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
    for (const s of ['MFA coverage', 'Apps: tier, scopes and routes', 'Routes', 'Token lifetimes', 'Guardrail findings']) expect(r.markdown).toContain(`## ${s}`);
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
    expect(summary(md, 'Public routes')).toBe(String(routes.filter((r) => r.attrs.authorization_type === 'NONE').length));
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
    expect(coverage.filter((r) => r[2] === 'MFA enforced at sign-in').map((r) => r[0]).sort()).toEqual([...new Set(expected)].sort());
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
    for (const r of routes) expect(diagram.nodes.some((n) => n.column === 3 && n.label.startsWith(String(r.attrs.route_key)))).toBe(true);
    expect(diagram.nodes.filter((n) => n.column === 0)).toHaveLength(m.resources('okta_app_oauth').length);
  });
});

test('npm run report writes markdown and HTML for every stack', () => {
  const files = writeReports(join(work, 'out'), join(work, 'reports'));
  expect(files.map((f) => f.slice(join(work, 'reports').length + 1)).sort()).toEqual(
    ENVIRONMENT_NAMES.flatMap((e) => [`identity-gateway-${e}.html`, `identity-gateway-${e}.md`]).sort(),
  );
  expect(readFileSync(join(work, 'reports', 'identity-gateway-prod.md'), 'utf8')).toBe(reports.prod.markdown);
});

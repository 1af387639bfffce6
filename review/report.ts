/**
 * The posture report of one environment: MFA coverage, the app -> tier -> scopes -> routes matrix, the
 * routes table, token lifetimes, guardrail findings and a diagram of apps -> the scopes each obtains from
 * the authorization server -> routes -> integrations. Rendered as markdown (Mermaid for GitHub) and as a self-contained
 * HTML page (inline CSS and an inline SVG of the same diagram; no scripts, no network).
 */
import { adaptivePosture } from './adaptive';
import type { Declarations, StackModel } from '../synthesized/model';
import { accessTables } from './access';
import { adminSurfaceRows } from './admin-surfaces';
import type { ReviewFinding } from './findings';
import { minutes, viewOf, type StackView } from './view';
import { htmlText, maskCredentials, mdSentence } from './escape';

type Table = { readonly headers: readonly string[]; readonly rows: readonly (readonly string[])[] };
type Block = { readonly text: string } | { readonly table: Table } | { readonly diagram: Graph };
interface Section {
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface GraphNode {
  readonly id: string;
  readonly label: string;
  /** 0 apps, 1 scopes, 2 routes, 3 integrations. */
  readonly column: number;
}
export interface Graph {
  /** Column titles; the scopes column names the authorization server that issues them. */
  readonly columns: readonly string[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}

export interface PostureReport {
  readonly stack: string;
  readonly environment: string;
  readonly view: StackView;
  readonly graph: Graph;
  readonly markdown: string;
  readonly html: string;
}

export function buildReport(model: StackModel, findings: readonly ReviewFinding[]): PostureReport {
  const view = viewOf(model);
  const graph = graphOf(view);
  const sections = sectionsOf(view, graph, findings, model.declarations);
  // Adaptive MFA per tier (HIGH risk, device posture) and the global session's behaviours, after the tiers.
  const at = sections.findIndex((s) => s.title === 'MFA coverage');
  if (at >= 0 && view.mfa.tiers.length) {
    const adaptive = adaptivePosture(model);
    const blocks: Block[] = [
      { table: { headers: ['Tier', 'At HIGH risk', 'Device posture'], rows: adaptive.rows } },
      { text: adaptive.session },
    ];
    sections[at] = { ...sections[at], blocks: [...sections[at].blocks, ...blocks] };
  }
  // The simulated access matrix (npm run simulate -- --matrix), before the diagram.
  sections.splice(sections.length - 1, 0, accessSection(model));
  const title = `Security posture: ${view.stack}`;
  return {
    stack: view.stack,
    environment: view.environment,
    view,
    graph,
    markdown: toMarkdown(title, sections),
    html: toHtml(title, sections),
  };
}

/** Routes an app can call: a route accepts any one of its scopes, so one shared scope suffices. */
export function routesFor(view: StackView, scopes: readonly string[]): string[] {
  return view.routes.filter((r) => !r.public && r.scopes.some((s) => scopes.includes(s))).map((r) => r.routeKey);
}

function sectionsOf(
  view: StackView,
  graph: Graph,
  findings: readonly ReviewFinding[],
  declarations: Declarations,
): Section[] {
  const diagramTitle = 'Diagram: apps -> the scopes they obtain -> routes -> integrations';
  return [
    summarySection(view, findings),
    mfaSection(view, declarations),
    appsSection(view),
    routesSection(view, declarations),
    tokenLifetimesSection(view),
    findingsSection(findings),
    { title: diagramTitle, blocks: [{ diagram: graph }] },
  ];
}

function summarySection(view: StackView, findings: readonly ReviewFinding[]): Section {
  const mfa = view.mfa;
  const enforced = mfa.coverage.filter((c) => c.phase === 'enforced');
  const publicRoutes = view.routes.filter((r) => r.public);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    title: 'Summary',
    blocks: [
      {
        table: {
          headers: ['What', 'Count'],
          rows: [
            ['Apps', String(view.apps.length)],
            ['Routes', String(view.routes.length)],
            ['Public routes', String(publicRoutes.length)],
            ['Custom scopes', String(view.scopes.length)],
            [
              'Scopes that require a stronger sign-in',
              view.scopes
                .filter((s) => s.requiredAssurance)
                .map((s) => `${s.name} (${s.requiredAssurance})`)
                .join(', ') || 'none',
            ],
            ['Access rules', String(view.accessRules.length)],
            ['Groups with MFA enforced', `${enforced.length} of ${mfa.coverage.length}`],
            ['Guardrail findings', `${errors} errors, ${findings.length - errors} warnings`],
          ],
        },
      },
    ],
  };
}

function mfaSection(view: StackView, declarations: Declarations): Section {
  const mfa = view.mfa;
  const mfaBlocks: Block[] = [];
  if (mfa.coverage.length === 0 && mfa.tiers.length === 0) {
    mfaBlocks.push({ text: 'This stack manages no MFA rollout (no sign-on policies, authenticators or groups).' });
  } else {
    mfaBlocks.push(...rolloutBlocks(view, declarations), ...policyBlocks(view));
  }
  const adminRows = adminSurfaceRows(view.adminSurfaces);
  if (adminRows.length)
    mfaBlocks.push({
      table: { headers: ["Okta's own admin surface", 'Sign-in', 'Covers', 'Exempt'], rows: adminRows },
    });
  return { title: 'MFA coverage', blocks: mfaBlocks };
}

/** The waves and who each enforces, and the authenticators. */
function rolloutBlocks(view: StackView, declarations: Declarations): Block[] {
  const mfa = view.mfa;
  const mfaBlocks: Block[] = [];
  const rollout = declarations.rollout;
  if (rollout) {
    const reached = rollout.waves.findIndex((w) => w.key === rollout.currentPhase);
    mfaBlocks.push({
      text:
        `Rollout waves, in order: ` +
        `${rollout.waves
          .map((w, i) => `${w.key} (${w.groups.join(', ') || 'no group'})${i <= reached ? ' [enforced]' : ''}`)
          .join(' -> ')}. Current phase: ${rollout.currentPhase}.`,
    });
  }
  const waveOf = (group: string) => rollout?.waves.find((w) => w.groups.includes(group))?.key ?? '-';
  mfaBlocks.push({
    table: {
      headers: ['Group', 'Wave', 'Phase', 'Because of'],
      rows: mfa.coverage.map((c) => [c.group, waveOf(c.group), PHASE[c.phase], c.via.join('; ') || '-']),
    },
  });
  if (mfa.authenticators.length) {
    mfaBlocks.push({
      table: {
        headers: ['Authenticator', 'Key', 'Status', 'Strength'],
        rows: mfa.authenticators.map((a) => [a.name, a.key, a.status, a.strength]),
      },
    });
  }
  return mfaBlocks;
}

/** The enrollment policies, the global session rules and the app sign-on tiers. */
function policyBlocks(view: StackView): Block[] {
  const mfa = view.mfa;
  const mfaBlocks: Block[] = [];
  for (const p of mfa.enrollment) {
    mfaBlocks.push({
      text:
        `Enrollment policy "${p.name}" (${p.status}) for ${p.groups.join(', ') || 'no group'}: ` +
        `required ${p.required.join(', ') || 'nothing'}; optional ${p.optional.join(', ') || 'nothing'}.`,
    });
  }
  if (mfa.sessionRules.length) {
    mfaBlocks.push({
      table: {
        headers: ['Global session rule', 'Groups', 'Access', 'MFA', 'Session lifetime', 'Idle', 'Network'],
        rows: mfa.sessionRules.map((r) => [
          r.key,
          r.groups.join(', '),
          r.access,
          r.mfaRequired ? `required (${(r.mfaPrompt ?? 'default').toLowerCase()})` : 'not required',
          minutes(r.sessionLifetimeMinutes),
          minutes(r.sessionIdleMinutes),
          r.network,
        ]),
      },
    });
  }
  if (mfa.tiers.length) {
    mfaBlocks.push({
      table: {
        headers: ['Tier (app sign-on policy)', 'Rule', 'Access', 'Requires', 'Groups', 'Apps'],
        rows: mfa.tiers.flatMap((t) =>
          t.rules.map((r) => [
            t.name,
            r.name,
            r.access,
            r.requires,
            r.groups.join(', ') || 'everyone',
            t.apps.join(', ') || '-',
          ]),
        ),
      },
    });
  }
  return mfaBlocks;
}

function appsSection(view: StackView): Section {
  return {
    title: 'Apps: tier, scopes and routes',
    blocks: [
      {
        table: {
          headers: ['App', 'Type', 'Tier', 'Grants', 'Scopes it can obtain', 'Routes it can call'],
          rows: view.apps.map((a) => [
            a.label,
            a.type,
            a.tier ?? 'org default',
            a.grantTypes.join(', '),
            a.scopes.join(', ') || '-',
            routesFor(view, a.scopes).join(', ') || '-',
          ]),
        },
      },
    ],
  };
}

function routesSection(view: StackView, declarations: Declarations): Section {
  const publicReasons = declarations.publicRoutes;
  return {
    title: 'Routes',
    blocks: [
      {
        table: {
          headers: ['Route', 'Authorization', 'Scopes (any one)', 'Throttling', 'Public because', 'Integration'],
          rows: view.routes.map((r) => [
            r.routeKey,
            r.public ? 'public' : r.authorizationType,
            r.scopes.join(', ') || '-',
            r.throttling
              ? `${r.throttling.rateLimit ?? '?'}/s, burst ${r.throttling.burstLimit ?? '?'} (${r.throttling.source})`
              : 'none',
            r.public ? (publicReasons[r.routeKey] ?? '(no reason recorded)') : '-',
            r.integration,
          ]),
        },
      },
    ],
  };
}

function tokenLifetimesSection(view: StackView): Section {
  return {
    title: 'Token lifetimes',
    blocks: [
      {
        table: {
          headers: ['Access rule', 'Apps', 'Groups', 'Grants', 'Access token', 'Refresh token', 'Refresh idle window'],
          rows: view.accessRules.map((r) => [
            r.key,
            r.clients.join(', '),
            r.groups.join(', '),
            r.grantTypes.join(', '),
            minutes(r.accessTokenLifetimeMinutes),
            r.refreshTokenLifetimeMinutes === undefined ? '-' : minutes(r.refreshTokenLifetimeMinutes),
            r.refreshTokenWindowMinutes === undefined ? '-' : minutes(r.refreshTokenWindowMinutes),
          ]),
        },
      },
    ],
  };
}

function findingsSection(findings: readonly ReviewFinding[]): Section {
  return {
    title: 'Guardrail findings',
    blocks: findings.length
      ? [
          {
            table: {
              headers: ['Rule', 'Severity', 'Resource', 'Finding'],
              rows: findings.map((f) => [f.ruleId, f.severity, f.address, f.message]),
            },
          },
        ]
      : [{ text: 'No guardrail findings.' }],
  };
}

function accessSection(model: StackModel): Section {
  const tables = accessTables(model);
  if (tables.every((t) => t.rows.length === 0))
    return { title: 'Access matrix', blocks: [{ text: "No app signs in to this stack's authorization server." }] };
  const intro =
    'Who reaches which route, with the weakest sign-in that gets through, simulated from the ' +
    'synthesized policies (see docs/simulator.md). Groups assigned to no app reach only public routes.';
  return {
    title: 'Access matrix',
    blocks: [
      { text: intro },
      ...tables.flatMap((t) => [{ text: `Context: ${t.context}.` }, { table: { headers: t.headers, rows: t.rows } }]),
    ],
  };
}

const PHASE = {
  enforced: 'MFA enforced at sign-in',
  enrollment: 'enrollment only',
  none: 'not in the rollout',
} as const;

/**
 * apps -> the custom scopes each may obtain (its access rules) -> routes -> integrations; public routes
 * hang off "Internet". The scopes column is titled with the authorization server that issues them.
 */
export function graphOf(view: StackView): Graph {
  const nodes: GraphNode[] = [];
  const edges: { from: string; to: string }[] = [];
  const ids = new Map<string, string>();
  const node = (key: string, label: string, column: number): string => {
    let id = ids.get(key);
    if (!id) {
      id = `n${ids.size}`;
      ids.set(key, id);
      nodes.push({ id, label, column });
    }
    return id;
  };
  const edge = (from: string, to: string) => {
    if (!edges.some((e) => e.from === from && e.to === to)) edges.push({ from, to });
  };
  const custom = new Set(view.scopes.map((s) => s.name));
  const shown = new Set([...view.routes.flatMap((r) => r.scopes), ...view.apps.flatMap((a) => a.scopes)]);
  const scope = (name: string) => node(`scope:${name}`, name, 1);
  for (const s of view.scopes) if (shown.has(s.name)) scope(s.name);
  for (const a of view.apps) {
    const id = node(`app:${a.key}`, `${a.label} [${a.tier ?? 'org default'}]`, 0);
    for (const s of a.scopes) if (custom.has(s)) edge(id, scope(s));
  }
  for (const r of view.routes) {
    const id = node(`route:${r.routeKey}`, r.public ? `${r.routeKey} (public)` : r.routeKey, 2);
    if (r.public) edge(node('internet', 'Internet (no token)', 1), id);
    for (const s of r.scopes) edge(scope(s), id);
    edge(id, node(`integration:${r.integration}`, r.integration, 3));
  }
  const server = view.authServer ? `Scopes from ${view.authServer.name} (${view.authServer.audience})` : 'Scopes';
  return { columns: ['Apps [sign-on tier]', server, 'Routes', 'Integrations'], nodes, edges };
}

export function mermaid(graph: Graph): string {
  const q = (s: string) =>
    maskCredentials(s)
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
      .replace(/"/g, '#quot;')
      .replace(/`/g, '#96;');
  const lines = ['flowchart LR'];
  graph.columns.forEach((title, column) => {
    const inColumn = graph.nodes.filter((n) => n.column === column);
    if (inColumn.length === 0) return;
    lines.push(`  subgraph c${column}["${title}"]`);
    for (const n of inColumn) lines.push(`    ${n.id}["${q(n.label)}"]`);
    lines.push('  end');
  });
  for (const e of graph.edges) lines.push(`  ${e.from} --> ${e.to}`);
  return lines.join('\n');
}

function toMarkdown(title: string, sections: readonly Section[]): string {
  const out = [
    `# ${title}`,
    '',
    'Generated by `npm run report` from the synthesized stack; what ships is what is described.',
    '',
  ];
  for (const s of sections) {
    out.push(`## ${s.title}`, '');
    for (const b of s.blocks) {
      if ('text' in b) out.push(mdSentence(b.text), '');
      else if ('table' in b) out.push(...mdTable(b.table), '');
      else out.push('```mermaid', mermaid(b.diagram), '```', '');
    }
  }
  return out.join('\n');
}

function mdTable(t: Table): string[] {
  const cell = mdSentence;
  return [
    `| ${t.headers.map(cell).join(' | ')} |`,
    `|${t.headers.map(() => '---').join('|')}|`,
    ...t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

const esc = htmlText;

function toHtml(title: string, sections: readonly Section[]): string {
  const body: string[] = [
    `<h1>${esc(title)}</h1>`,
    '<p>Generated by <code>npm run report</code> from the synthesized stack.</p>',
  ];
  for (const s of sections) {
    body.push(`<h2>${esc(s.title)}</h2>`);
    for (const b of s.blocks) {
      if ('text' in b) body.push(`<p>${esc(b.text)}</p>`);
      else if ('table' in b) {
        body.push('<table>', `<tr>${b.table.headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`);
        for (const r of b.table.rows) body.push(`<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`);
        body.push('</table>');
      } else {
        body.push(
          svg(b.diagram),
          `<details><summary>Mermaid source</summary><pre>${esc(mermaid(b.diagram))}</pre></details>`,
        );
      }
    }
  }
  const css = [
    'body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem;color:#1f2328;max-width:80rem}',
    'table{border-collapse:collapse;margin:.5rem 0 1.5rem}',
    'th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top;font-size:.9rem}',
    'th{background:#f6f8fa}',
    'svg{max-width:100%;height:auto;border:1px solid #d0d7de}',
    `svg text{font:${FONT_PX}px system-ui,sans-serif}`,
  ].join('\n');
  return (
    `<!doctype html>\n<html lang="en">\n<head>\n<meta ` +
    `charset="utf-8">\n<title>${esc(title)}</title>\n<style>\n${css}\n</style>\n</head>\n` +
    `<body>\n${body.join('\n')}\n</body>\n</html>\n`
  );
}

/** Font size of the diagram's text, in px (the SVG's CSS sets the same). */
export const FONT_PX = 12;
/** Average advance of a character at FONT_PX in a sans-serif font, rounded up (wide glyphs included). */
const CHAR_PX = 7.2;
const PAD = 8;
const GAP = 48;
const ROW = 34;
const BOX_HEIGHT = 24;
const TOP = 40;

/** A generous estimate of a label's rendered width at FONT_PX: what a box must leave room for. */
export const textWidth = (text: string): number => Math.ceil([...text].length * CHAR_PX);

/** A node's box in the drawing. */
export interface Box {
  readonly id: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

/** Where each column and box goes: every column as wide as its widest label or title, never cut. */
export function layout(graph: Graph): { boxes: Box[]; columnX: number[]; width: number; height: number } {
  const columnX: number[] = [];
  const boxes: Box[] = [];
  let x = 20;
  let rows = 0;
  graph.columns.forEach((title, column) => {
    const inColumn = graph.nodes.filter((n) => n.column === column);
    const width = Math.max(textWidth(title), ...inColumn.map((n) => textWidth(n.label) + 2 * PAD));
    columnX.push(x);
    inColumn.forEach((n, i) => boxes.push({ id: n.id, label: n.label, x, y: TOP + i * ROW, width }));
    rows = Math.max(rows, inColumn.length);
    x += width + GAP;
  });
  return { boxes, columnX, width: x - GAP + 20, height: TOP + rows * ROW + 20 };
}

/** A layered drawing of the graph: one column per kind, straight edges, whole labels. */
export function svg(graph: Graph): string {
  const { boxes, columnX, width, height } = layout(graph);
  const at = new Map(boxes.map((b) => [b.id, b]));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
      'role="img" aria-label="apps, the scopes they obtain, routes and integrations">',
  ];
  graph.columns.forEach((title, column) =>
    parts.push(`<text x="${columnX[column]}" y="20" font-weight="bold">${esc(title)}</text>`),
  );
  const mid = BOX_HEIGHT / 2;
  for (const e of graph.edges) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (!a || !b) continue;
    const line = `x1="${a.x + a.width}" y1="${a.y + mid}" x2="${b.x}" y2="${b.y + mid}"`;
    parts.push(`<line ${line} stroke="#8c959f" stroke-width="1"/>`);
  }
  for (const b of boxes) {
    parts.push(
      `<g><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${BOX_HEIGHT}" rx="4" ` +
        'fill="#f6f8fa" stroke="#57606a"/>' +
        `<text x="${b.x + PAD}" y="${b.y + 16}">${esc(b.label)}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

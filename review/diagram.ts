/**
 * The posture report's diagram: apps -> the access rules that grant them tokens -> the scopes those rules grant
 * -> the routes that accept each scope -> the integrations behind them; public routes hang off "Internet".
 * Drawn as Mermaid (for GitHub) and as an inline SVG: one column per kind, each as wide as its widest label,
 * straight edges with arrowheads in the direction access flows.
 */
import type { StackView } from './view';
import { htmlText, maskCredentials } from './escape';

export interface GraphNode {
  readonly id: string;
  readonly label: string;
  /** 0 apps, 1 access rules, 2 scopes, 3 routes, 4 integrations. */
  readonly column: number;
}
export interface Graph {
  /** Column titles; the scopes column names the authorization server that issues them. */
  readonly columns: readonly string[];
  readonly nodes: readonly GraphNode[];
  /** Directed: from the one that obtains or calls to the one obtained or called. */
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}

/** Column indexes. */
export const COLUMN = { apps: 0, rules: 1, scopes: 2, routes: 3, integrations: 4 } as const;

/**
 * apps -> the active access rules whose policy holds them (with the groups the rule serves) -> the custom scopes
 * each rule grants -> routes -> integrations. The scopes column is titled with the authorization server.
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
  const scope = (name: string) => node(`scope:${name}`, name, COLUMN.scopes);
  for (const s of view.scopes) if (shown.has(s.name)) scope(s.name);
  const granting = view.accessRules.filter((r) => r.active && r.scopes.some((s) => custom.has(s) || s === '*'));
  for (const a of view.apps) {
    const id = node(`app:${a.key}`, `${a.label} [${a.tier ?? 'org default'}]`, COLUMN.apps);
    for (const r of granting.filter((x) => x.clients.includes(a.label))) {
      const who = r.groups.length ? r.groups.join(', ') : 'no group';
      const rule = node(`rule:${r.key}`, `${r.key} (${who})`, COLUMN.rules);
      edge(id, rule);
      const scopes = r.scopes.includes('*') ? [...custom] : r.scopes.filter((s) => custom.has(s));
      for (const s of scopes) if (shown.has(s)) edge(rule, scope(s));
    }
  }
  for (const r of view.routes) {
    const id = node(`route:${r.routeKey}`, r.public ? `${r.routeKey} (public)` : r.routeKey, COLUMN.routes);
    if (r.public) edge(node('internet', 'Internet (no token)', COLUMN.scopes), id);
    for (const s of r.scopes) edge(scope(s), id);
    edge(id, node(`integration:${r.integration}`, r.integration, COLUMN.integrations));
  }
  const server = view.authServer ? `Scopes from ${view.authServer.name} (${view.authServer.audience})` : 'Scopes';
  return {
    columns: ['Apps [sign-on tier]', 'Access rules that grant them (groups)', server, 'Routes', 'Integrations'],
    nodes,
    edges,
  };
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
    lines.push(`  subgraph c${column}["${q(title)}"]`);
    for (const n of inColumn) lines.push(`    ${n.id}["${q(n.label)}"]`);
    lines.push('  end');
  });
  for (const e of graph.edges) lines.push(`  ${e.from} --> ${e.to}`);
  return lines.join('\n');
}

/** Font size of the diagram's text, in px (the SVG's CSS sets the same). */
export const FONT_PX = 12;
/** Average advance of a character at FONT_PX in a sans-serif font, rounded up (wide glyphs included). */
const CHAR_PX = 7.2;
const PAD = 8;
const GAP = 48;
const ROW = 34;
export const BOX_HEIGHT = 24;
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

/** An edge's line: from the middle of the source's right side to the middle of the target's left side. */
export function edgeLine(a: Box, b: Box): { x1: number; y1: number; x2: number; y2: number } {
  const mid = BOX_HEIGHT / 2;
  return { x1: a.x + a.width, y1: a.y + mid, x2: b.x, y2: b.y + mid };
}

/** A layered drawing of the graph: one column per kind, straight edges ending in arrowheads, whole labels. */
export function svg(graph: Graph): string {
  const { boxes, columnX, width, height } = layout(graph);
  const at = new Map(boxes.map((b) => [b.id, b]));
  const esc = htmlText;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
      'role="img" aria-label="apps, the access rules that grant them scopes, the scopes, routes and integrations">',
    // The arrowhead's tip is the end of the line: it touches the target box.
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" ' +
      'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#57606a"/></marker></defs>',
  ];
  graph.columns.forEach((title, column) =>
    parts.push(`<text x="${columnX[column]}" y="20" font-weight="bold">${esc(title)}</text>`),
  );
  for (const e of graph.edges) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (!a || !b) continue;
    const { x1, y1, x2, y2 } = edgeLine(a, b);
    parts.push(
      `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#8c959f" stroke-width="1" marker-end="url(#arrow)"/>`,
    );
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

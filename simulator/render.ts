/** Plain-text and JSON renderings of a verdict and of the access matrix. */
import type { AccessContext } from './context';
import type { Verdict } from './evaluate';
import type { AccessMatrix, Cell, MatrixRow } from './matrix';
import { RANKS } from './signins';

/** Long route lists are cut in the text rendering (the JSON has them all). */
const MAX_LISTED = 12;

export interface Question {
  readonly stack: string;
  readonly groups: readonly string[];
  readonly app: string;
  readonly route: string;
  readonly context: AccessContext;
}

export function verdictJson(q: Question, v: Verdict): object {
  return {
    decision: v.decision,
    ...(v.status ? { status: v.status } : {}),
    reason: v.reason,
    ...(v.signIn ? { signIn: v.signIn, strength: RANKS[v.rank] } : {}),
    ...(v.token ? { token: v.token } : {}),
    question: { stack: q.stack, groups: q.groups, app: q.app, route: q.route, context: q.context },
    trace: v.trace,
  };
}

export function verdictText(q: Question, v: Verdict): string {
  const head =
    v.decision === 'allow'
      ? `ALLOW with ${v.signIn} (${RANKS[v.rank]})${
          v.token
            ? `; token from ${v.token.rule} carries ${v.token.scope}, access token ${
                v.token.accessTokenLifetimeMinutes
              } min${
                v.token.refreshTokenLifetimeMinutes !== undefined
                  ? `, refresh token ${v.token.refreshTokenLifetimeMinutes} min`
                  : ''
              }`
            : ''
        }`
      : `DENY${v.status ? ` (${v.status})` : ''}: ${v.reason}`;
  // A policy or rule shows its priority: the trace lists them in the order Okta evaluates them.
  const subject = (t: (typeof v.trace)[number]) =>
    t.priority === undefined ? t.subject : `${t.subject} (priority ${t.priority})`;
  const width = Math.max(...v.trace.map((t) => subject(t).length), 10);
  const lines = [
    `${q.stack}: ${q.groups.join(' + ')} via ${q.app} calls ${v.route}`,
    `Context: ${q.context.description}`,
    head,
    '',
    'Trace:',
    ...v.trace.map(
      (t, i) =>
        `${String(i + 1).padStart(3)}. ${t.stage.padEnd(14)} ${subject(t).padEnd(width)}  ${t.outcome.padEnd(8)}  ${
          t.why
        }`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

const list = (xs: readonly string[]) =>
  xs.length > MAX_LISTED ? `${xs.slice(0, MAX_LISTED).join(', ')} and ${xs.length - MAX_LISTED} more` : xs.join(', ');

/** Denied routes of a row grouped by reason. */
function denials(m: AccessMatrix, cells: readonly Cell[]): string[] {
  const by = new Map<string, string[]>();
  cells.forEach((c, i) => {
    if (c.decision !== 'deny') return;
    const k = `${c.status ?? ''} ${c.reason}`.trim();
    by.set(k, [...(by.get(k) ?? []), m.routes[i].routeKey]);
  });
  return [...by.entries()].map(([why, routes]) => `denied (${why}): ${list(routes)}`);
}

export function matrixText(m: AccessMatrix): string {
  const publicRoutes = m.routes.filter((r) => r.authorizationType === 'NONE').map((r) => r.routeKey);
  const lines = [
    `Access matrix of ${m.stack}: ${m.routes.length} routes (${publicRoutes.length} public), ` +
      `${m.sim.apps.length} apps, ${m.contexts.length} contexts`,
    `Public routes (anyone, any context, no sign-in): ${publicRoutes.join(', ') || 'none'}`,
    `Groups assigned to no app: ${
      m.sim.groups.filter((g) => !m.sim.apps.some((a) => a.groups.includes(g))).join(', ') || 'none'
    } (denied everywhere but public routes)`,
  ];
  if (m.sim.apps.length === 0) {
    lines.push('No app signs in here: the authorization server runs elsewhere (gateway-only) or none exists.');
    return `${lines.join('\n')}\n`;
  }
  for (const ctx of m.contexts) {
    lines.push('', `== ${ctx.key}: ${ctx.description}`);
    for (const row of m.rows.filter((r) => r.context === ctx)) {
      const cells = m.rowCells(row);
      const protectedCells = cells
        .map((c, i) => [c, m.routes[i]] as const)
        .filter(([, r]) => r.authorizationType !== 'NONE');
      const allowed = protectedCells.filter(([c]) => c.decision === 'allow').map(([, r]) => r.routeKey);
      lines.push(
        `  ${who(row)}: ${
          row.signIn.decision === 'allow'
            ? row.signIn.rank === 0
              ? 'no person signs in (client credentials)'
              : `signs in with ${row.signIn.signIn}`
            : `DENY: ${row.signIn.reason}`
        }`,
      );
      if (row.signIn.decision === 'deny') continue;
      lines.push(`    allowed: ${list(allowed) || 'no protected route'}`);
      lines.push(...denials(m, cells).map((d) => `    ${d}`));
      for (const b of m.belowDeclaredAssurance(row))
        lines.push(
          `    WARNING: ${b.route} needs ${b.scope}, declared ${b.required}, but ${row.signIn.signIn} reaches it`,
        );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function matrixJson(m: AccessMatrix): object {
  return {
    stack: m.stack,
    contexts: m.contexts.map((c) => ({ key: c.key, description: c.description })),
    routes: m.routes.map((r) => r.routeKey),
    rows: m.rows.map((row) => {
      const cells = m.rowCells(row);
      const denied = new Map<string, { status?: number; reason: string; routes: string[] }>();
      cells.forEach((c, i) => {
        if (c.decision !== 'deny') return;
        const k = `${c.status}|${c.reason}`;
        const e = denied.get(k) ?? { ...(c.status ? { status: c.status } : {}), reason: c.reason, routes: [] };
        e.routes.push(m.routes[i].routeKey);
        denied.set(k, e);
      });
      return {
        group: row.group,
        app: row.app.key,
        context: row.context.key,
        decision: row.signIn.decision,
        ...(row.signIn.signIn ? { signIn: row.signIn.signIn, strength: RANKS[row.signIn.rank] } : {}),
        reason: row.signIn.reason,
        allowed: cells.flatMap((c, i) => (c.decision === 'allow' ? [m.routes[i].routeKey] : [])),
        denied: [...denied.values()],
      };
    }),
  };
}

export function who(row: MatrixRow): string {
  return row.group === '(client)' ? `${row.app.label}, as a machine client` : `${row.group} via ${row.app.label}`;
}

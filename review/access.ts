/**
 * The access simulator's part of the review and the posture report: the matrix diff between base and head
 * (access widened or reached with a weaker sign-in weakens security), the matrix as tables, and the cells that
 * differ from their tier's norm.
 */
import type { StackModel } from '../synthesized/model';
import { matrixContexts } from '../simulator/context';
import { AccessMatrix, type Cell, type MatrixRow } from '../simulator/matrix';
import { describeChanges, diffMatrices, type AccessChange } from '../simulator/matrix-diff';
import { who } from '../simulator/render';
import type { PostureChange } from './posture';

/** An access item of the review: a posture change (for the counts and gates) with the matrix's detail. */
export type AccessItem = PostureChange & Omit<AccessChange, 'sentence'>;

/**
 * Matrix cells that change between two versions of a stack, one item per kind and set of routes. Widening
 * access (cells nobody had) and a weaker sign-in weaken security; narrowing and a stronger sign-in strengthen it.
 */
export function accessChanges(base: StackModel, head: StackModel): AccessItem[] {
  const contexts = matrixContexts([base, head]);
  const [b, h] = [new AccessMatrix(base, contexts), new AccessMatrix(head, contexts)];
  const routes = { base: new Set(b.routes.map((r) => r.routeKey)), head: new Set(h.routes.map((r) => r.routeKey)) };
  return describeChanges(diffMatrices(b, h), contexts, routes).map((c) => ({
    ...c,
    direction: c.kind === 'widens' || c.kind === 'weakens' ? 'weaken' : 'strengthen',
    area: 'access',
    subject: `routes ${c.routes.join(', ')}`,
  }));
}

/** The matrix of one stack as one table per context: rows are who signs in where, columns the routes. */
export function accessTables(
  model: StackModel,
): { readonly context: string; readonly headers: string[]; readonly rows: string[][] }[] {
  const m = new AccessMatrix(model, matrixContexts([model]));
  return m.contexts.map((ctx) => ({
    context: ctx.description,
    headers: ['Who', 'Weakest sign-in', ...m.routes.map((r) => r.routeKey)],
    rows: m.rows
      .filter((r) => r.context === ctx)
      .map((row) => [
        who(row),
        row.signIn.decision === 'allow' ? (row.signIn.signIn ?? '-') : `denied: ${row.signIn.reason}`,
        ...m.rowCells(row).map((c) => (c.decision === 'allow' ? 'allow' : `deny${c.status ? ` (${c.status})` : ''}`)),
      ]),
  }));
}

/**
 * The cells of the matrix that differ from their tier's norm: per sign-on tier (an app's sign-on policy; machine
 * clients apart), context and route, the norm is what most of the tier's rows get (the weakest sign-in, or a
 * denial); a row that gets something else is an exception. Where two outcomes are equally common there is no
 * norm, and every row is listed. Rows: tier, context, who, what they get, the norm, the routes.
 */
export function accessExceptions(model: StackModel): string[][] {
  const m = new AccessMatrix(model, matrixContexts([model]));
  const sim = m.sim;
  const tierOf = (row: MatrixRow) =>
    row.app.type === 'service'
      ? 'machine clients'
      : row.app.signOnPolicy
        ? sim.labels.of(row.app.signOnPolicy)
        : 'org default policy';
  const outcome = (c: Cell) =>
    c.decision === 'allow' ? (c.signIn ?? 'allowed') : `denied${c.status ? ` (${c.status})` : ''}`;
  const out = new Map<string, { row: string[]; routes: string[] }>();
  for (const ctx of m.contexts) {
    const byTier = new Map<string, MatrixRow[]>();
    for (const row of m.rows.filter((r) => r.context === ctx))
      byTier.set(tierOf(row), [...(byTier.get(tierOf(row)) ?? []), row]);
    for (const [tier, rows] of byTier) {
      if (rows.length < 2) continue;
      m.routes.forEach((route, i) => {
        if (route.public) return;
        const got = rows.map((r) => outcome(m.cell(r, i)));
        const counts = new Map<string, number>();
        for (const g of got) counts.set(g, (counts.get(g) ?? 0) + 1);
        if (counts.size < 2) return;
        const top = Math.max(...counts.values());
        const leaders = [...counts.keys()].filter((k) => counts.get(k) === top);
        const norm = leaders.length === 1 ? leaders[0] : `no norm (${leaders.join(' / ')} equally often)`;
        rows.forEach((row, j) => {
          if (leaders.length === 1 && got[j] === norm) return;
          const key = [tier, ctx.key, who(row), got[j], norm].join('|');
          const e = out.get(key) ?? { row: [tier, ctx.description, who(row), got[j], norm], routes: [] };
          e.routes.push(route.routeKey);
          out.set(key, e);
        });
      });
    }
  }
  return [...out.values()].map((e) => [...e.row, e.routes.join(', ')]);
}

/**
 * The access simulator's part of the review and the posture report: the matrix diff between base and head
 * (a cell going from deny to allow, or to a weaker sign-in, weakens security) and the matrix as tables.
 */
import type { StackModel } from '../synthesized/model';
import { matrixContexts } from '../simulator/context';
import { AccessMatrix } from '../simulator/matrix';
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

/**
 * The access simulator's part of the review and the posture report: the matrix diff between base and head
 * (a cell going from deny to allow, or to a weaker sign-in, weakens security) and the matrix as tables.
 */
import type { StackModel } from '../synthesized/model';
import { matrixContexts } from '../simulator/context';
import { AccessMatrix, describeChanges, diffMatrices } from '../simulator/matrix';
import { who } from '../simulator/render';
import type { PostureChange } from './posture';

/** Matrix cells that change between two versions of a stack, one sentence per route and change. */
export function accessChanges(base: StackModel, head: StackModel): PostureChange[] {
  const contexts = matrixContexts([base, head]);
  const changes = diffMatrices(new AccessMatrix(base, contexts), new AccessMatrix(head, contexts));
  return describeChanges(changes, contexts.length).map((c) => ({
    direction: c.direction,
    area: 'access',
    subject: c.subject,
    sentence: c.sentence,
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

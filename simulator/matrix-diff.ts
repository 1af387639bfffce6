/**
 * How the access matrix moves between two versions of a stack. Every route, app, group and context either
 * version has is compared, so a new route, a new app or a newly assigned group shows who gains access, and a
 * removed one who loses it: a cell that allows where the other side has no such cell (or denies) widens or
 * narrows access; an allowed cell reached with a weaker or stronger sign-in weakens or strengthens it.
 * Changes are grouped for a reader: per kind and set of routes, who (group via app), the sign-in and the
 * contexts. Routes of one class (same authorizer and scopes) are compared once. An app whose key changed
 * but not its label is the same app.
 */
import type { AccessContext } from './context';
import { CLIENT, type AccessMatrix, type Cell, type MatrixRow } from './matrix';

/** widens: access that did not exist; narrows: access that goes; weakens / strengthens: a weaker / stronger sign-in. */
export type AccessChangeKind = 'widens' | 'narrows' | 'weakens' | 'strengthens';

/** One (who, context) whose cells of some routes change between base and head. */
export interface CellChange {
  readonly kind: AccessChangeKind;
  readonly group: string;
  readonly appKey: string;
  readonly app: string;
  readonly context: AccessContext;
  /** Route keys, all with the same before and after cell. */
  readonly routes: readonly string[];
  /** The weakest sign-in before and after; undefined where there is no access (no cell, or denied). */
  readonly before?: string;
  readonly after?: string;
}

/** Who a clause of an access change is about, and what they get where. */
export interface AccessWho {
  /** `API Users via Customer portal (SPA)`, or `Nightly reporting job (service), as a machine client`. */
  readonly who: string;
  readonly group: string;
  readonly app: string;
  readonly before?: string;
  readonly after?: string;
  /** Context keys (see matrixContexts). */
  readonly contexts: readonly string[];
}

/** A reader's item: one kind of change to one set of routes, with everyone it concerns. */
export interface AccessChange {
  readonly kind: AccessChangeKind;
  readonly routes: readonly string[];
  /** Of `routes`, those only the head has (new) and only the base has (removed). */
  readonly newRoutes: readonly string[];
  readonly removedRoutes: readonly string[];
  readonly who: readonly AccessWho[];
  /** One sentence: the kind, the routes, who, with which sign-in, in which contexts. */
  readonly sentence: string;
}

const allowed = (c: Cell | undefined): c is Cell => c !== undefined && c.decision === 'allow';
const PUBLIC_SIGN_IN = 'none (public route)';

/**
 * Cells that change between base and head, over every route, app, group and context either version has. A cell
 * one side lacks (its route, app or assignment is not there) is no access on that side. A route that is public
 * in the head is left out of widenings and weakenings: the review says so once, for everyone.
 */
export function diffMatrices(base: AccessMatrix, head: AccessMatrix): CellChange[] {
  // An app whose key (construct id) changed is the same app to its users: paired by label.
  const headKeys = new Set(head.sim.apps.map((a) => a.key));
  const baseKeys = new Set(base.sim.apps.map((a) => a.key));
  const renamed = new Map(
    base.sim.apps.flatMap((a) => {
      if (headKeys.has(a.key)) return [];
      const h = head.sim.apps.find((x) => x.label === a.label && !baseKeys.has(x.key));
      return h ? [[a.key, h.key] as const] : [];
    }),
  );
  const rowKey = (r: MatrixRow) => `${r.context.key}|${renamed.get(r.app.key) ?? r.app.key}|${r.group}`;
  const baseRows = new Map(base.rows.map((r) => [rowKey(r), r]));
  const headRows = new Map(head.rows.map((r) => [rowKey(r), r]));
  // Every route either version has, grouped by (base class, head class); -1: the side lacks the route.
  const baseIndex = new Map(base.routes.map((r, i) => [r.routeKey, i]));
  const headIndex = new Map(head.routes.map((r, i) => [r.routeKey, i]));
  const keys = [...new Set([...baseIndex.keys(), ...headIndex.keys()])].sort();
  const groups = new Map<string, { b: number; h: number; routes: string[] }>();
  for (const key of keys) {
    const [bi, hi] = [baseIndex.get(key), headIndex.get(key)];
    const b = bi === undefined ? -1 : base.classOfRoute(bi);
    const h = hi === undefined ? -1 : head.classOfRoute(hi);
    const g = groups.get(`${b}|${h}`) ?? { b, h, routes: [] };
    g.routes.push(key);
    groups.set(`${b}|${h}`, g);
  }
  const out: CellChange[] = [];
  for (const key of new Set([...baseRows.keys(), ...headRows.keys()])) {
    const b = baseRows.get(key);
    const h = headRows.get(key);
    const any = (h ?? b)!;
    for (const g of groups.values()) {
      const bc = b && g.b >= 0 ? base.classCell(b, g.b) : undefined;
      const hc = h && g.h >= 0 ? head.classCell(h, g.h) : undefined;
      const kind = kindOf(bc, hc);
      if (!kind) continue;
      // A public route reaches anyone: the review says so once (made public, new, removed), not per person.
      if (hc?.signIn === PUBLIC_SIGN_IN || (bc?.signIn === PUBLIC_SIGN_IN && hc === undefined)) continue;
      out.push({
        kind,
        group: any.group,
        appKey: any.app.key,
        app: any.app.label,
        context: any.context,
        routes: g.routes,
        before: allowed(bc) ? bc.signIn : undefined,
        after: allowed(hc) ? hc.signIn : undefined,
      });
    }
  }
  return out;
}

function kindOf(before: Cell | undefined, after: Cell | undefined): AccessChangeKind | undefined {
  if (!allowed(before)) return allowed(after) ? 'widens' : undefined;
  if (!allowed(after)) return 'narrows';
  return after.rank < before.rank ? 'weakens' : after.rank > before.rank ? 'strengthens' : undefined;
}

const KIND_ORDER: Record<AccessChangeKind, number> = { widens: 0, weakens: 1, narrows: 2, strengthens: 3 };

/** Long lists are cut in sentences (the structured fields keep everything). */
const MAX_ROUTES = 8;
const MAX_WHO = 6;
const MAX_NAMES = 12;

/**
 * Changed cells grouped for a reader: one item per kind and set of routes, naming who (group via app), the
 * weakest sign-in (before -> after where both exist) and the contexts, out of `contexts` (the matrix's).
 */
export function describeChanges(
  changes: readonly CellChange[],
  contexts: readonly AccessContext[],
  routes: { readonly base: ReadonlySet<string>; readonly head: ReadonlySet<string> },
): AccessChange[] {
  // Per (kind, who, sign-ins, routes): the contexts; then per (kind, who, sign-ins, contexts): the routes.
  const contextsOf = new Map<string, { c: CellChange; contexts: string[] }>();
  for (const c of changes) {
    const k = [c.kind, c.group, c.appKey, c.before, c.after, c.routes.join('\n')].join('|');
    const e = contextsOf.get(k) ?? { c, contexts: [] };
    e.contexts.push(c.context.key);
    contextsOf.set(k, e);
  }
  const routesOf = new Map<string, { c: CellChange; contexts: string[]; routes: Set<string> }>();
  for (const { c, contexts: cs } of contextsOf.values()) {
    const k = [c.kind, c.group, c.appKey, c.before, c.after, cs.join(',')].join('|');
    const e = routesOf.get(k) ?? { c, contexts: cs, routes: new Set<string>() };
    for (const r of c.routes) e.routes.add(r);
    routesOf.set(k, e);
  }
  // Per (kind, routes): everyone it concerns.
  const items = new Map<string, { kind: AccessChangeKind; routes: string[]; who: AccessWho[] }>();
  for (const { c, contexts: cs, routes: rs } of routesOf.values()) {
    const list = [...rs].sort();
    const k = `${c.kind}|${list.join('\n')}`;
    const e = items.get(k) ?? { kind: c.kind, routes: list, who: [] };
    const order = contexts.map((x) => x.key);
    e.who.push({
      who: c.group === CLIENT ? `${c.app}, as a machine client` : `${c.group} via ${c.app}`,
      group: c.group,
      app: c.app,
      before: c.before,
      after: c.after,
      contexts: [...cs].sort((x, y) => order.indexOf(x) - order.indexOf(y)),
    });
    items.set(k, e);
  }
  return [...items.values()]
    .map((e) => {
      const newRoutes = e.routes.filter((r) => !routes.base.has(r));
      const removedRoutes = e.routes.filter((r) => !routes.head.has(r));
      const who = e.who.sort((x, y) => cmp(x.who, y.who) || y.contexts.length - x.contexts.length);
      const item = { kind: e.kind, routes: e.routes, newRoutes, removedRoutes, who };
      return { ...item, sentence: sentenceOf(item, contexts) };
    })
    .sort((x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || cmp(x.routes.join(' '), y.routes.join(' ')));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `a`, `a and b`, `a, b and c`. */
export function andList(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** The contexts of a clause in words: every one, every one but a few, or those listed. */
export function contextWords(keys: readonly string[], contexts: readonly AccessContext[]): string {
  const described = (ks: readonly string[]) =>
    andList(ks.map((k) => contexts.find((c) => c.key === k)?.description ?? k));
  if (keys.length === contexts.length) return 'in every context';
  const missing = contexts.filter((c) => !keys.includes(c.key)).map((c) => c.key);
  if (keys.length > missing.length && missing.length <= 3) return `in every context but ${described(missing)}`;
  return described(keys);
}

const LEAD: Record<AccessChangeKind, string> = {
  widens: 'Can now reach',
  narrows: 'Can no longer reach',
  weakens: 'Reach with a weaker sign-in',
  strengthens: 'Reach only with a stronger sign-in',
};

function sentenceOf(item: Omit<AccessChange, 'sentence'>, contexts: readonly AccessContext[]): string {
  const mark = (r: string) =>
    `\`${r}\`${item.newRoutes.includes(r) ? ' (new route)' : item.removedRoutes.includes(r) ? ' (removed route)' : ''}`;
  const routes =
    item.routes.length > MAX_ROUTES
      ? `${item.routes.slice(0, MAX_ROUTES).map(mark).join(', ')} and ${item.routes.length - MAX_ROUTES} more routes`
      : andList(item.routes.map(mark));
  // Who share a sign-in and contexts: one clause naming them all.
  const clauses = new Map<string, { first: AccessWho; names: string[] }>();
  for (const w of item.who) {
    const k = `${w.group === CLIENT}|${w.before}|${w.after}|${w.contexts.join(',')}`;
    const e = clauses.get(k) ?? { first: w, names: [] };
    e.names.push(w.who);
    clauses.set(k, e);
  }
  const clause = ({ first: w, names: all }: { first: AccessWho; names: string[] }) => {
    const where = contextWords(w.contexts, contexts);
    const names = all.length > MAX_NAMES ? [...all.slice(0, MAX_NAMES), `${all.length - MAX_NAMES} more`] : all;
    if (w.group === CLIENT) return `${andList(names)}, ${where}`;
    const signIn =
      item.kind === 'widens'
        ? `with ${w.after}`
        : item.kind === 'narrows'
          ? `(signed in with ${w.before})`
          : `with ${w.after} (was ${w.before})`;
    return `${andList(names)} ${signIn}, ${where}`;
  };
  const all = [...clauses.values()];
  const shown = all.slice(0, MAX_WHO).map(clause);
  const more = all.length > MAX_WHO ? `; and ${all.length - MAX_WHO} more (see --json)` : '';
  return `${LEAD[item.kind]} ${routes}: ${shown.join('; ')}${more}.`;
}

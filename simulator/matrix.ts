/**
 * The access matrix: for every group assigned to an app (and every machine client), every route and
 * every context, whether the call gets through and with which weakest sign-in. Rows are (group, app,
 * context) with their sign-in outcome; routes that require the same scopes through the same authorizer
 * share one computation, so a 1,000-route stack costs little more than its distinct scope sets.
 */
import type { StackModel, TfResource } from '../synthesized/model';
import { ASSURANCE_LEVELS } from '../domain/okta/sign-on-constraints';
import type { AccessContext } from './context';
import { grantOf, tokenFor, tokenRejected, weakestSignIn, type SignInOutcome, type TokenOutcome } from './evaluate';
import type { App, Route } from '../synthesized/read-model';
import { SimStack } from './stack';

/** The subject of a machine client's rows: no person signs in. */
export const CLIENT = '(client)';

export interface MatrixRow {
  readonly group: string;
  readonly app: App;
  readonly context: AccessContext;
  readonly signIn: SignInOutcome;
}

export interface Cell {
  readonly decision: 'allow' | 'deny';
  /** The weakest sign-in that reaches the cell, or `none (public route)`. */
  readonly signIn?: string;
  /** Strength rank of that sign-in (0 = none); +Infinity when denied. */
  readonly rank: number;
  /** 401 (no valid token) or 403 (no required scope) when denied. */
  readonly status?: 401 | 403;
  readonly reason: string;
}

/** Rank of the sign-in a scope's declared assurance asks for (see RANKS in signins.ts). */
const ASSURANCE_RANK: Record<(typeof ASSURANCE_LEVELS)[number], number> = {
  mfa: 2,
  'phishing-resistant': 4,
  'phishing-resistant-device-bound': 5,
};

export class AccessMatrix {
  readonly sim: SimStack;
  readonly rows: readonly MatrixRow[];
  readonly routes: readonly Route[];
  /** Route index -> class: routes with the same authorizer and scopes get the same answer. */
  private readonly classOf: readonly number[];
  private readonly classes: Route[] = [];
  /** Row index -> (group, app) pair index. */
  private readonly pairOf: readonly number[];
  private readonly tokenParts: Cell[][] = [];
  private readonly deniedRow: Cell[] = [];
  private readonly allowedRow: Cell[] = [];
  private readonly sigs = new Map<string, number>();
  private readonly pairSig: { readonly server?: TfResource; readonly sig: number }[] = [];
  /** Per route class (its first route): why the authorizer rejects the server's tokens, if it does. */
  private readonly rejected = new Map<Route, string | undefined>();
  private readonly cellsOf: Cell[][];
  private readonly indexOfRow: ReadonlyMap<MatrixRow, number>;

  constructor(
    model: StackModel,
    /** Contexts in the order the matrix shows them. */
    readonly contexts: readonly AccessContext[],
  ) {
    this.sim = SimStack.of(model);
    const rows: MatrixRow[] = [];
    for (const context of contexts) {
      for (const app of this.sim.apps) {
        const subjects = app.type === 'service' ? [CLIENT] : [...new Set(app.groups)].sort();
        for (const group of subjects)
          rows.push({ group, app, context, signIn: weakestSignIn(this.sim, group, app.key, context) });
      }
    }
    this.rows = rows;
    this.indexOfRow = new Map(rows.map((r, i) => [r, i]));
    const pairs = new Map<string, number>();
    this.pairOf = rows.map((r) => {
      const key = `${r.group}\0${r.app.key}`;
      if (!pairs.has(key)) pairs.set(key, pairs.size);
      return pairs.get(key)!;
    });
    this.cellsOf = rows.map(() => []);
    this.routes = this.sim.routes;
    const keys = new Map<string, number>();
    this.classOf = this.routes.map((r) => {
      const key =
        r.authorizationType === 'NONE'
          ? 'public'
          : `${r.authorizationType}|${r.authorizer?.address}|${[...r.scopes].sort().join(' ')}`;
      if (!keys.has(key)) {
        keys.set(key, this.classes.length);
        this.classes.push(r);
      }
      return keys.get(key)!;
    });
  }

  get stack(): string {
    return this.sim.model.stackName;
  }

  /** The cell of a row and a route (by index in `routes`). */
  cell(row: MatrixRow, routeIndex: number): Cell {
    return this.cached(this.rowIndex(row), this.classOf[routeIndex]);
  }

  /** Cells of a row for every route, in route order. */
  rowCells(row: MatrixRow): Cell[] {
    const index = this.rowIndex(row);
    return this.classOf.map((cls) => this.cached(index, cls));
  }

  /** The route class of a route: routes of one class (same authorizer and scopes) share their cells. */
  classOfRoute(routeIndex: number): number {
    return this.classOf[routeIndex];
  }

  /** The cell a row has for every route of a class. */
  classCell(row: MatrixRow, cls: number): Cell {
    return this.cached(this.rowIndex(row), cls);
  }

  private cached(index: number, cls: number): Cell {
    const cells = this.cellsOf[index];
    return cells[cls] ?? (cells[cls] = this.compute(index, this.classes[cls], cls));
  }

  /** Routes a row reaches below the sign-in its scopes declare (`scopeAssurance`), with the scope. */
  belowDeclaredAssurance(row: MatrixRow): { route: string; scope: string; required: string }[] {
    const declared = this.sim.model.declarations.scopeAssurance;
    return this.rowCells(row).flatMap((c, i) => {
      const route = this.routes[i];
      if (c.decision !== 'allow' || route.authorizationType === 'NONE') return [];
      const scope = route.scopes.find((s) => declared[s] !== undefined);
      const required = scope ? (declared[scope] as (typeof ASSURANCE_LEVELS)[number]) : undefined;
      return scope && required && c.rank < (ASSURANCE_RANK[required] ?? 0) && route.scopes.every((s) => declared[s])
        ? [{ route: route.routeKey, scope, required }]
        : [];
    });
  }

  private rowIndex(row: MatrixRow): number {
    const i = this.indexOfRow.get(row);
    if (i === undefined) throw new Error(`${this.stack}: the row ${row.group} / ${row.app.key} is not in this matrix`);
    return i;
  }

  private compute(index: number, route: Route, cls: number): Cell {
    const row = this.rows[index];
    if (route.authorizationType === 'NONE') return PUBLIC;
    if (row.signIn.decision === 'deny')
      return (this.deniedRow[index] ??= { decision: 'deny', rank: Infinity, status: 401, reason: row.signIn.reason });
    // The token part depends on neither the context nor the app beyond its access policies and grant:
    // once per such signature and route class.
    const sig = this.signature(index, route);
    const part = (this.tokenParts[sig] ??= [])[cls] ?? (this.tokenParts[sig][cls] = this.tokenPart(row, route));
    if (part.decision === 'deny') return part;
    // Every allowed cell of a row is the same: the row's sign-in.
    return (this.allowedRow[index] ??= {
      decision: 'allow',
      signIn: row.signIn.signIn,
      rank: row.signIn.rank,
      reason: row.signIn.reason,
    });
  }

  /** The token signature of a row for a route's server: server, grant, group and the app's access policies. */
  private signature(index: number, route: Route): number {
    const server = route.server ?? this.sim.model.resources('okta_auth_server')[0];
    const pair = this.pairOf[index];
    const cached = this.pairSig[pair];
    if (cached && cached.server === server) return cached.sig;
    const row = this.rows[index];
    const policies = server ? this.sim.accessPolicies(server) : [];
    const holds = policies.flatMap((p, i) =>
      this.sim.clientsOf(p).all || this.sim.clientsOf(p).apps.has(row.app.resource.address) ? [i] : [],
    );
    const key = `${server?.address}|${grantOf(row.app)}|${row.app.type === 'service' ? CLIENT : row.group}|${holds.join(
      ',',
    )}`;
    const sig = this.sigs.get(key) ?? this.sigs.set(key, this.sigs.size).get(key)!;
    this.pairSig[pair] = { server, sig };
    return sig;
  }

  /** Whether the pair's token passes the route's authorizer: a deny cell, or why it does (an allow, no sign-in). */
  private tokenPart(row: MatrixRow, route: Route): Cell {
    if (route.authorizationType !== 'JWT')
      return {
        decision: 'deny',
        rank: Infinity,
        status: 401,
        reason: `authorization type ${route.authorizationType} is not simulated`,
      };
    const server = route.server ?? this.sim.model.resources('okta_auth_server')[0];
    if (!server)
      return { decision: 'deny', rank: Infinity, status: 401, reason: 'no authorization server in the stack' };
    let first: TokenOutcome | undefined;
    for (const scope of route.scopes.length ? route.scopes : ['openid']) {
      const t = tokenFor(this.sim, [row.group], row.app, server, scope, false);
      first ??= t;
      if (!t.rule) continue;
      if (!this.rejected.has(route)) this.rejected.set(route, tokenRejected(this.sim, route, server));
      const rejected = this.rejected.get(route);
      return rejected
        ? { decision: 'deny', rank: Infinity, status: 401, reason: rejected }
        : { decision: 'allow', rank: 0, reason: t.reason };
    }
    return { decision: 'deny', rank: Infinity, status: route.scopes.length ? 403 : 401, reason: first!.reason };
  }
}

const PUBLIC: Cell = { decision: 'allow', signIn: 'none (public route)', rank: 0, reason: 'public route' };

/**
 * Parity: the access-matrix cells a live org can evaluate, replayed against Okta's own policy evaluator
 * (`POST /api/v1/policies/simulate?expand=EVALUATED`: the app instance, the groups, network zones, the
 * device and the risk level; Okta's "Test your policies with access simulations" guide), after the stack is
 * applied. A cell is one row of the matrix (a group, an app, a context); Okta's answer names the global
 * session rule and the authentication policy rule it matched (or refuses: the group is not assigned), and
 * every cell where those differ from the simulator's is a `parity-mismatch` (blocker).
 *
 * Not replayed: machine clients (no sign-in), contexts the endpoint cannot express (behaviours detected, a
 * set of enrolled authenticators) and cells an org-wide BLOCKLIST zone stops before any policy. Cells that
 * ask Okta the same question (the same authentication policy, group, zones, device and risk) are sent once.
 * The client keeps `rateShare` of the endpoint's rate limit free for the org (api.ts).
 */
import { AccessMatrix, type MatrixRow } from '../../simulator/matrix';
import { matrixContexts, type AccessContext } from '../../simulator/context';
import { zonesHit } from '../../simulator/evaluate';
import { EVERYONE, ReadModel } from '../../synthesized/read-model';
import type { StackModel } from '../../synthesized/model';
import { mapLimit, oktaError, OrgError } from './api';
import type { Finding, OrgReport } from './findings';
import { sortFindings } from './findings';
import type { LiveOrg, OktaNamed } from './org';

/** What one side says a cell matched. */
export interface Matched {
  /** false: the group is not assigned to the app (Okta: E0000001 "... is not assigned to this application"). */
  readonly assigned: boolean;
  /** `<global session policy> / <rule>`. */
  readonly session?: string;
  /** `<authentication policy> / <rule>`. */
  readonly app?: string;
}

/** One replayable cell: its row, what the simulator matched, and the question for Okta. */
export interface Cell {
  readonly row: MatrixRow;
  readonly ours: Matched;
  readonly key: string;
  readonly body: SimulateBody;
}

export interface SimulateBody {
  readonly appInstance: string;
  readonly policyTypes: readonly string[];
  readonly policyContext: {
    readonly groups: { readonly ids: readonly string[] };
    readonly risk: { readonly level: string };
    readonly zones?: { readonly ids: readonly string[] };
    readonly device: {
      readonly platform: string;
      readonly registered: boolean;
      readonly managed: boolean;
      readonly assuranceId?: string;
    };
  };
}

const POLICY_TYPES = ['OKTA_SIGN_ON', 'ACCESS_POLICY'] as const;

/** The cells of the matrix the simulation endpoint can replay. */
export function replayableRows(model: StackModel): MatrixRow[] {
  const matrix = new AccessMatrix(model, matrixContexts([model]));
  return matrix.rows.filter(
    (r) =>
      r.app.type !== 'service' &&
      r.context.behaviours.length === 0 &&
      r.context.authenticators === undefined &&
      !r.signIn.trace.some((t) => t.stage === 'network' && t.outcome === 'deny'),
  );
}

/** What the simulator matched for a row: the last global session and app sign-on steps its trace took. */
export function oursOf(row: MatrixRow): Matched {
  const trace = row.signIn.trace;
  if (trace.some((t) => t.stage === 'assignment' && t.outcome === 'deny')) return { assigned: false };
  const last = (stage: string) =>
    trace.filter((t) => t.stage === stage && (t.outcome === 'match' || t.outcome === 'deny')).pop()?.subject;
  const session = last('global session');
  const app = last('app sign-on');
  return {
    assigned: true,
    // Okta's fallback rule of a policy is its "Default Rule" (global session) or "Catch-all Rule" (app).
    session: session && !session.includes(' / ') ? `${session} / Default Rule` : session,
    app: app && !app.includes(' / ') ? `${app} / Catch-all Rule` : app,
  };
}

/** What Okta matched, from the simulation's answer (a list of evaluations, or `{ evaluation: [...] }`). */
export function oktaMatched(status: number, body: unknown): Matched {
  if (status === 400) {
    const causes = JSON.stringify((body as { errorCauses?: unknown })?.errorCauses ?? []);
    if (/not assigned/i.test(causes)) return { assigned: false };
    throw new OrgError(`POST /api/v1/policies/simulate: the org answered 400 (${oktaError(body) ?? 'no reason'})`);
  }
  const list = Array.isArray(body) ? body : ((body as { evaluation?: unknown[] })?.evaluation ?? []);
  const matched = (type: string): string | undefined => {
    const evaluation = list.find((e) => (e as { policyType?: string })?.policyType === type) as any;
    const policy = (evaluation?.result?.policies ?? []).find((p: any) => p?.status === 'MATCH');
    const rule = (policy?.rules ?? []).find((r: any) => r?.status === 'MATCH');
    return policy && rule ? `${policy.name} / ${rule.name}` : undefined;
  };
  return { assigned: true, session: matched('OKTA_SIGN_ON'), app: matched('ACCESS_POLICY') };
}

/** Where ours and Okta's differ, in words (empty: they agree). */
export function differences(ours: Matched, okta: Matched): string[] {
  if (ours.assigned !== okta.assigned)
    return [
      ours.assigned
        ? 'Okta says the group is not assigned to the app'
        : 'Okta evaluates a group the stack does not assign',
    ];
  if (!ours.assigned) return [];
  const out: string[] = [];
  if (ours.session && okta.session !== ours.session)
    out.push(`global session: Okta matched ${okta.session ?? 'no rule'}, the simulator ${ours.session}`);
  if (ours.app && okta.app !== ours.app)
    out.push(`authentication policy: Okta matched ${okta.app ?? 'no rule'}, the simulator ${ours.app}`);
  return out;
}

/** Okta's ids of what the stack named, found once. */
interface Ids {
  readonly app: (label: string) => string;
  readonly group: (name: string) => string;
  readonly zone: (name: string) => string;
  readonly assurance: (name: string) => string | undefined;
}

async function idsIn(org: LiveOrg, model: StackModel, rows: readonly MatrixRow[]): Promise<Ids> {
  const groupNames = [...new Set([...rows.map((r) => r.group), EVERYONE])];
  const [apps, groups, zones, assurances] = await Promise.all([
    org.apps(),
    org.groupsNamed(groupNames),
    org.zones(),
    model.all().some((r) => r.type.startsWith('okta_policy_device_assurance_')) ? org.deviceAssurances() : [],
  ]);
  const one = (what: string, name: string, found: readonly { id: string }[]): string => {
    if (found.length === 1) return found[0].id;
    throw new OrgError(
      found.length === 0
        ? `the org has no ${what} "${name}": parity runs after the stack is applied (apply it first)`
        : `the org has ${found.length} ${what}s "${name}": parity cannot tell which one the stack manages`,
    );
  };
  const byName = (xs: readonly OktaNamed[], name: string) => xs.filter((x) => x.name === name);
  return {
    app: (label) =>
      one(
        'app',
        label,
        apps.filter((a) => a.name === 'oidc_client' && a.label === label),
      ),
    group: (name) =>
      one(
        'group',
        name,
        groups.filter((g) => g.profile.name === name),
      ),
    zone: (name) => one('network zone', name, byName(zones, name)),
    assurance: (name) => byName(assurances, name)[0]?.id,
  };
}

/** The simulation request of a row. */
function bodyOf(read: ReadModel, row: MatrixRow, ids: Ids): SimulateBody {
  const ctx: AccessContext = row.context;
  const hit = zonesHit(read, ctx);
  const zoneIds = read.zones.filter((z) => hit.has(z.address)).map((z) => ids.zone(z.name));
  const platform = ctx.device.os.toLowerCase();
  const assurance = read.model.resources(`okta_policy_device_assurance_${platform}`)[0];
  const assuranceName = assurance && typeof assurance.attrs.name === 'string' ? assurance.attrs.name : undefined;
  const assuranceId = ctx.device.compliant && assuranceName ? ids.assurance(assuranceName) : undefined;
  return {
    appInstance: ids.app(row.app.label),
    policyTypes: POLICY_TYPES,
    policyContext: {
      groups: { ids: [...new Set([row.group, EVERYONE])].map(ids.group) },
      risk: { level: ctx.risk },
      ...(zoneIds.length ? { zones: { ids: zoneIds } } : {}),
      device: {
        platform: ctx.device.os,
        registered: ctx.device.registered,
        managed: ctx.device.managed,
        ...(assuranceId ? { assuranceId } : {}),
      },
    },
  };
}

/** The replayable cells of the stack, each with its question in the org's ids. */
export async function cellsOf(org: LiveOrg, model: StackModel): Promise<Cell[]> {
  const read = ReadModel.of(model);
  const rows = replayableRows(model);
  const ids = await idsIn(org, model, rows);
  return rows.map((row) => {
    const body = bodyOf(read, row, ids);
    // Cells asking the same question of the same authentication policy get one request.
    const policy = row.app.signOnPolicy?.address ?? row.app.address;
    const key = JSON.stringify({ policy, context: body.policyContext });
    return { row, ours: oursOf(row), key, body };
  });
}

export async function parity(
  org: LiveOrg,
  model: StackModel,
): Promise<OrgReport & { readonly checked: number; readonly requests: number }> {
  const cells = await cellsOf(org, model);
  const questions = [...new Map(cells.map((c) => [c.key, c.body])).entries()];
  const answers = new Map(
    await mapLimit(questions, 2, async ([key, body]) => {
      const r = await org.api.post<unknown>('/api/v1/policies/simulate?expand=EVALUATED', [body], (s) => s === 400);
      return [key, oktaMatched(r.status, r.body)] as const;
    }),
  );
  const findings: Finding[] = cells.flatMap((c) => {
    const okta = answers.get(c.key)!;
    const diffs = differences(c.ours, okta);
    if (diffs.length === 0) return [];
    return [
      {
        kind: 'parity-mismatch' as const,
        severity: 'blocker' as const,
        subject: {
          type: 'cell',
          name: `${c.row.group} / ${c.row.app.label} / ${c.row.context.key}`,
          id: c.body.appInstance,
        },
        message:
          `${c.row.context.description}: ${diffs.join('; ')}. The simulator's answer for this cell ` +
          `(${c.row.signIn.decision}) is not what Okta does: fix the simulator or the stack before trusting the matrix`,
      },
    ];
  });
  return {
    environment: model.environment ?? model.stackName,
    org: org.api.origin,
    findings: sortFindings(findings),
    imports: [],
    checked: cells.length,
    requests: questions.length,
  };
}

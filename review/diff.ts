/**
 * The resource-level semantic diff of two synthesized stacks: resources added, removed and changed at
 * attribute level, references shown by what they point to, which changes force Terraform to replace a
 * resource (okta 4.20 / aws 5.100), construct-id changes (the same logical resource under a new address)
 * and destroys of protected resources.
 */
import { isObject, show, type Json, type StackModel, type TfResource } from '../synthesized/model';
import { isProtected } from '../synthesized/read-model';
import { Labels, logicalPath } from '../synthesized/labels';

export interface AttributeChange {
  /** Attribute path, e.g. `cors_configuration.allow_origins`. */
  readonly path: string;
  /** Values as a reviewer reads them (references as what they point to); undefined = unset. */
  readonly before?: string;
  readonly after?: string;
  /** Why this change forces replacement, when it does. */
  readonly forcesReplacement?: string;
}

/** `imported`: the head adopts an existing object at this address (a Terraform `import` block the base lacks). */
export type ResourceChangeKind = 'added' | 'removed' | 'changed' | 'readdressed' | 'imported';

export interface ResourceChange {
  readonly kind: ResourceChangeKind;
  readonly type: string;
  /** Address in the head (added, changed, readdressed) or the base (removed). */
  readonly address: string;
  /** The base address when it differs (readdressed). */
  readonly baseAddress?: string;
  /** What a reviewer calls it: `okta_app_oauth "Customer portal (SPA)"`. */
  readonly subject: string;
  /** Construct path without the stack name. */
  readonly logicalPath: string;
  readonly attributes: readonly AttributeChange[];
  /** Why Terraform destroys and recreates the resource (empty: in place or not a change). */
  readonly replacement: readonly string[];
  /** The resource is destroyed (removed or replaced) although the base protects it with prevent_destroy. */
  readonly destroysProtected: boolean;
}

type Rule = {
  readonly path: string;
  readonly why: string;
  readonly when?: (before: Json | undefined, after: Json | undefined) => boolean;
};

/**
 * Attributes whose change makes the provider replace the resource (ForceNew), for okta 4.20.0 and
 * aws 5.100.0, with what the replacement means for the people who depend on it.
 */
export const FORCES_REPLACEMENT: Readonly<Record<string, readonly Rule[]>> = {
  okta_app_oauth: [
    {
      path: 'type',
      why:
        'the app type cannot change in place: Okta creates a new app ' +
        'with a new client_id and every caller must be reconfigured',
    },
    {
      path: 'omit_secret',
      why: 'turning omit_secret from true to false recreates the app: new client_id, every caller must be reconfigured',
      when: (b, a) => b === true && a !== true,
    },
  ],
  okta_app_group_assignments: [{ path: 'app_id', why: 'the assignments move to another app' }],
  okta_auth_server_scope: [{ path: 'auth_server_id', why: 'the scope moves to another authorization server' }],
  okta_auth_server_claim: [{ path: 'auth_server_id', why: 'the claim moves to another authorization server' }],
  okta_auth_server_policy: [{ path: 'auth_server_id', why: 'the policy moves to another authorization server' }],
  okta_auth_server_policy_rule: [
    { path: 'auth_server_id', why: 'the rule moves to another authorization server' },
    { path: 'policy_id', why: 'the rule moves to another policy' },
  ],
  okta_policy_rule_signon: [
    { path: 'name', why: 'a sign-on rule is recreated when renamed (briefly absent: the next rule applies)' },
    { path: 'policy_id', why: 'the sign-on rule moves to another policy' },
  ],
  okta_policy_rule_mfa: [
    { path: 'name', why: 'an MFA enrollment rule is recreated when renamed' },
    { path: 'policy_id', why: 'the MFA enrollment rule moves to another policy' },
  ],
  okta_app_signon_policy_rule: [{ path: 'policy_id', why: 'the app sign-on rule moves to another policy' }],
  okta_authenticator: [
    { path: 'key', why: 'an authenticator key cannot change; authenticators cannot be deleted, only deactivated' },
  ],
  aws_apigatewayv2_api: [
    { path: 'protocol_type', why: 'the API is recreated: new API id and invoke URL for every client' },
  ],
  aws_apigatewayv2_authorizer: [{ path: 'api_id', why: 'the authorizer moves to another API' }],
  aws_apigatewayv2_route: [{ path: 'api_id', why: 'the route moves to another API' }],
  aws_apigatewayv2_integration: [
    { path: 'api_id', why: 'the integration moves to another API' },
    { path: 'integration_type', why: 'the integration type cannot change in place' },
  ],
  aws_apigatewayv2_stage: [
    { path: 'api_id', why: 'the stage moves to another API' },
    { path: 'name', why: 'the stage is recreated: its invoke URL changes' },
  ],
  aws_lambda_function: [{ path: 'function_name', why: 'the function is recreated under a new name (its ARN changes)' }],
  aws_lambda_permission: [
    { path: 'action', why: 'permissions are immutable' },
    { path: 'function_name', why: 'permissions are immutable' },
    { path: 'principal', why: 'permissions are immutable' },
    { path: 'source_arn', why: 'permissions are immutable' },
    { path: 'statement_id', why: 'permissions are immutable' },
  ],
  aws_cloudwatch_log_group: [{ path: 'name', why: 'the log group is recreated: its existing log events are deleted' }],
  aws_iam_role: [
    { path: 'name', why: 'the role is recreated under a new name' },
    { path: 'path', why: 'the role is recreated under a new path' },
  ],
  aws_iam_role_policy_attachment: [
    { path: 'role', why: 'attachments are immutable' },
    { path: 'policy_arn', why: 'attachments are immutable' },
  ],
};

/** Attributes that are bookkeeping, not configuration. */
const IGNORED = new Set(['depends_on']);

/** Compares two versions of one stack. */
export function diffStacks(base: StackModel, head: StackModel): ResourceChange[] {
  const baseLabels = new Labels(base);
  const headLabels = new Labels(head);
  const baseAll = base.all().filter((r) => r.mode === 'resource');
  const headAll = head.all().filter((r) => r.mode === 'resource');
  const headAddresses = new Set(headAll.map((r) => r.address));
  const baseAddresses = new Set(baseAll.map((r) => r.address));

  // Same logical resource under a new address (a construct id change): pair removed and added
  // resources of a type by their construct path and attribute similarity.
  const removed = baseAll.filter((r) => !headAddresses.has(r.address));
  const added = headAll.filter((r) => !baseAddresses.has(r.address));
  const moves = pairMoves(removed, added);
  const renamed = new Map<string, string>(moves.map(([b, h]) => [b.address, h.address]));
  const declaredMoves = movedBlocks(head);

  const canonical = (value: Json | undefined): Json | undefined => rewriteRefs(value, renamed);
  const changes: ResourceChange[] = [];

  for (const h of headAll) {
    const b = base.get(h.address);
    if (!b || b.mode !== 'resource') continue;
    const attributes = compareAttrs(h.type, canonical(b.attrs as Json), h.attrs as Json, baseLabels, headLabels);
    if (attributes.length === 0) continue;
    const replacement = attributes.filter((a) => a.forcesReplacement).map((a) => `${a.path}: ${a.forcesReplacement}`);
    changes.push({
      kind: 'changed',
      type: h.type,
      address: h.address,
      subject: subjectOf(h, headLabels),
      logicalPath: logicalPath(h),
      attributes,
      replacement,
      destroysProtected: replacement.length > 0 && isProtected(b),
    });
  }
  for (const [b, h] of moves) {
    const attributes = compareAttrs(h.type, canonical(b.attrs as Json), h.attrs as Json, baseLabels, headLabels);
    const declared = declaredMoves.get(b.address) === h.address;
    const replacement = declared
      ? attributes.filter((a) => a.forcesReplacement).map((a) => `${a.path}: ${a.forcesReplacement}`)
      : [
          `construct id changed (${logicalPath(b)} -> ${logicalPath(h)}): Terraform destroys the ` +
            `old resource and creates a new one, even past ` +
            `\`prevent_destroy\`${h.type === 'okta_app_oauth' ? ' (a new `client_id`: every caller breaks)' : ''}; ` +
            `keep the id or add a moved block`,
        ];
    changes.push({
      kind: 'readdressed',
      type: h.type,
      address: h.address,
      baseAddress: b.address,
      subject: subjectOf(h, headLabels),
      logicalPath: logicalPath(h),
      attributes,
      replacement,
      destroysProtected: replacement.length > 0 && isProtected(b),
    });
  }
  const moved = new Set(moves.flatMap(([b, h]) => [b.address, h.address]));
  for (const h of added) {
    if (moved.has(h.address)) continue;
    changes.push({
      kind: 'added',
      type: h.type,
      address: h.address,
      subject: subjectOf(h, headLabels),
      logicalPath: logicalPath(h),
      attributes: compareAttrs(h.type, undefined, h.attrs as Json, baseLabels, headLabels),
      replacement: [],
      destroysProtected: false,
    });
  }
  for (const b of removed) {
    if (moved.has(b.address)) continue;
    changes.push({
      kind: 'removed',
      type: b.type,
      address: b.address,
      subject: subjectOf(b, baseLabels),
      logicalPath: logicalPath(b),
      attributes: compareAttrs(b.type, b.attrs as Json, undefined, baseLabels, headLabels),
      replacement: [],
      destroysProtected: isProtected(b),
    });
  }
  const order: Record<ResourceChangeKind, number> = { removed: 0, readdressed: 1, changed: 2, imported: 3, added: 4 };
  return asImports(base, head, changes).sort(
    (x, y) => order[x.kind] - order[y.kind] || (x.address < y.address ? -1 : x.address > y.address ? 1 : 0),
  );
}

/**
 * Resources the head adopts through an `import` block the base does not have: Terraform reads the existing
 * object and then applies the stack's attributes to it (no create). Each becomes kind `imported`, listing
 * the attributes the stack sets, from an added resource or an unchanged one alike.
 */
function asImports(base: StackModel, head: StackModel, changes: ResourceChange[]): ResourceChange[] {
  const before = new Set(base.imports.map((i) => `${i.to} ${i.id}`));
  const adopted = new Map(head.imports.filter((i) => !before.has(`${i.to} ${i.id}`)).map((i) => [i.to, i.id]));
  if (adopted.size === 0) return changes;
  const labels = new Labels(head);
  const out = changes.filter((c) => !(adopted.has(c.address) && (c.kind === 'added' || c.kind === 'changed')));
  for (const [address, id] of adopted) {
    const r = head.get(address);
    if (!r || r.mode !== 'resource') continue;
    out.push({
      kind: 'imported',
      type: r.type,
      address,
      subject: `${subjectOf(r, labels)} (existing ${id})`,
      logicalPath: logicalPath(r),
      attributes: compareAttrs(r.type, undefined, r.attrs as Json, labels, labels),
      replacement: [],
      destroysProtected: false,
    });
  }
  return out;
}

/** `okta_app_oauth "Customer portal (SPA)"`. */
export function subjectOf(r: TfResource, labels: Labels): string {
  return `${r.type} "${labels.of(r)}"`;
}

function compareAttrs(
  type: string,
  before: Json | undefined,
  after: Json | undefined,
  baseLabels: Labels,
  headLabels: Labels,
): AttributeChange[] {
  const b = flatten(before);
  const a = flatten(after);
  const keys = [...new Set([...b.keys(), ...a.keys()])].sort();
  const rules = FORCES_REPLACEMENT[type] ?? [];
  const out: AttributeChange[] = [];
  for (const k of keys) {
    const bv = b.get(k);
    const av = a.get(k);
    if (JSON.stringify(bv) === JSON.stringify(av)) continue;
    const rule =
      before !== undefined && after !== undefined
        ? rules.find((r) => r.path === k && (r.when ? r.when(bv, av) : true))
        : undefined;
    out.push({
      path: k,
      before: bv === undefined ? undefined : display(bv, baseLabels),
      after: av === undefined ? undefined : display(av, headLabels),
      forcesReplacement: rule?.why,
    });
  }
  return out;
}

/** Leaf attributes by path; lists of scalars are one leaf, lists of blocks are indexed. */
export function flatten(value: Json | undefined, prefix = '', out = new Map<string, Json>()): Map<string, Json> {
  if (value === undefined) return out;
  if (isObject(value)) {
    for (const k of Object.keys(value).sort()) {
      if (prefix === '' && IGNORED.has(k)) continue;
      flatten(value[k], prefix ? `${prefix}.${k}` : k, out);
    }
    return out;
  }
  if (Array.isArray(value) && value.some((v) => isObject(v) || Array.isArray(v))) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
    return out;
  }
  out.set(prefix, value);
  return out;
}

/** A value as a reviewer reads it: references as `okta_group "API Admins"`. */
export function display(value: Json, labels: Labels): string {
  const text = (s: string): string =>
    s.replace(/\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g, (whole) => {
      const hit = labels.model.resolve(whole);
      if (!hit?.target) return show(whole);
      const attribute = ['id', 'client_id', 'arn', 'invoke_arn'].includes(hit.ref.attribute)
        ? ''
        : `.${hit.ref.attribute}`;
      return `${hit.target.type} "${labels.of(hit.target)}"${attribute}`;
    });
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return `[${value.map((v) => text(v as string)).join(', ')}]`;
  return JSON.stringify(value, (_, v) => (typeof v === 'string' ? text(v) : v));
}

function rewriteRefs(value: Json | undefined, renamed: ReadonlyMap<string, string>): Json | undefined {
  if (value === undefined || renamed.size === 0) return value;
  if (typeof value === 'string') {
    let s = value;
    for (const [from, to] of renamed) s = s.split(`${from}.`).join(`${to}.`);
    return s;
  }
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, renamed) as Json);
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteRefs(v, renamed) as Json]));
  return value;
}

/** Identity-like attributes: equal ones make two resources the same logical thing. */
const IDENTITY = ['name', 'label', 'route_key', 'function_name', 'key', 'origin', 'statement_id'];

function pairMoves(removed: readonly TfResource[], added: readonly TfResource[]): [TfResource, TfResource][] {
  const candidates: { b: TfResource; h: TfResource; score: number }[] = [];
  for (const b of removed) {
    for (const h of added) {
      if (h.type !== b.type) continue;
      const score = similarity(b, h);
      if (score >= 0.6) candidates.push({ b, h, score });
    }
  }
  candidates.sort((x, y) => y.score - x.score);
  const used = new Set<string>();
  const pairs: [TfResource, TfResource][] = [];
  for (const c of candidates) {
    if (used.has(c.b.address) || used.has(c.h.address)) continue;
    used.add(c.b.address);
    used.add(c.h.address);
    pairs.push([c.b, c.h]);
  }
  return pairs;
}

/** 0..1: share of equal attributes (references compared by type only), with identity attributes decisive. */
function similarity(b: TfResource, h: TfResource): number {
  const loose = (v: Json | undefined): Json | undefined =>
    typeof v === 'string'
      ? v.replace(/\$\{[^}]*\}/g, (m) => m.replace(/(\b[a-z][a-z0-9_]*)\.[A-Za-z_][A-Za-z0-9_-]*\./g, '$1.*.'))
      : v;
  const fb = flatten(b.attrs as Json);
  const fh = flatten(h.attrs as Json);
  const keys = new Set([...fb.keys(), ...fh.keys()]);
  if (keys.size === 0) return logicalPath(b).split('/').pop() === logicalPath(h).split('/').pop() ? 1 : 0;
  let equal = 0;
  for (const k of keys) {
    const x = fb.get(k);
    const y = fh.get(k);
    if (
      JSON.stringify(Array.isArray(x) ? x.map((v) => loose(v) as Json) : loose(x)) ===
      JSON.stringify(Array.isArray(y) ? y.map((v) => loose(v) as Json) : loose(y))
    )
      equal++;
  }
  let score = equal / keys.size;
  const identity = IDENTITY.find((k) => b.attrs[k] !== undefined || h.attrs[k] !== undefined);
  if (identity)
    score =
      JSON.stringify(b.attrs[identity]) === JSON.stringify(h.attrs[identity]) ? Math.min(1, score + 0.2) : score - 0.3;
  return score;
}

/** `moved` blocks of the head, from -> to. */
function movedBlocks(model: StackModel): Map<string, string> {
  const moved = model.json.moved;
  const out = new Map<string, string>();
  for (const m of Array.isArray(moved) ? moved : []) {
    if (isObject(m) && typeof m.from === 'string' && typeof m.to === 'string') out.set(m.from, m.to);
  }
  return out;
}

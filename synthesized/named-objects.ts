/**
 * Every named Okta object a synthesized stack creates, and the names that collide. Okta keeps one name per
 * object type in an org (per authorization server for scopes, claims and access policies; per policy for
 * rules), compared as its console shows them (case and runs of spaces do not tell apart). The list is read
 * from the stack itself, every `okta_*` resource with a `name`, so a new kind of object is covered without
 * being listed here; what is not a name Okta keeps unique (an app's label) has no `name` attribute.
 * Looked-up objects (data sources) and the names every org has (domain/okta/built-in-names.ts) are names
 * taken already.
 */
import { OKTA_BUILT_IN_NAMES } from '../domain/okta/built-in-names';
import { attr } from './json';
import type { StackModel, TfResource } from './model';

/** A named Okta object of the stack: created (resource) or looked up (data source). */
export interface NamedObject {
  readonly address: string;
  readonly name: string;
  /** The type family and the object it is unique within, e.g. `okta_auth_server_scope @ ${okta_auth_server.x.id}`. */
  readonly namespace: string;
  /** What kind of object, in words: `group`, `network zone`, `rule`... */
  readonly kind: string;
  readonly created: boolean;
}

/** A name held by more than one object of a namespace, at least one of them created by the stack. */
export interface NameCollision {
  readonly name: string;
  readonly kind: string;
  /** The objects the stack creates under that name (one or more). */
  readonly created: readonly NamedObject[];
  /** What else already holds it: a looked-up object's address, or `built in to every Okta org`. */
  readonly taken?: string;
}

/** Attributes that make a name unique within another object instead of the org. */
const SCOPES = ['auth_server_id', 'policy_id', 'policyid'] as const;

/** The type family: device assurance policies of every platform share one namespace. */
const family = (type: string): string => type.replace(/^(okta_policy_device_assurance)_.*$/, '$1');

/** Readable kinds of the families whose type name reads badly; any other type reads as its words. */
const KINDS: Readonly<Record<string, string>> = {
  okta_policy_device_assurance: 'device assurance policy',
  okta_policy_signon: 'global session policy',
  okta_policy_mfa: 'enrollment policy',
  okta_app_signon_policy: 'authentication policy',
  okta_auth_server: 'authorization server',
  okta_auth_server_scope: 'scope',
  okta_auth_server_claim: 'claim',
  okta_auth_server_policy: 'access policy',
  okta_behavior: 'behaviour',
};

/** The kind in words: `okta_network_zone` -> `network zone`; every kind of rule is a `rule`. */
function kindOf(type: string): string {
  const words = family(type)
    .replace(/^okta_/, '')
    .replace(/_/g, ' ');
  return KINDS[family(type)] ?? (words.includes('rule') ? 'rule' : words);
}

/** Okta compares names the way its console shows them. */
export const nameKey = (name: string): string => name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

function named(r: TfResource): NamedObject | undefined {
  const name = attr(r.attrs, 'name');
  if (!r.type.startsWith('okta_') || typeof name !== 'string' || name === '' || name.includes('${')) return undefined;
  const within = SCOPES.map((s) => attr(r.attrs, s)).find((v) => typeof v === 'string');
  const claimType = r.type === 'okta_auth_server_claim' ? ` ${String(attr(r.attrs, 'claim_type') ?? '')}` : '';
  // A rule's policy is the policy's own namespace: rules of different policy types never meet.
  const namespace = `${family(r.type)}${claimType}${within ? ` @ ${String(within)}` : ''}`;
  return { address: r.address, name, namespace, kind: kindOf(r.type), created: r.mode === 'resource' };
}

/** Every named Okta object of the stack, created and looked up. */
export function namedOktaObjects(model: StackModel): NamedObject[] {
  return model.all().flatMap((r) => named(r) ?? []);
}

/** Every name the stack creates twice in one namespace, or creates where the org already has it. */
export function nameCollisions(model: StackModel): NameCollision[] {
  const groups = new Map<string, NamedObject[]>();
  for (const o of namedOktaObjects(model)) {
    const id = `${o.namespace}\n${nameKey(o.name)}`;
    groups.set(id, [...(groups.get(id) ?? []), o]);
  }
  const out: NameCollision[] = [];
  for (const objects of groups.values()) {
    const created = objects.filter((o) => o.created);
    if (created.length === 0) continue;
    const lookedUp = objects.find((o) => !o.created);
    const builtIn = (OKTA_BUILT_IN_NAMES[created[0].namespace] ?? []).some(
      (n) => nameKey(n) === nameKey(created[0].name),
    );
    const taken = lookedUp?.address ?? (builtIn ? 'built in to every Okta org' : undefined);
    if (created.length > 1 || taken) out.push({ name: created[0].name, kind: created[0].kind, created, taken });
  }
  return out;
}

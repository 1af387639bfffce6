/**
 * exists-unmanaged (warning, with its import): an object the stack would create already exists in the org
 * under the same name and is not in the stack's state: a group, an authorization server, an OIDC app, a
 * network zone or a trusted origin. Without an import the first apply creates a second one beside it (or
 * fails: Okta keeps trusted origins unique). Each such object is proposed as an import (`to` the stack's
 * address, `id` the object's id), which `--write-imports` writes to config/imports/<env>.json; a name that
 * several objects share is reported without one (adopt the right one by hand). Objects the stack already
 * adopts (an import block in the synthesized stack) are kept as imports and not reported again.
 */
import type { ImportBlock } from '../../../domain/imports';
import type { TfResource } from '../../../synthesized/model';
import type { Finding } from '../findings';
import type { Check, CheckContext } from './context';

interface Kind {
  readonly type: string;
  readonly noun: string;
  /** The stack resource's name in the org (the attribute the org matches on). */
  readonly nameOf: (r: TfResource) => string | undefined;
  /** The org's objects of that name. */
  readonly find: (ctx: CheckContext, names: readonly string[]) => Promise<readonly { id: string; name: string }[]>;
  /** What happens without the import. */
  readonly consequence: string;
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const DUPLICATE = 'the first apply creates a second one beside it';

const KINDS: readonly Kind[] = [
  {
    type: 'okta_group',
    noun: 'group',
    nameOf: (r) => text(r.attrs.name),
    find: async ({ org }, names) =>
      (await org.groupsNamed(names))
        .filter((g) => g.type === undefined || g.type === 'OKTA_GROUP')
        .map((g) => ({ id: g.id, name: g.profile.name })),
    consequence: `${DUPLICATE}, and rules and assignments name the new, empty group`,
  },
  {
    type: 'okta_auth_server',
    noun: 'authorization server',
    nameOf: (r) => text(r.attrs.name),
    find: async ({ org }, names) => (await org.authServersNamed(names)).map((s) => ({ id: s.id, name: s.name })),
    consequence: `${DUPLICATE}, with another issuer than the one callers use`,
  },
  {
    type: 'okta_app_oauth',
    noun: 'app',
    nameOf: (r) => text(r.attrs.label),
    find: async ({ org }, names) =>
      (await org.apps())
        .filter((a) => a.name === 'oidc_client' && names.includes(a.label))
        .map((a) => ({ id: a.id, name: a.label })),
    consequence: `${DUPLICATE}, with a new client_id: callers keep using the old app`,
  },
  {
    type: 'okta_network_zone',
    noun: 'network zone',
    nameOf: (r) => text(r.attrs.name),
    find: async ({ org }, names) => (await org.zones()).filter((z) => names.includes(z.name)),
    consequence: DUPLICATE,
  },
  {
    type: 'okta_trusted_origin',
    noun: 'trusted origin',
    nameOf: (r) => text(r.attrs.origin),
    find: async ({ org }, origins) =>
      (await org.trustedOrigins()).filter((o) => origins.includes(o.origin)).map((o) => ({ id: o.id, name: o.origin })),
    consequence: 'Okta refuses a second trusted origin for the same URL: the first apply fails there',
  },
];

export const existsUnmanaged: Check = async (ctx) => {
  const { model, managed } = ctx;
  const adopted = new Map(model.imports.map((i) => [i.to, i.id]));
  const findings: Finding[] = [];
  const imports: ImportBlock[] = model.imports.filter((i) => !managed.has(i.to));
  for (const kind of KINDS) {
    const wanted = model
      .resources(kind.type)
      .filter((r) => r.mode === 'resource' && !managed.has(r.address) && !adopted.has(r.address))
      .flatMap((r) => {
        const name = kind.nameOf(r);
        return name ? [{ r, name }] : [];
      });
    if (wanted.length === 0) continue;
    const existing = await kind.find(ctx, [...new Set(wanted.map((w) => w.name))]);
    const managedIds = new Set(managed.values());
    for (const { r, name } of wanted) {
      const same = existing.filter((o) => o.name === name && !managedIds.has(o.id));
      if (same.length === 0) continue;
      const [first] = same;
      const one = same.length === 1;
      findings.push({
        kind: 'exists-unmanaged',
        severity: 'warning',
        subject: { type: kind.noun, name, id: one ? first.id : undefined },
        message: one
          ? `the org already has this ${kind.noun}, outside the stack's state: ${kind.consequence}. Adopt it: ` +
            `npm run preflight -- --env ${model.environment} --write-imports (import ${first.id} to ${r.address})`
          : `the org has ${same.length} ${kind.noun}s of this name (${same.map((o) => o.id).join(', ')}): ` +
            `${kind.consequence}. Adopt the right one by hand in config/imports/${model.environment}.json ` +
            `(to ${r.address}), or rename`,
      });
      if (one) imports.push({ to: r.address, id: first.id });
    }
  }
  return { findings, imports };
};

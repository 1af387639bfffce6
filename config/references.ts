/**
 * What in a config can be turned off or removed, and every place that relies on it, in one table: the general
 * cross-reference check (rules/references.ts) reports a use whose thing is missing or off. Each kind says how
 * its things are found (declared, and when off, where and why) and where they are used; the check is the same
 * for every kind, so a new use is one line here. Authenticators are read generically (every key of
 * identity.mfa.authenticators).
 */
import { SYSTEM_SCOPES } from '../domain/oauth-clients';
import { EVERYONE, hardenedByDefault, type EnvironmentConfig, type ManagedIdentity } from './schema';

export type Path = (string | number)[];

/** A thing that can be turned off or removed. */
export interface Referent {
  readonly key: string;
  /** Where it is declared (undefined for things every org has, such as the Everyone group). */
  readonly path?: Path;
  /** Set when it is declared but off: where it is turned off, and how, in words. */
  readonly off?: { readonly path: Path; readonly why: string };
}

/** A place that relies on a thing. */
export interface Use {
  readonly key: string;
  readonly path: Path;
  /** What relies on it, in words: `route 'GET /me'`, `password recovery`. */
  readonly what: string;
}

/** One kind of thing: its referents and its uses in a config. */
export interface ReferenceKind {
  readonly kind: string;
  readonly referents: (c: EnvironmentConfig, id: ManagedIdentity) => Referent[];
  readonly uses: (c: EnvironmentConfig, id: ManagedIdentity) => Use[];
}

const MFA: Path = ['identity', 'mfa'];

/** Scopes some access policy rule grants (the OpenID scopes are granted by rules too). */
function grantedScopes(id: ManagedIdentity): Set<string> {
  return new Set(id.accessPolicies.flatMap((p) => p.rules.flatMap((r) => r.scopes)));
}

export const REFERENCE_KINDS: readonly ReferenceKind[] = [
  {
    kind: 'group',
    referents: (_c, id) => [
      { key: EVERYONE },
      ...Object.keys(id.groups).map((key) => ({ key, path: ['identity', 'groups', key] })),
    ],
    uses: (_c, id) => [
      ...id.apps.flatMap((a, i) =>
        a.groups.map((key, j) => ({ key, path: ['identity', 'apps', i, 'groups', j], what: `app '${a.key}'` })),
      ),
      ...id.accessPolicies.flatMap((p, i) =>
        p.rules.flatMap((r, j) =>
          r.groups.map((key, k) => ({
            key,
            path: ['identity', 'accessPolicies', i, 'rules', j, 'groups', k],
            what: `access rule '${r.name}'`,
          })),
        ),
      ),
      ...(id.mfa?.rollout.waves ?? []).flatMap((w, i) =>
        w.groups.map((key, j) => ({
          key,
          path: [...MFA, 'rollout', 'waves', i, 'groups', j],
          what: `wave '${w.key}'`,
        })),
      ),
      ...(id.mfa?.adminSurfaces?.groups ?? []).map((key, j) => ({
        key,
        path: [...MFA, 'adminSurfaces', 'groups', j],
        what: 'the admin-surface rule',
      })),
      ...(id.mfa?.adminSurfaces
        ? [
            {
              key: id.mfa.adminSurfaces.breakGlass.group,
              path: [...MFA, 'adminSurfaces', 'breakGlass', 'group'],
              what: 'break-glass',
            },
          ]
        : []),
      ...Object.entries(id.mfa?.adminSurfaces?.roles ?? {}).map(([key, roles]) => ({
        key,
        path: [...MFA, 'adminSurfaces', 'roles', key],
        what: `admin role ${roles.join(', ')}`,
      })),
    ],
  },
  {
    // A scope is off when no access policy rule grants it: no token ever carries it.
    kind: 'scope',
    referents: (_c, id) => {
      const granted = grantedScopes(id);
      return [
        ...SYSTEM_SCOPES.map((key) => ({ key })),
        ...id.scopes.map((s, i) => ({
          key: s.name,
          path: ['identity', 'scopes', i],
          ...(granted.has(s.name)
            ? {}
            : { off: { path: ['identity', 'accessPolicies'], why: 'no access policy rule grants it' } }),
        })),
      ];
    },
    uses: (c, id) => [
      ...c.gateway.routes.flatMap((r, i) =>
        r.scopes.map((key, j) => ({ key, path: ['gateway', 'routes', i, 'scopes', j], what: `route '${r.routeKey}'` })),
      ),
      ...id.claims.flatMap((cl, i) =>
        (cl.scopes ?? []).map((key, j) => ({
          key,
          path: ['identity', 'claims', i, 'scopes', j],
          what: `claim '${cl.name}'`,
        })),
      ),
      ...id.accessPolicies.flatMap((p, i) =>
        p.rules.flatMap((r, j) =>
          r.scopes.map((key, k) => ({
            key,
            path: ['identity', 'accessPolicies', i, 'rules', j, 'scopes', k],
            what: `access rule '${r.name}'`,
          })),
        ),
      ),
    ],
  },
  {
    kind: 'app',
    referents: (_c, id) => id.apps.map((a, i) => ({ key: a.key, path: ['identity', 'apps', i] })),
    uses: (_c, id) =>
      id.accessPolicies.flatMap((p, i) =>
        p.clients.map((key, j) => ({
          key,
          path: ['identity', 'accessPolicies', i, 'clients', j],
          what: `policy '${p.key}'`,
        })),
      ),
  },
  {
    // Read generically: every authenticator listed, off when INACTIVE.
    kind: 'authenticator',
    referents: (_c, id) =>
      Object.entries(id.mfa?.authenticators ?? {}).map(([key, a]) => ({
        key,
        path: [...MFA, 'authenticators', key],
        ...(a?.status === 'INACTIVE'
          ? { off: { path: [...MFA, 'authenticators', key, 'status'], why: 'is INACTIVE' } }
          : {}),
      })),
    uses: (c, id) => {
      // The break-glass accounts sign in with these beside their password.
      const breakGlass = (id.mfa?.adminSurfaces?.breakGlass.authenticators ?? []).map((key, i) => ({
        key,
        path: [...MFA, 'adminSurfaces', 'breakGlass', 'authenticators', i],
        what: 'the break-glass sign-in',
      }));
      const email = id.mfa?.authenticators.email;
      // A security question kept for recovery: password recovery by question needs it and the password.
      const question = id.mfa?.authenticators['security-question'];
      const qPath = [...MFA, 'authenticators', 'security-question', 'recovery'];
      const byQuestion = question?.recovery
        ? ['security-question', 'password'].map((key) => ({
            key,
            path: qPath,
            what: 'password recovery by security question (recovery)',
          }))
        : [];
      if (!email || !hardenedByDefault(c.environment, email.recoveryOnly)) return [...breakGlass, ...byQuestion];
      // Recovery-only email means password recovery by email: it needs both of them.
      const path = [...MFA, 'authenticators', 'email', 'recoveryOnly'];
      const byDefault = email.recoveryOnly === undefined ? `, on by default in ${c.environment}` : '';
      const what = `password recovery by email (recoveryOnly${byDefault})`;
      return [...breakGlass, ...['email', 'password'].map((key) => ({ key, path, what })), ...byQuestion];
    },
  },
  {
    kind: 'device assurance policy',
    referents: (_c, id) =>
      Object.keys(id.mfa?.deviceAssurance ?? {}).map((key) => ({ key, path: [...MFA, 'deviceAssurance', key] })),
    uses: (_c, id) =>
      (['high', 'critical'] as const).flatMap((tier) =>
        (id.mfa?.tiers[tier].deviceAssurances ?? []).map((key, j) => ({
          key,
          path: [...MFA, 'tiers', tier, 'deviceAssurances', j],
          what: `the ${tier} tier`,
        })),
      ),
  },
];

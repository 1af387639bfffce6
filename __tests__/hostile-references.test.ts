/**
 * Settings that contradict each other across features (issue 26, class 3): one general check
 * (config/references.ts, rules/references.ts) finds every use of a thing that is turned off or removed:
 * a scope no rule grants, an INACTIVE authenticator that recovery needs, a removed app, group or device
 * assurance policy. A removal another rule already reports is listed once.
 */
import { formatProblems } from '../config/load';
import type { EnvironmentName } from '../config/schema';
import { REFERENCE_KINDS } from '../config/references';
import { configFor, problemsOf } from './support/configs';

const problems = (env: EnvironmentName, edit: (c: any) => void) =>
  formatProblems(problemsOf(env, configFor(env, edit)));
const lines = (out: string) => out.split('\n').filter((l) => l !== '');

describe('GIVEN a thing turned off that another feature still relies on', () => {
  test('fails for a route and a claim needing a scope no access rule grants any more', () => {
    const out = problems('prod', (c) =>
      c.identity.accessPolicies.forEach((p: any) =>
        p.rules.forEach((r: any) => (r.scopes = r.scopes.filter((s: string) => s !== 'profile:read'))),
      ),
    );
    expect(lines(out)).toEqual([
      "[prod] gateway.routes['GET /me'].scopes[0] = \"profile:read\": route 'GET /me' relies on the scope " +
        "'profile:read', which no access policy rule grants it (identity.accessPolicies): turn it back on there, " +
        'or stop relying on it here',
      "[prod] identity.claims['email'].scopes[0] = \"profile:read\": claim 'email' relies on the scope " +
        "'profile:read', which no access policy rule grants it (identity.accessPolicies): turn it back on there, " +
        'or stop relying on it here',
    ]);
  });

  test('fails for recovery by email (on by default in staging) while email is INACTIVE', () => {
    const out = problems('staging', (c) =>
      Object.assign(c.identity.mfa.authenticators.email, { status: 'INACTIVE', enrollment: 'NOT_ALLOWED' }),
    );
    expect(out).toBe(
      '[staging] identity.mfa.authenticators.email.recoveryOnly = (missing): password recovery by email ' +
        "(recoveryOnly, on by default in staging) relies on the authenticator 'email', which is INACTIVE " +
        '(identity.mfa.authenticators.email.status): turn it back on there, or stop relying on it here',
    );
  });

  test('fails for recovery by email while password is INACTIVE (recovery is of the password)', () => {
    const out = problems('dev', (c) => {
      Object.assign(c.identity.mfa.authenticators.password, { status: 'INACTIVE', enrollment: 'NOT_ALLOWED' });
      c.identity.mfa.authenticators.email = { status: 'ACTIVE', enrollment: 'REQUIRED', recoveryOnly: true };
    });
    expect(out).toContain(
      '[dev] identity.mfa.authenticators.email.recoveryOnly = true: password recovery by email (recoveryOnly) ' +
        "relies on the authenticator 'password', which is INACTIVE",
    );
  });

  test('fails for the admin route once the only rule that granted its scope stops granting it', () => {
    const out = problems('staging', (c) => {
      const admins = c.identity.accessPolicies.find((p: any) => p.key === 'admin').rules[0];
      admins.scopes = admins.scopes.filter((s: string) => s !== 'admin:write');
    });
    expect(out).toBe(
      "[staging] gateway.routes['POST /admin/users'].scopes[0] = \"admin:write\": route 'POST /admin/users' relies " +
        "on the scope 'admin:write', which no access policy rule grants it (identity.accessPolicies): turn it back " +
        'on there, or stop relying on it here',
    );
  });
});

describe('GIVEN a thing removed that is still used', () => {
  test('fails once for a removed app a policy names (its rule reports it; the general check adds nothing)', () => {
    const out = problems('prod', (c) => (c.identity.apps = c.identity.apps.filter((a: any) => a.key !== 'mobile')));
    expect(lines(out).filter((l) => l.includes('clients'))).toEqual([
      '[prod] identity.accessPolicies[\'user-apps\'].clients[1] = "mobile": unknown app; declared: portal, ' +
        'admin-console, reporting-job, payments-console',
    ]);
  });

  test('fails once for a removed device assurance policy a tier names, and for a removed group', () => {
    const out = problems('prod', (c) => {
      delete c.identity.mfa.deviceAssurance['ios-baseline'];
      delete c.identity.groups.engineers;
    });
    expect(lines(out).filter((l) => l.includes('deviceAssurances'))).toHaveLength(2);
    expect(lines(out).filter((l) => l.includes('"engineers"'))).toEqual([
      expect.stringMatching(
        /^\[prod\] identity\.mfa\.rollout\.waves\['engineering'\]\.groups\[0\] = "engineers": unknown group/,
      ),
    ]);
  });

  test('every kind of the table lists its things and uses for the defaults, all of them resolved and on', () => {
    for (const env of ['dev', 'staging', 'prod'] as const) expect(problems(env, () => undefined)).toBe('');
    expect(REFERENCE_KINDS.map((k) => k.kind)).toEqual([
      'group',
      'scope',
      'app',
      'authenticator',
      'device assurance policy',
    ]);
  });
});

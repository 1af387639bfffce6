/**
 * The access matrix of the three default environments states what the design intends: payments:write
 * only with a phishing-resistant sign-in, admin routes only for API Admins, nothing for people from
 * blocked networks, no route below its scope's declared assurance; and `npm run simulate` answers
 * single questions and refuses bad input with what exists.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { StackModel } from '../synthesized/model';
import { matrixContexts } from '../simulator/context';
import { AccessMatrix, CLIENT, type MatrixRow } from '../simulator/matrix';
import { run, UsageError } from '../simulator/cli';
import { fixtureOutdir } from './support/fixture';

const ENVS = ['dev', 'staging', 'prod'] as const;
let dir: string;
const matrices = {} as Record<(typeof ENVS)[number], AccessMatrix>;

beforeAll(() => {
  // GIVEN the default environments as `npm run synth` writes them (synthesized once per run)
  dir = fixtureOutdir();
  for (const model of StackModel.loadDir(dir)) {
    matrices[model.environment as (typeof ENVS)[number]] = new AccessMatrix(model, matrixContexts([model]));
  }
});

/** Allowed cells of a route: [row, rank]. */
function allowed(m: AccessMatrix, routeKey: string, context?: string): [MatrixRow, number][] {
  const i = m.routes.findIndex((r) => r.routeKey === routeKey);
  expect(i).toBeGreaterThanOrEqual(0);
  return m.rows
    .filter((row) => !context || row.context.key === context)
    .map((row) => [row, m.cell(row, i)] as const)
    .filter(([, c]) => c.decision === 'allow')
    .map(([row, c]) => [row, c.rank]);
}
/** Whether the stack has a zone Okta uses as an org-wide blocklist. */
const orgWideBlocklist = (m: AccessMatrix) => m.sim.zones.some((z) => z.usage === 'BLOCKLIST');
const who = (cells: [MatrixRow, number][]) => [...new Set(cells.map(([r]) => `${r.group} via ${r.app.key}`))].sort();

describe.each(ENVS)('the %s matrix', (env) => {
  test(
    'GIVEN every context WHEN POST /payments is reached THEN only ' +
      'payments operators, only with a phishing-resistant sign-in',
    () => {
      const m = matrices[env];
      const cells = allowed(m, 'POST /payments');
      expect(who(cells)).toEqual(['API Payments Operators via payments-console']);
      for (const [, rank] of cells) expect(rank).toBeGreaterThanOrEqual(4);
      expect(allowed(m, 'POST /payments', 'ordinary')).toHaveLength(1);
    },
  );

  test(
    'GIVEN every context WHEN POST /admin/users is reached THEN only ' +
      'API Admins, through the admin console, device-bound and verified',
    () => {
      const m = matrices[env];
      const cells = allowed(m, 'POST /admin/users');
      expect(who(cells)).toEqual(['API Admins via admin-console']);
      for (const [, rank] of cells) expect(rank).toBe(5);
    },
  );

  test('fails: GIVEN a blocked country or Tor WHEN a person signs in THEN no protected route is reached', () => {
    const m = matrices[env];
    for (const context of ['blocked-country', 'tor']) {
      const rows = m.rows.filter((r) => r.context.key === context && r.group !== CLIENT);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.signIn.decision).toBe('deny');
        // Org-wide BLOCKLIST zones (staging, prod) stop the request before any policy; elsewhere the
        // global session policy's first rule denies it.
        expect(row.signIn.reason).toMatch(
          orgWideBlocklist(m) ? /BLOCKLIST zone/ : /Deny blocklisted networks denies access/,
        );
        m.rowCells(row).forEach((c, i) =>
          expect(c.decision === 'allow' ? m.routes[i].authorizationType : 'denied').toMatch(/NONE|denied/),
        );
      }
    }
  });

  test('GIVEN a blocked country WHEN the machine client calls THEN only an org-wide blocklist stops it', () => {
    // Okta's network conditions live in sign-on policies, which a client_credentials token never meets;
    // a BLOCKLIST zone refuses every request from it, the token endpoint included.
    const cells = allowed(matrices[env], 'GET /reports/{reportId}', 'blocked-country');
    expect(who(cells)).toEqual(orgWideBlocklist(matrices[env]) ? [] : [`${CLIENT} via reporting-job`]);
  });

  test(
    'GIVEN email recovery-only where the environment says so ' +
      'WHEN anyone signs in THEN email is never a sign-in factor',
    () => {
      const m = matrices[env];
      const email = m.sim.model.resources('okta_authenticator').find((a) => a.attrs.key === 'okta_email');
      const recoveryOnly = /"allowedFor":"recovery"/.test(String(email?.attrs.settings ?? ''));
      expect(recoveryOnly).toBe(env !== 'dev');
      const withEmail = m.rows.filter((r) => r.signIn.decision === 'allow' && /email/.test(r.signIn.signIn ?? ''));
      if (recoveryOnly) expect(withEmail).toEqual([]);
      else expect(withEmail.length).toBeGreaterThan(0);
    },
  );

  test(
    'GIVEN the declared scope assurances WHEN every row is ' + 'checked THEN no route is reached below its assurance',
    () => {
      const m = matrices[env];
      expect(m.rows.flatMap((r) => m.belowDeclaredAssurance(r))).toEqual([]);
    },
  );

  test('GIVEN the public health route WHEN anyone calls it from anywhere THEN it is allowed without sign-in', () => {
    const m = matrices[env];
    const cells = allowed(m, 'GET /health');
    expect(cells).toHaveLength(m.rows.length);
    for (const [, rank] of cells) expect(rank).toBe(0);
  });
});

test(
  'GIVEN the rollout phases WHEN API Users sign in to the portal ' +
    'THEN one factor before their wave, two factors once enforced',
  () => {
    const portal = (env: (typeof ENVS)[number]) =>
      matrices[env].rows.find(
        (r) => r.context.key === 'ordinary' && r.group === 'API Users' && r.app.key === 'portal',
      )!;
    expect(portal('prod').signIn.signIn).toBe('password');
    expect(portal('staging').signIn.signIn).toBe('password');
    expect(portal('dev').signIn).toMatchObject({ decision: 'allow', signIn: 'password + email', rank: 2 });
  },
);

test(
  'fails: GIVEN every environment includes device assurance in the ' +
    'critical tier WHEN an admin uses a device that fails it THEN denied',
  () => {
    const admin = (env: (typeof ENVS)[number], key: string) =>
      matrices[env].rows.find((r) => r.context.key === key && r.group === 'API Admins')!;
    for (const env of ENVS) {
      expect(admin(env, 'failing-device').signIn.decision).toBe('deny');
      expect(
        admin(env, 'failing-device').signIn.trace.find((t) => t.subject.endsWith('Phishing-resistant, device-bound'))
          ?.why,
      ).toBe('requires device assurance macOS baseline or Windows baseline or iOS baseline or Android baseline');
      // No environment declares device management: an unmanaged, compliant device is how admins sign in.
      expect(admin(env, 'unmanaged-device').signIn.decision).toBe('allow');
      expect(admin(env, 'ordinary').signIn.decision).toBe('allow');
    }
  },
);

test(
  'fails: GIVEN staging and prod deny HIGH risk in the critical tier ' +
    'WHEN an admin signs in at HIGH risk THEN denied',
  () => {
    const admin = (env: (typeof ENVS)[number]) =>
      matrices[env].rows.find((r) => r.context.key === 'high-risk' && r.group === 'API Admins')!;
    for (const env of ['staging', 'prod'] as const) {
      expect(admin(env).signIn.decision).toBe('deny');
      expect(admin(env).signIn.reason).toContain('Deny HIGH risk');
    }
    // dev has no risk scoring: HIGH risk is not a condition there.
    expect(admin('dev').signIn.decision).toBe('allow');
  },
);

test(
  'GIVEN an anomaly (every behaviour detected) ' + 'WHEN an enforced admin signs in THEN the anomaly rule asks for MFA',
  () => {
    for (const env of ENVS) {
      const row = matrices[env].rows.find((r) => r.context.key === 'anomaly' && r.group === 'API Admins')!;
      const session = row.signIn.trace.find(
        (t) => t.stage === 'global session' && t.outcome === 'match' && t.subject.includes(' / '),
      );
      expect(session?.subject).toBe('MFA rollout: global session / Anomaly: MFA, short session');
      expect(session?.why).toBe('first matching rule: allows, MFA required');
    }
  },
);

describe('npm run simulate', () => {
  const ask = (...args: string[]) => run(['--dir', dir, ...args]);

  test('GIVEN a question WHEN --json THEN one object with the decision, the status and the trace', () => {
    const out = JSON.parse(
      ask('--env', 'prod', '--group', 'API Users', '--app', 'portal', '--route', 'POST /payments', '--json'),
    );
    expect(out.decision).toBe('deny');
    expect(out.status).toBe(403);
    expect(out.trace.map((t: { stage: string }) => t.stage)).toEqual(
      expect.arrayContaining([
        'network',
        'assignment',
        'enrollment',
        'global session',
        'app sign-on',
        'sign-in',
        'token',
        'gateway',
      ]),
    );
    const ok = JSON.parse(
      ask(
        '--env',
        'prod',
        '--group',
        'API Payments Operators',
        '--app',
        'payments-console',
        '--route',
        'POST /payments',
        '--json',
      ),
    );
    expect(ok).toMatchObject({
      decision: 'allow',
      signIn: 'password + WebAuthn',
      strength: 'phishing-resistant',
      token: { scope: 'payments:write', accessTokenLifetimeMinutes: 5 },
    });
  });

  test('GIVEN a context on the command line WHEN from Tor THEN the verdict names the rule that denies', () => {
    const text = ask(
      '--env',
      'dev',
      '--group',
      'API Users',
      '--app',
      'Customer portal (SPA)',
      '--route',
      'GET /orders/42',
      '--zone',
      'tor',
    );
    // Dev enforces MFA for Everyone: the global session policy denies before the app's policy is read.
    expect(text).toContain(
      'DENY (401): no token: MFA rollout: global session / Deny blocklisted networks denies access',
    );
    expect(text).toContain('in zones: Blocked Tor exit nodes');
  });

  test('GIVEN --matrix WHEN asked for each environment THEN the matrix shows every context', () => {
    for (const env of ENVS) {
      const text = ask('--env', env, '--matrix');
      for (const c of ['ordinary', 'from a blocked country', 'through Tor', 'at HIGH risk', 'from an unmanaged device'])
        expect(text).toContain(c);
    }
  });

  test('fails: unknown environment, group, app and route are usage errors listing what exists', () => {
    expect(() => ask('--env', 'qa', '--matrix')).toThrow(
      new UsageError(`unknown environment "qa"; environments in ${dir}: dev, prod, staging`),
    );
    let message = '';
    try {
      ask('--env', 'prod', '--group', 'Nobody', '--app', 'nope', '--route', 'GET /nowhere', '--risk', 'SEVERE');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'unknown group "Nobody" in identity-gateway-prod; groups: API ' +
        'Admins, API Engineers, API Payments Operators, API Users, Okta Administrators, Okta Break-Glass, Everyone',
      expect.stringMatching(
        new RegExp(
          /^unknown app "nope" in identity-gateway-prod; apps: /.source +
            /admin-console \(Admin console \(web\)\), .*portal \(Customer portal \(SPA\)\)/.source,
        ),
      ),
      expect.stringMatching(
        /^no route "GET \/nowhere" in identity-gateway-prod; routes: GET \/health, GET \/me, .*POST \/payments$/,
      ),
      '--risk "SEVERE" is not a risk level; allowed: LOW, MEDIUM, HIGH',
    ]);
  });

  test('fails: GIVEN a usage error WHEN run as a command THEN it exits 2 with the usage', () => {
    const r = spawnSync(
      process.execPath,
      [
        '-r',
        join(__dirname, '..', 'tools', 'register.js'),
        join(__dirname, '..', 'simulator', 'cli.ts'),
        '--dir',
        dir,
        '--env',
        'prod',
        '--device',
        'managed,unregistered',
        '--group',
        'API Users',
        '--app',
        'portal',
        '--route',
        'GET /me',
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--device managed and unregistered contradict each other');
    expect(r.stderr).toContain('usage: npm run simulate');
  });
});

/**
 * `npm run preflight` against a local stand-in of the Okta API (tools/okta-stand-in.ts, 127.0.0.1 only):
 * each finding kind fires on an org seeded with that problem and stays quiet on a clean one, a Classic org
 * stops at its engine, and an org that cannot be read (401, 403, 429 throughout, 5xx, HTML, a hang, a DPoP
 * demand) is a clear exit 2. The command runs in-process on prod's synthesized stack (the shared fixture).
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Command } from '../release/org/cli';
import { OktaApi } from '../release/org/api';
import { PREFLIGHT_SCOPES } from '../release/org/scopes';
import { FINDING_KINDS, type OrgReport } from '../release/org/findings';
import { StackModel } from '../synthesized/model';
import { fixtureOutdir, synthesizedJson } from './support/fixture';
import {
  appliedOrg,
  copyOrg,
  DEFAULT_PASSWORD_SETTINGS,
  oktaId,
  passwordSettingsPut,
  type AppliedOrg,
} from '../tools/okta-org';
import { startStandIn, type StandInOptions, type StandInOrg } from '../tools/okta-stand-in';

const TOKEN = 'stand-in-api-token-0123456789';
const work = mkdtempSync(join(tmpdir(), 'preflight-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let prod: StackModel;
let applied: AppliedOrg;
beforeAll(() => {
  prod = new StackModel('identity-gateway-prod', synthesizedJson('prod'));
  applied = appliedOrg(prod);
});

/** A Terraform state (terraform state pull) holding the ids. */
function stateFile(managed: ReadonlyMap<string, string>): string {
  const file = join(work, `state-${Math.random().toString(36).slice(2)}.json`);
  const resources = [...managed].map(([address, id]) => {
    const [type, name] = address.split('.');
    return { mode: 'managed', type, name, instances: [{ attributes: { id } }] };
  });
  writeFileSync(file, JSON.stringify({ version: 4, resources }));
  return file;
}

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly report?: OrgReport;
  readonly requests: { method: string; path: string }[];
  readonly maxShare: number;
}

/** Runs the command against a stand-in serving `org`. */
async function run(
  org: StandInOrg,
  args: readonly string[] = [],
  opts: {
    managed?: ReadonlyMap<string, string>;
    standIn?: StandInOptions;
    env?: NodeJS.ProcessEnv;
    command?: Command;
    cwd?: string;
  } = {},
): Promise<Run> {
  const standIn = await startStandIn(org, { apiToken: TOKEN, ...opts.standIn });
  let out = '';
  let err = '';
  try {
    const state = opts.managed ? ['--state', stateFile(opts.managed)] : [];
    const code = await main(
      opts.command ?? 'preflight',
      ['--env', 'prod', '--dir', fixtureOutdir(), '--json', ...state, ...args],
      {
        out: (s) => (out += s),
        err: (s) => (err += s),
        env: opts.env ?? { OKTA_API_TOKEN: TOKEN, OKTA_API_BASE_URL: standIn.url },
        cwd: opts.cwd ?? work,
      },
    );
    const report = out.trim().startsWith('{') ? (JSON.parse(out) as OrgReport) : undefined;
    return { code, out, err, report, requests: standIn.requests, maxShare: standIn.maxShare() };
  } finally {
    await standIn.close();
  }
}

const kinds = (r: Run) => (r.report?.findings ?? []).map((f) => `${f.severity} ${f.kind}`);
const seeded = (seed: (org: StandInOrg) => void): StandInOrg => {
  const org = copyOrg(applied.org);
  seed(org);
  return org;
};

describe('a clean org', () => {
  test(
    'GIVEN the org after a clean apply (its state given) WHEN preflight ' + 'runs THEN it finds nothing, exit 0',
    async () => {
      const r = await run(applied.org, [], { managed: applied.managed });
      expect(r.err).toBe('');
      expect(r.report).toEqual({
        environment: 'prod',
        org: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        findings: [],
        imports: [],
      });
      expect(r.code).toBe(0);
      // Read-only: every request is a GET.
      expect(r.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    },
  );

  test(
    'GIVEN a Classic Engine org WHEN preflight runs THEN classic-org is ' + 'the one blocker, nothing else is read',
    async () => {
      const r = await run(
        seeded((o) => (o.organization.pipeline = 'v1')),
        [],
        { managed: applied.managed },
      );
      expect(kinds(r)).toEqual(['blocker classic-org']);
      expect(r.report!.findings[0].message).toContain('Identity Engine');
      expect(r.requests.map((q) => q.path)).toEqual(['/.well-known/okta-organization']);
      expect(r.code).toBe(1);
    },
  );
});

describe('each finding kind fires on an org seeded with its problem', () => {
  test('password-policy-weakened: a setting stronger in the org than the PUT, named with its attribute', async () => {
    const r = await run(
      seeded((o) => {
        // Stronger than what prod PUTs (identity.mfa.passwordPolicy: 15 characters, history 4, lockout after 10)
        const s = o.policies.PASSWORD[0].settings;
        s.password.complexity.minLength = 20;
        s.password.age.historyCount = 6;
        s.password.lockout.maxAttempts = 5;
      }),
      [],
      { managed: applied.managed },
    );
    expect(kinds(r)).toEqual(Array(3).fill('blocker password-policy-weakened'));
    const found = r.report!.findings;
    expect(found.map((f) => f.message.split(':')[0]).sort()).toEqual([
      'failed sign-ins before lockout',
      'minimum password length',
      'password history',
    ]);
    const length = found.find((f) => f.message.startsWith('minimum password length'))!;
    expect(length).toMatchObject({ severity: 'blocker', subject: { type: 'policy', name: 'Default Policy' } });
    expect(length.message).toContain(
      '20 in the org; the first apply would PUT 15 (as configured, password_min_length)',
    );
    expect(length.message).toContain(
      "Before the first apply, state identity.mfa.passwordPolicy.minLength = 20 in the environment's config",
    );
    expect(r.code).toBe(1);
  });

  test('password-policy-weakened: quiet when the org is weaker than the PUT (it is not weakened)', async () => {
    const r = await run(
      seeded((o) => (o.policies.PASSWORD[0].settings.password.complexity.minLength = 6)),
      [],
      {
        managed: applied.managed,
      },
    );
    expect(kinds(r)).toEqual([]);
  });

  test(
    'password-policy-changed: a composition rule, an expiry, a minimum age or email recovery the PUT drops is ' +
      'info (the guidance ranks it neither way), not a blocker',
    async () => {
      const r = await run(
        seeded((o) => {
          const s = o.policies.PASSWORD[0].settings;
          s.password.complexity.minSymbol = 1;
          s.password.age.maxAgeDays = 90;
          s.password.age.minAgeMinutes = 60;
          s.recovery.factors.okta_email.status = 'INACTIVE';
        }),
        [],
        { managed: applied.managed },
      );
      expect(kinds(r)).toEqual(Array(4).fill('info password-policy-changed'));
      expect(r.report!.findings.map((f) => f.message.split(':')[0]).sort()).toEqual([
        'minimum password age',
        'password expiry',
        'password recovery by email',
        'symbol rule',
      ]);
      const expiry = r.report!.findings.find((f) => f.message.startsWith('password expiry'))!;
      expect(expiry.subject).toMatchObject({ type: 'policy', name: 'Default Policy' });
      expect(expiry.message).toContain('90 days in the org; the first apply would PUT never (as configured');
      expect(expiry.message).toContain('The guidance does not count this as weaker: NIST SP 800-63B-4');
      expect(r.code).toBe(0);
    },
  );

  test(
    "GIVEN an org at Okta's recorded default password policy WHEN preflight runs THEN the composition rules the " +
      'guidance drops are info, and the one setting the PUT weakens (history 5 -> 4) is still a blocker',
    async () => {
      const r = await run(
        seeded((o) => (o.policies.PASSWORD[0].settings = structuredClone(DEFAULT_PASSWORD_SETTINGS))),
        [],
        { managed: applied.managed },
      );
      const said = r.report!.findings.map((f) => `${f.severity} ${f.kind} ${f.message.split(':')[0]}`);
      expect(said).toEqual([
        'blocker password-policy-weakened password history',
        'info password-policy-changed digit rule',
        'info password-policy-changed lower-case letter rule',
        'info password-policy-changed upper-case letter rule',
      ]);
      // Length 8 -> 15, the common-password check, the name exclusions, the lockout email and SMS and question
      // recovery turned off all strengthen: not reported.
      expect(r.code).toBe(1);
    },
  );

  test(
    'authenticator-in-use: policies the stack does not manage still use ' + 'the authenticator it deactivates',
    async () => {
      const r = await run(
        seeded((o) => {
          o.policies.MFA_ENROLL[1].settings.authenticators.find((a: any) => a.key === 'phone_number').enroll.self =
            'OPTIONAL';
          o.policies.PASSWORD.push({
            ...structuredClone(o.policies.PASSWORD[0]),
            id: oktaId('00p', 77),
            name: 'Field staff',
            system: false,
          });
          o.policies.PASSWORD[1].settings.recovery.factors.okta_sms.status = 'ACTIVE';
          o.rules[o.policies.ACCESS_POLICY[1].id].push({
            id: oktaId('rul', 77),
            name: 'Kiosks: SMS',
            status: 'ACTIVE',
            actions: {
              appSignOn: {
                access: 'ALLOW',
                verificationMethod: {
                  type: 'ASSURANCE',
                  constraints: [{ possession: { authenticationMethods: [{ key: 'phone_number', method: 'sms' }] } }],
                },
              },
            },
          });
        }),
        [],
        { managed: applied.managed },
      );
      const found = r.report!.findings.filter((f) => f.kind === 'authenticator-in-use');
      expect(found.map((f) => f.message.match(/but (.*?) \(/)![1]).sort()).toEqual([
        'MFA_ENROLL policy "Contractors"',
        'PASSWORD policy "Field staff"',
        'rule "Kiosks: SMS" of ACCESS_POLICY policy "Default Policy"',
      ]);
      expect(found.every((f) => f.severity === 'blocker' && f.subject.name === 'phone_number')).toBe(true);
      // The org's default policies offer the phone too, but the stack PUTs them without it: not reported.
      expect(found.some((f) => /(MFA_ENROLL|PASSWORD) policy "Default Policy"/.test(f.message))).toBe(false);
    },
  );

  test("admin-not-covered: an admin outside the rule's groups; the break-glass admin is exempt by design", async () => {
    // GIVEN an admin whose role comes through a group the stack does not manage
    const helpdesk = oktaId('00u', 3);
    const org = seeded((o) => {
      o.admins.push(helpdesk);
      o.users[helpdesk] = { id: helpdesk, status: 'ACTIVE', profile: { login: 'helpdesk@example.com' } };
      o.memberships[helpdesk] = [oktaId('00g', 9001)];
    });
    // THEN the default rule, for Everyone, covers them: every role holder, however they hold the role
    expect(kinds(await run(org, [], { managed: applied.managed }))).toEqual([]);
    // WHEN the rule names only Okta Administrators (a pilot) THEN they are not covered
    const json = synthesizedJson('prod');
    const admins = Object.keys(json.resource.okta_group).find(
      (k) => json.resource.okta_group[k].name === 'Okta Administrators',
    );
    const rule = Object.values(json.resource.okta_app_signon_policy_rule as Record<string, any>).find(
      (x) => x.name === 'Phishing-resistant admins (identity-gateway)',
    );
    rule.groups_included = [`\${okta_group.${admins}.id}`];
    const dir = join(work, 'pilot-admins', 'stacks', 'identity-gateway-prod');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json));
    const r = await run(org, ['--dir', join(work, 'pilot-admins')], { managed: applied.managed });
    expect(kinds(r)).toEqual(['blocker admin-not-covered']);
    expect(r.report!.findings[0].subject).toEqual({ type: 'user', name: 'helpdesk@example.com', id: helpdesk });
    expect(r.report!.findings[0].message).toContain('none of the groups');
    expect(r.report!.findings[0].message).toContain('Okta Administrators');
  });

  test('admin-not-covered: an admin the rule matches but who cannot enroll what it asks for', async () => {
    // The administrators' enrollment policy allows no phishing-resistant authenticator.
    const json = synthesizedJson('prod');
    const mfa = Object.values(json.resource.okta_policy_mfa as Record<string, any>).find(
      (p) => p.name === 'Okta administrators: authenticator enrollment',
    );
    mfa.webauthn = { enroll: 'NOT_ALLOWED' };
    mfa.okta_verify = { enroll: 'NOT_ALLOWED' };
    const dir = join(work, 'locked-out', 'stacks', 'identity-gateway-prod');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json));
    const r = await run(applied.org, ['--dir', join(work, 'locked-out')], { managed: applied.managed });
    expect(kinds(r)).toEqual(['blocker admin-not-covered']);
    expect(r.report!.findings[0].message).toContain('cannot satisfy it');
    expect(r.report!.findings[0].message).toContain('locks them out');
  });

  test("admin-policy-shared: another app uses the Admin Console's policy", async () => {
    const r = await run(
      seeded(
        (o) => (o.apps.find((a) => a.label === 'Wiki')._links.accessPolicy.href = o.apps[0]._links.accessPolicy.href),
      ),
      [],
      { managed: applied.managed },
    );
    expect(kinds(r)).toEqual(['blocker admin-policy-shared']);
    expect(r.report!.findings[0].subject).toMatchObject({ type: 'policy', name: 'Okta Admin Console' });
    expect(r.report!.findings[0].message).toContain('"Wiki"');
  });

  test('behavior-missing and behavior-inactive: absent, only a partial match, or not ACTIVE', async () => {
    const r = await run(
      seeded((o) => {
        o.behaviors = o.behaviors.filter((b) => b.name !== 'New Country');
        o.behaviors.find((b) => b.name === 'New Device').name = 'New Device Fingerprint';
        o.behaviors.find((b) => b.name === 'New IP').status = 'INACTIVE';
      }),
      [],
      { managed: applied.managed },
    );
    expect(r.report!.findings.map((f) => `${f.kind} ${f.subject.name}`)).toEqual([
      'behavior-inactive New IP',
      'behavior-missing New Country',
      'behavior-missing New Device Fingerprint',
    ]);
    expect(r.report!.findings[2].message).toContain('would take "New Device Fingerprint" instead');
  });

  test("fastpass-off: FastPass off in the org while the stack's phishing-resistant rules count on it", async () => {
    const r = await run(
      seeded((o) => (Object.values(o.methods)[0].find((m: any) => m.type === 'signed_nonce').status = 'INACTIVE')),
      [],
      { managed: applied.managed },
    );
    expect(kinds(r)).toEqual(['warning fastpass-off']);
    expect(r.code).toBe(0);
  });
});

describe('exists-unmanaged and adoption', () => {
  test(
    'GIVEN a first apply (no state) WHEN objects of the same names exist ' + 'THEN each is a warning with its import',
    async () => {
      const r = await run(applied.org);
      const found = r.report!.findings.filter((f) => f.kind === 'exists-unmanaged');
      const types = [...new Set(found.map((f) => f.subject.type))].sort();
      expect(types).toEqual(['app', 'authorization server', 'group', 'network zone', 'trusted origin']);
      expect(found.every((f) => f.severity === 'warning')).toBe(true);
      const group = [...applied.managed].find(([a]) => a.startsWith('okta_group.'))!;
      expect(r.report!.imports).toContainEqual({ to: group[0], id: group[1] });
      const adoptable = [...applied.managed].filter(([a]) =>
        /^okta_(group|app_oauth|auth_server|network_zone|trusted_origin)\./.test(a),
      );
      expect(r.report!.imports).toHaveLength(adoptable.length);
      expect(r.code).toBe(0);
    },
  );

  test('GIVEN two groups of one name WHEN preflight runs THEN it warns without proposing an import', async () => {
    const org = seeded((o) => o.groups.push({ ...o.groups[1], id: oktaId('00g', 8888) }));
    const name = org.groups[1].profile.name;
    const r = await run(org);
    const f = r.report!.findings.find((x) => x.kind === 'exists-unmanaged' && x.subject.name === name)!;
    expect(f.subject.id).toBeUndefined();
    expect(f.message).toContain('by hand');
    expect(r.report!.imports.map((i) => i.id)).not.toContain(oktaId('00g', 8888));
  });

  test('--write-imports writes config/imports/<env>.json, sorted; a rerun writes the same bytes', async () => {
    const cwd = mkdtempSync(join(work, 'root-'));
    const first = await run(applied.org, ['--write-imports'], { cwd });
    const file = join(cwd, 'config', 'imports', 'prod.json');
    const text = readFileSync(file, 'utf8');
    const written = JSON.parse(text);
    expect(written.environment).toBe('prod');
    expect(written.imports).toEqual(first.report!.imports);
    expect(written.imports.map((i: { to: string }) => i.to)).toEqual(
      [...written.imports.map((i: { to: string }) => i.to)].sort(),
    );
    await run(applied.org, ['--write-imports'], { cwd });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  test(
    'GIVEN a stack that already imports a group WHEN preflight runs THEN ' + 'it is kept as an import, not reported',
    async () => {
      const json = synthesizedJson('prod');
      const [to, id] = [...applied.managed].find(([a]) => a.startsWith('okta_group.'))!;
      json.import = [{ to, id }];
      const dir = join(work, 'imported', 'stacks', 'identity-gateway-prod');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json));
      const r = await run(applied.org, ['--dir', join(work, 'imported')]);
      expect(r.report!.findings.some((f) => f.subject.id === id)).toBe(false);
      expect(r.report!.imports).toContainEqual({ to, id });
    },
  );
});

describe('the API client: pagination, rate limits and retries', () => {
  test(
    'GIVEN small pages WHEN the org is read THEN every Link rel="next" is ' + 'followed (lists and role assignments)',
    async () => {
      const r = await run(
        seeded(
          (o) => (o.apps.find((a) => a.label === 'Wiki')._links.accessPolicy.href = o.apps[0]._links.accessPolicy.href),
        ),
        [],
        { managed: applied.managed, standIn: { pageSizes: { '/api/v1/apps': 2, '/api/v1/iam/assignees/users': 1 } } },
      );
      // The Wiki app is on a later page: found only by following the links.
      expect(kinds(r)).toEqual(['blocker admin-policy-shared']);
      expect(r.requests.filter((q) => q.path.startsWith('/api/v1/apps')).length).toBeGreaterThan(3);
      expect(r.requests.filter((q) => q.path.startsWith('/api/v1/iam/assignees/users')).length).toBe(2);
    },
  );

  test('GIVEN a small rate limit WHEN preflight reads THEN it uses at most half of it per window', async () => {
    // A first apply: the groups are looked up by name, one request each.
    const r = await run(applied.org, [], { standIn: { limits: { 'GET /api/v1/groups': 6 }, windowMs: 1000 } });
    expect(r.code).toBe(0);
    expect(r.requests.filter((q) => q.path.startsWith('/api/v1/groups')).length).toBeGreaterThan(3);
    expect(r.maxShare).toBeLessThanOrEqual(0.5);
  });

  test('GIVEN a 429 and two 503s WHEN preflight reads THEN it backs off, retries and finishes', async () => {
    const r = await run(applied.org, [], {
      standIn: {
        faults: [
          { path: /^\/api\/v1\/behaviors/, status: 429 },
          { path: /^\/api\/v1\/zones/, status: 503, times: 2 },
        ],
      },
    });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.requests.filter((q) => q.path.startsWith('/api/v1/zones')).length).toBe(3);
  });

  test('fails with exit 2 when the org keeps answering 5xx, naming the endpoint and the attempts', async () => {
    const r = await run(applied.org, [], {
      standIn: { faults: [{ path: /^\/api\/v1\/zones/, status: 500, times: 10 }] },
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^preflight: GET \/api\/v1\/zones\?limit=200: the org answered 500 \(4 attempts\)/);
    expect(r.out).toBe('');
  });

  test('fails with exit 2 when the org answers 429 throughout, and --write-imports then writes nothing', async () => {
    const cwd = mkdtempSync(join(work, 'limited-'));
    const r = await run(applied.org, ['--write-imports'], {
      cwd,
      standIn: { faults: [{ path: /^\/api\/v1\/zones/, status: 429, times: 50 }] },
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/GET \/api\/v1\/zones\?limit=200: the org answered 429 \(rate limited\) 6 times/);
    expect(existsSync(join(cwd, 'config'))).toBe(false);
  });

  test('fails when a request hangs: every request has a timeout, retried a bounded number of times', async () => {
    const standIn = await startStandIn(applied.org, {
      apiToken: TOKEN,
      faults: [{ path: /behaviors/, status: 'hang', times: 9 }],
    });
    try {
      const api = new OktaApi({
        baseUrl: standIn.url,
        authorize: async () => `SSWS ${TOKEN}`,
        timeoutMs: 100,
        retries: 1,
      });
      await expect(api.list('/api/v1/behaviors')).rejects.toThrow('the org did not answer within 0.1 s (2 attempts)');
    } finally {
      await standIn.close();
    }
  });
});

describe('credentials', () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const app = (scopes: readonly string[]) => ({ id: '0oaPreflightReadOnly1', publicKey: keys.publicKey, scopes });
  const appEnv = (url: string) => ({
    OKTA_API_CLIENT_ID: '0oaPreflightReadOnly1',
    OKTA_API_PRIVATE_KEY_ID: 'kid-1',
    OKTA_API_PRIVATE_KEY: pem,
    OKTA_API_BASE_URL: url,
  });

  /** Runs with the service app's credentials against a stand-in. */
  async function withApp(standIn: StandInOptions, org = applied.org): Promise<Run> {
    const s = await startStandIn(org, standIn);
    let out = '';
    let err = '';
    try {
      const code = await main(
        'preflight',
        ['--env', 'prod', '--dir', fixtureOutdir(), '--json', '--state', stateFile(applied.managed)],
        {
          out: (x) => (out += x),
          err: (x) => (err += x),
          env: appEnv(s.url),
          cwd: work,
        },
      );
      return {
        code,
        out,
        err,
        requests: s.requests,
        maxShare: s.maxShare(),
        report: out.startsWith('{') ? JSON.parse(out) : undefined,
      };
    } finally {
      await s.close();
    }
  }

  test(
    'GIVEN the service app WHEN preflight runs THEN a private-key JWT gets ' + 'a token with only read scopes',
    async () => {
      const r = await withApp({ client: app(PREFLIGHT_SCOPES) });
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.requests.filter((q) => q.path === '/oauth2/v1/token')).toHaveLength(1);
      expect(PREFLIGHT_SCOPES.every((s) => s.endsWith('.read'))).toBe(true);
      // Neither the key nor a token is ever printed.
      expect(r.out + r.err).not.toContain('PRIVATE KEY');
    },
  );

  test('fails with exit 2 when the app is not granted the read scopes, naming them', async () => {
    const r = await withApp({ client: app(PREFLIGHT_SCOPES.filter((s) => s !== 'okta.roles.read')) });
    expect(r.code).toBe(2);
    expect(r.err).toContain('invalid_scope');
    expect(r.err).toContain('okta.roles.read');
  });

  test('fails with exit 2 on a token without the read scope of an endpoint (403), naming the scope', async () => {
    const r = await run(applied.org, [], {
      standIn: { faults: [{ path: /^\/api\/v1\/iam\/assignees/, status: 403 }] },
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain('403 (E0000006');
    expect(r.err).toContain('Grant the service app okta.roles.read');
  });

  test(
    'fails with exit 2 when the org refuses the credentials (401) or ' + 'answers HTML, never printing the token',
    async () => {
      for (const status of [401, 'html'] as const) {
        const r = await run(applied.org, [], { standIn: { faults: [{ path: /^\/api\/v1\//, status }] } });
        expect(r.code).toBe(2);
        expect(r.err).toMatch(status === 401 ? /refused the credentials/ : /not JSON/);
        expect(r.err + r.out).not.toContain(TOKEN);
      }
    },
  );

  test('fails with exit 2 when the org demands DPoP, saying what to do', async () => {
    const r = await withApp({ client: app(PREFLIGHT_SCOPES), requireDpop: true });
    expect(r.code).toBe(2);
    expect(r.err).toContain('requires DPoP');
  });
});

describe('bad input', () => {
  const io = () => {
    const r = { out: '', err: '' };
    return { r, io: { out: (s: string) => (r.out += s), err: (s: string) => (r.err += s), cwd: work } };
  };

  test('--help prints the usage and exits 0', async () => {
    const { r, io: x } = io();
    expect(await main('preflight', ['--help'], { ...x, env: {} })).toBe(0);
    expect(r.out).toContain('usage: npm run preflight -- --env <env>');
  });

  test(
    'fails with exit 2 and the usage: no credentials, an unknown argument, ' + 'a plain-http org outside loopback',
    async () => {
      const cases: [NodeJS.ProcessEnv, string[], RegExp][] = [
        [{}, [], /no Okta credentials: set OKTA_API_CLIENT_ID/],
        [{ OKTA_API_TOKEN: TOKEN }, ['--strict'], /unknown argument --strict/],
        [
          { OKTA_API_TOKEN: TOKEN, OKTA_API_BASE_URL: 'http://acme.okta.com' },
          [],
          /must be https \(plain http only for a loopback host/,
        ],
        [{ OKTA_API_TOKEN: TOKEN, OKTA_API_BASE_URL: 'https://user:pw@acme.okta.com' }, [], /user name or password/],
        [{ OKTA_API_TOKEN: TOKEN }, ['--rate-share', '2'], /--rate-share "2": allowed a share above 0/],
      ];
      for (const [env, args, why] of cases) {
        const { r, io: x } = io();
        expect(await main('preflight', ['--env', 'prod', '--dir', fixtureOutdir(), ...args], { ...x, env })).toBe(2);
        expect(r.err).toMatch(why);
        expect(r.err).toContain('usage: npm run preflight');
        expect(r.err).not.toContain('pw@');
      }
    },
  );

  test('fails with exit 2 for an environment with no synthesized stack, or no synth output at all', async () => {
    for (const [args, why] of [
      [['--env', 'qa', '--dir', fixtureOutdir()], /no synthesized stack for "qa"/],
      [['--env', 'prod', '--dir', join(work, 'nothing')], /does not exist \(run npm run synth first\)/],
    ] as const) {
      const { r, io: x } = io();
      expect(await main('preflight', args, { ...x, env: { OKTA_API_TOKEN: TOKEN } })).toBe(2);
      expect(r.err).toMatch(why);
    }
  });

  test(
    'GIVEN a gateway-only stack (no Okta half) WHEN preflight runs THEN ' + 'there is nothing to check, exit 0',
    async () => {
      const { r, io: x } = io();
      const code = await main('preflight', ['--env', 'prod', '--dir', fixtureOutdir('gateway-only')], {
        ...x,
        env: {},
      });
      expect(code).toBe(0);
      expect(r.out).toContain('no Okta half');
    },
  );

  test('fails with exit 2 when the org is not reachable, naming why', async () => {
    const { r, io: x } = io();
    // A port nothing listens on: one the system handed out and took back.
    const closed = await startStandIn(applied.org);
    await closed.close();
    const env = { OKTA_API_TOKEN: TOKEN, OKTA_API_BASE_URL: closed.url };
    expect(await main('preflight', ['--env', 'prod', '--dir', fixtureOutdir()], { ...x, env })).toBe(2);
    expect(r.err).toMatch(/could not be reached \(ECONNREFUSED\): check the org URL/);
  });

  test('GIVEN findings WHEN --summary is given THEN a markdown table is appended to that file', async () => {
    const summary = join(work, 'summary.md');
    await run(
      seeded((o) => (o.organization.pipeline = 'v1')),
      ['--summary', summary],
      { managed: applied.managed },
    );
    expect(readFileSync(summary, 'utf8')).toContain('| blocker | `classic-org` |');
  });
});

describe('the default password policy as the org has it (fixture sanity)', () => {
  test('the clean org carries what the stack PUT, which is stronger than the recorded default', () => {
    const settings = applied.org.policies.PASSWORD[0].settings;
    expect(settings).toEqual(passwordSettingsPut(prod));
    expect(settings.password.complexity.minLength).toBeGreaterThan(
      DEFAULT_PASSWORD_SETTINGS.password.complexity.minLength,
    );
    expect(settings.password.complexity.dictionary.common.exclude).toBe(true);
  });
});

describe('the finding kinds are documented', () => {
  test("THEN every kind is in docs/deploying.md's runbook, with its severity", () => {
    const doc = readFileSync(join(__dirname, '..', 'docs', 'deploying.md'), 'utf8');
    for (const kind of FINDING_KINDS) expect(doc).toContain(`\`${kind}\``);
    expect(doc).toMatch(/\| `password-policy-weakened` \| blocker \|/);
    expect(doc).toMatch(/\| `password-policy-changed` \| info \|/);
  });
});

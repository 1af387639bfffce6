/**
 * The no-lock-out proof (issue 11 item 5): in an ordinary context every group assigned to a user-facing app,
 * and on the Admin Console every group its rules name (Everyone, the break-glass group by its own rule) and the
 * group the stack gives an admin role (issue 22 items 4-6), can sign in with authenticators it can enroll. A
 * configuration that locks a group out is a config error naming the group, the app, the rule and why, and nothing is
 * written for that environment; the same check runs as guardrail MFA-15 (npm run check, after synth).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, synthesizeApp } from '../stacks/app';
import { ENVIRONMENT_NAMES } from '../config/schema';
import { generateConfig } from '../bench/generate';
import { StackModel } from '../synthesized/model';
import { lockOuts, ordinaryContexts, signInApps } from '../simulator/lockout';
import { SimStack } from '../simulator/stack';
import { managedIn, ORDINARY } from '../simulator/context';
import { weakestSignIn } from '../simulator/evaluate';
import { modelOf, synthesizedDefaults, type Synthesized } from './support/guardrails';
import { configFor, problemsOf } from './support/configs';

let json: Synthesized;

beforeAll(() => {
  // GIVEN the default environments as `npm run synth` writes them
  json = synthesizedDefaults().json;
});

const enrollmentPolicy = (j: any, name: string) =>
  Object.values(j.resource.okta_policy_mfa as Record<string, any>).find((p) => p.name === name)!;
const adminRule = (j: any) =>
  Object.entries(j.resource.okta_app_signon_policy_rule as Record<string, any>).find(([n]) =>
    n.startsWith('MfaRollout_AdminSurfaces_admin-console_Rule'),
  )![1];

describe.each(ENVIRONMENT_NAMES)('identity-gateway-%s', (env) => {
  test('nobody is locked out: every assigned group of every user-facing app (and admin surface) gets in', () => {
    const model = modelOf(env, json[env]);
    const apps = signInApps(SimStack.of(model));
    // THEN the check looked at every user-facing app's groups (and, in staging and prod, the Admin Console)
    expect(
      apps
        .filter((a) => !a.adminSurface)
        .map((a) => a.app.key)
        .sort(),
    ).toEqual(['admin-console', 'mobile', 'payments-console', 'portal']);
    // (Everyone: every administrator, however they hold the role; the group given a role; break-glass)
    expect(apps.filter((a) => a.adminSurface).map((a) => [a.app.label, a.app.groups])).toEqual(
      env === 'dev' ? [] : [['Okta Admin Console', ['Everyone', 'Okta Administrators', 'Okta Break-Glass']]],
    );
    expect(lockOuts(model)).toEqual([]);
  });
});

describe('the ordinary contexts', () => {
  test('are an unlisted address and each corporate zone, LOW risk, a company laptop', () => {
    const contexts = ordinaryContexts(SimStack.of(modelOf('prod', json.prod)));
    expect(contexts.map((c) => c.zones)).toEqual([[], ['Corporate HQ egress'], ['Corporate VPN egress']]);
    for (const c of contexts) expect(c).toMatchObject({ risk: 'LOW', behaviours: [], device: { managed: true } });
  });

  test(
    'GIVEN an org without device management THEN Okta sees the laptop as unmanaged, and the rules that say ' +
      'managed = false (registered, not managed) let it in',
    () => {
      const sim = SimStack.of(modelOf('prod', json.prod));
      expect(sim.deviceManagement).toBe(false);
      expect(managedIn(sim, ordinaryContexts(sim)[0].device)).toBe(false);
      const outcome = weakestSignIn(sim, 'API Admins', 'admin-console', ordinaryContexts(sim)[0]);
      expect(outcome.decision).toBe('allow');
    },
  );

  test('fails where the org manages devices but the rules say managed = false: a managed laptop never matches', () => {
    // GIVEN prod declaring device management, its rules unchanged (managed = false, as the provider sends it unset)
    const model = modelOf('prod', json.prod, (j) => (j['//'].guardrails.org.deviceManagement = true));
    const found = lockOuts(model).filter((l) => l.app === 'admin-console' || l.app === 'payments-console');
    // THEN the admins and payments operators are locked out of the device-checking tiers, as Okta would lock them out
    expect(found.map((l) => l.group).sort()).toEqual(['API Admins', 'API Payments Operators']);
    expect(found[0].why).toContain('no rule matches');
  });

  test('a rule that admits people from the corporate network only is not a lock-out', () => {
    const model = modelOf('prod', json.prod, (j) => {
      const hq = Object.entries(j.resource.okta_network_zone as Record<string, any>).find(
        ([, z]) => z.name === 'Corporate HQ egress',
      )![0];
      for (const r of Object.values(j.resource.okta_app_signon_policy_rule as Record<string, any>))
        if (r.access === 'ALLOW')
          Object.assign(r, { network_connection: 'ZONE', network_includes: [`\${okta_network_zone.${hq}.id}`] });
    });
    expect(lockOuts(model)).toEqual([]);
  });

  test("the break-glass group, excluded from the administrators' rule, gets in by its own rule", () => {
    const model = modelOf('prod', json.prod);
    const locked = lockOuts(modelOf('prod', json.prod, (j) => (adminRule(j).access = 'DENY')));
    expect(locked.map((l) => l.group)).toEqual(['Everyone', 'Okta Administrators']);
    expect(lockOuts(model)).toEqual([]);
    const trace = weakestSignIn(SimStack.of(model), 'Okta Break-Glass', SimStack.of(model).adminConsole!, ORDINARY);
    expect(trace).toMatchObject({ decision: 'allow', signIn: 'password + WebAuthn' });
    expect(trace.trace.filter((t) => t.outcome === 'match').map((t) => t.subject)).toEqual(
      expect.arrayContaining([
        'Break-glass: password and hardware key enrollment',
        'authentication policy of Okta Admin Console / Break-glass: password + hardware key (identity-gateway)',
      ]),
    );
  });
});

describe('HIGH risk (identity.mfa.risk) and the lock-out proof agree', () => {
  const high = (sim: ReturnType<typeof SimStack.of>) => ({ ...ordinaryContexts(sim)[0], risk: 'HIGH' as const });

  test('GIVEN staging at HIGH risk THEN people outside the rollout are denied and enrolled ones step up', () => {
    const sim = SimStack.of(modelOf('staging', json.staging));
    // API Users are not in an enforced wave: no step-up (it would offer them enrollment mid-sign-in), a denial.
    const users = weakestSignIn(sim, 'API Users', 'portal', high(sim));
    expect(users.decision).toBe('deny');
    expect(users.reason).toBe('Sign-on tier: standard / Deny HIGH risk outside the rollout denies access');
    // API Payments Operators are enforced (pilot): a phishing-resistant step-up.
    const operators = weakestSignIn(sim, 'API Payments Operators', 'portal', high(sim));
    expect(operators).toMatchObject({ decision: 'allow' });
    expect(operators.signIn).toMatch(/WebAuthn|FastPass/);
    // AND the lock-out proof (LOW risk) still lets every group in
    expect(lockOuts(sim.model)).toEqual([]);
  });

  test('fails (the old form) when the step-up applies to everyone: people outside the rollout are let in', () => {
    const model = modelOf('staging', json.staging, (j) => {
      for (const r of Object.values(j.resource.okta_app_signon_policy_rule as Record<string, any>))
        if (r.risk_score === 'HIGH' && r.access === 'ALLOW') delete r.groups_included;
    });
    const sim = SimStack.of(model);
    expect(weakestSignIn(sim, 'API Users', 'portal', high(sim)).decision).toBe('allow');
  });
});

describe('a configuration that locks a group out', () => {
  test('fails as a config error: the group, the app, the rule and why; nothing is written for that environment', () => {
    // GIVEN prod where Okta Verify cannot be enrolled: the critical tier's only allowing rule needs a
    // phishing-resistant, device-bound factor WITH user verification, and WebAuthn does not ask for it
    const outdir = mkdtempSync(join(tmpdir(), 'lockout-'));
    const prod = configFor('prod', (c) => (c.identity.mfa.authenticators['okta-verify'].enrollment = 'NOT_ALLOWED'));
    // WHEN the app is built and synthesized (as npm run synth does)
    const built = buildApp({ environments: { dev: configFor('dev'), prod }, version: '0.0.0-test', outdir });
    expect(built.problems).toEqual([]);
    const { models, problems } = synthesizeApp(
      built.app,
      Object.values(built.stacks).map((s) => s.node.id),
      outdir,
      { configs: built.configs },
    );
    // THEN prod is refused with the lock-out, and only dev is written (and listed in the manifest)
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p).toMatchObject({
      environment: 'prod',
      path: "identity.apps['admin-console'].groups[0]",
      received: '"api-admins"',
    });
    expect(p.message).toMatch(/^API Admins is locked out of Admin console \(web\): in every ordinary context/);
    expect(p.message).toContain('Sign-on tier: critical / Phishing-resistant, device-bound denies it');
    expect(p.message).toContain('okta_password, okta_email, webauthn may be enrolled');
    expect(p.message).toContain('password + WebAuthn: user verification (biometrics or PIN) is required');
    expect(p.message).toMatch(/allowed: a group that some rule lets sign in with authenticators it can enroll$/);
    expect(models.map((m) => m.stackName)).toEqual(['identity-gateway-dev']);
    expect(existsSync(join(outdir, 'stacks', 'identity-gateway-dev', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(outdir, 'stacks', 'identity-gateway-prod'))).toBe(false);
    expect(Object.keys(JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')).stacks)).toEqual([
      'identity-gateway-dev',
    ]);
  });

  test('fails in a staged synth (as npm run synth runs it): nothing reaches the output, the old output goes', () => {
    // GIVEN an output directory holding an earlier prod synthesis
    const outdir = mkdtempSync(join(tmpdir(), 'lockout-staged-'));
    mkdirSync(join(outdir, 'stacks', 'identity-gateway-prod'), { recursive: true });
    writeFileSync(join(outdir, 'stacks', 'identity-gateway-prod', 'cdk.tf.json'), '{}');
    const prod = configFor('prod', (c) => (c.identity.mfa.authenticators['okta-verify'].enrollment = 'NOT_ALLOWED'));
    // WHEN prod locks a group out and the app is synthesized through its staging directory
    const built = buildApp({ environments: { prod }, version: '0.0.0-test', outdir, staged: true });
    const { models, problems } = synthesizeApp(built.app, ['identity-gateway-prod'], outdir, {
      configs: built.configs,
    });
    // THEN prod is refused, its earlier output is removed, and nothing else is left behind
    expect(problems.map((p) => p.environment)).toEqual(['prod']);
    expect(models).toEqual([]);
    expect(readdirSync(join(outdir, 'stacks'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')).stacks).toEqual({});
    expect(readdirSync(outdir).sort()).toEqual(['manifest.json', 'stacks']);
  });

  test('fails with cdktf synth --hcl too: no JSON on disk, so the stack renders what the HCL was made from', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'lockout-hcl-'));
    const prod = configFor('prod', (c) => (c.identity.mfa.authenticators['okta-verify'].enrollment = 'NOT_ALLOWED'));
    const saved = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = 'true';
    let built: ReturnType<typeof buildApp>;
    try {
      built = buildApp({ environments: { prod }, version: '0.0.0-test', outdir });
    } finally {
      if (saved === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = saved;
    }
    expect(built.app.hclOutput).toBe(true);
    const { models, problems } = synthesizeApp(built.app, ['identity-gateway-prod'], outdir, {
      configs: built.configs,
    });
    expect(problems.map((p) => `${p.environment} ${p.path}`)).toEqual([
      "prod identity.apps['admin-console'].groups[0]",
    ]);
    expect(models).toEqual([]);
    expect(existsSync(join(outdir, 'stacks', 'identity-gateway-prod'))).toBe(false);
  });

  test('fails on the Admin Console too, naming the admin surface and its rule', () => {
    const [l] = lockOuts(modelOf('staging', json.staging, (j) => (adminRule(j).access = 'DENY')));
    expect(l).toMatchObject({
      app: 'admin-console',
      appLabel: 'Okta Admin Console',
      adminSurface: true,
      group: 'Everyone',
      rule: 'authentication policy of Okta Admin Console / Phishing-resistant admins (identity-gateway)',
    });
    expect(l.why).toMatch(/denies access$/);
  });

  test('fails for administrators whose enrollment offers no hardware-protected authenticator', () => {
    // GIVEN the administrators' enrollment policy without Okta Verify or WebAuthn: no device-bound key to use
    const locked = lockOuts(
      modelOf('prod', json.prod, (j) => {
        const admins = enrollmentPolicy(j, 'Okta administrators: authenticator enrollment');
        admins.okta_verify = admins.webauthn = { enroll: 'NOT_ALLOWED' };
      }),
    );
    expect(locked.map((l) => [l.group, l.rule])).toEqual([
      [
        'Okta Administrators',
        'authentication policy of Okta Admin Console / Phishing-resistant admins (identity-gateway)',
      ],
    ]);
    expect(locked[0].why).toMatch(
      /password \+ WebAuthn: webauthn not usable; .*Okta Verify FastPass: okta_verify not usable/,
    );
  });

  test('fails for break-glass accounts that cannot enroll their hardware key', () => {
    const locked = lockOuts(
      modelOf('prod', json.prod, (j) => {
        enrollmentPolicy(j, 'Break-glass: password and hardware key enrollment').webauthn = { enroll: 'NOT_ALLOWED' };
      }),
    );
    expect(locked.map((l) => [l.group, l.rule])).toEqual([
      [
        'Okta Break-Glass',
        'authentication policy of Okta Admin Console / Break-glass: password + hardware key (identity-gateway)',
      ],
    ]);
  });

  test('fails as a config error when the break-glass authenticator is switched off (they could not sign in)', () => {
    // GIVEN break-glass accounts on Okta Verify FastPass, and Okta Verify deactivated
    const problems = problemsOf(
      'prod',
      configFor('prod', (c) => {
        c.identity.mfa.adminSurfaces.breakGlass.authenticators = ['okta-verify'];
        c.identity.mfa.authenticators['okta-verify'] = { status: 'INACTIVE', enrollment: 'NOT_ALLOWED' };
      }),
    );
    expect(problems.map((p) => p.path)).toContain('identity.mfa.adminSurfaces.breakGlass.authenticators[0]');
  });
});

test("the benchmark's generated configs pass the lock-out check", () => {
  const outdir = mkdtempSync(join(tmpdir(), 'lockout-bench-'));
  const config = generateConfig({ routes: 20, apps: 6, groups: 12 });
  const built = buildApp({ environments: { prod: config }, version: '0.0.0-test', outdir });
  expect(built.problems).toEqual([]);
  expect(synthesizeApp(built.app, ['identity-gateway-prod'], outdir, { configs: built.configs }).problems).toEqual([]);
  const model = StackModel.fromFile(
    join(outdir, 'stacks', 'identity-gateway-prod', 'cdk.tf.json'),
    'identity-gateway-prod',
  );
  expect(signInApps(SimStack.of(model)).length).toBeGreaterThan(4);
  expect(lockOuts(model)).toEqual([]);
});

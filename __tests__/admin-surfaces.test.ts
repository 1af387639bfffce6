/**
 * Okta's own admin surfaces (issue 11 item 4, issue 22 items 4-6): staging and prod put a rule on the Admin
 * Console's EXISTING authentication policy (looked up, never created) that covers every administrator
 * (Everyone: however they hold the role) with a device-bound, hardware-protected phishing-resistant factor (no
 * synced passkey), bind the admin roles of config to their groups, give the small break-glass group a rule of
 * its own (password + hardware key, short session) and an enrollment path, and alert on every break-glass
 * sign-in. Bad input names the environment, field, value and rule.
 */
import { modelOf, ruleResults, synthesizedDefaults } from './support/guardrails';
import { reviewStack } from '../review/review';
import { buildReport } from '../review/report';
import { configFor, problemsOf } from './support/configs';
import { ref, resources, type TfJson } from './support/tf-json';
import { ADMIN_SURFACES, SIGN_IN_EVENT_TYPES } from '../domain/okta/admin-surfaces';
import { readSignOnConstraint } from '../domain/okta/sign-on-constraints';
import { adminRulesFor, ReadModel } from '../synthesized/read-model';
import { SimStack, verificationIn } from '../simulator/stack';
import { appRuleShortfall, SIGN_INS } from '../simulator/signins';

let json: Record<'dev' | 'staging' | 'prod', TfJson>;

beforeAll(() => {
  // GIVEN the default environments as `npm run synth` writes them
  json = synthesizedDefaults().json as unknown as typeof json;
});

const data = (j: TfJson, type: string): [string, any][] => Object.entries(j.data?.[type] ?? {});
const adminRules = (j: TfJson) =>
  resources(j, 'okta_app_signon_policy_rule').filter(([, r]) =>
    String(r.policy_id).includes('data.okta_app_signon_policy'),
  );

describe.each(['staging', 'prod'] as const)('identity-gateway-%s: the Okta Admin Console', (env) => {
  test('is looked up by its label and its existing policy through the app: no policy is created for it', () => {
    const [[appName, app]] = data(json[env], 'okta_app');
    expect(app).toMatchObject({ label: ADMIN_SURFACES['admin-console'], active_only: true });
    const [[, policy]] = data(json[env], 'okta_app_signon_policy');
    expect(policy.app_id).toBe(`\${data.okta_app.${appName}.id}`);
    const created = resources(json[env], 'okta_app_signon_policy').map(([, p]) => p.name);
    expect(created).not.toContain(ADMIN_SURFACES['admin-console']);
    expect(created).toHaveLength(3);
  });

  test('gets the blocklist denial first, then a device-bound rule for every admin minus break-glass', () => {
    const rules = adminRules(json[env])
      .map(([, r]) => r)
      .sort((a, b) => a.priority - b.priority);
    expect(rules.map((r) => [r.priority, r.access, r.name])).toEqual([
      [1, 'DENY', 'Deny blocklisted networks (identity-gateway)'],
      [2, 'ALLOW', 'Phishing-resistant admins (identity-gateway)'],
      [3, 'ALLOW', 'Break-glass: password + hardware key (identity-gateway)'],
    ]);
    const allow = rules[1];
    expect(allow.factor_mode).toBe('2FA');
    const [constraint] = allow.constraints.map((c: string) => readSignOnConstraint(c).value);
    // Device-bound and hardware-protected: a synced passkey (phishing resistant, key leaves the device) fails it.
    expect(constraint.possession).toMatchObject({
      required: true,
      phishingResistant: 'REQUIRED',
      deviceBound: 'REQUIRED',
      hardwareProtection: 'REQUIRED',
    });
    // Everyone: every administrator, however they hold the role (only administrators reach the Admin Console).
    const [everyone] = data(json[env], 'okta_everyone_group');
    const [glass] = resources(json[env], 'okta_group').filter(([, g]) => g.name === 'Okta Break-Glass');
    expect(allow.groups_included).toEqual([`\${data.okta_everyone_group.${everyone[0]}.id}`]);
    expect(allow.groups_excluded).toEqual([ref('okta_group', glass[0], 'id')]);
  });

  test('admits break-glass by its own rule: password + hardware key, re-authenticating every 15 minutes', () => {
    const [glass] = resources(json[env], 'okta_group').filter(([, g]) => g.name === 'Okta Break-Glass');
    const own = adminRules(json[env]).find(([, r]) => r.name.startsWith('Break-glass'))![1];
    expect(own).toMatchObject({
      access: 'ALLOW',
      factor_mode: '2FA',
      groups_included: [ref('okta_group', glass[0], 'id')],
      re_authentication_frequency: 'PT15M',
    });
    const [constraint] = own.constraints.map((c: string) => readSignOnConstraint(c).value);
    expect(constraint.knowledge).toEqual({ required: true, types: ['password'] });
    expect(constraint.possession).toMatchObject({ types: ['security_key'], hardwareProtection: 'REQUIRED' });
    // ...and enrolls exactly that: the password and a hardware key, first of every enrollment policy.
    const [, enrollment] = resources(json[env], 'okta_policy_mfa').find(([, p]) => p.priority === 1)!;
    expect(enrollment).toMatchObject({
      groups_included: [ref('okta_group', glass[0], 'id')],
      okta_password: { enroll: 'REQUIRED' },
      webauthn: { enroll: 'REQUIRED' },
      okta_verify: { enroll: 'NOT_ALLOWED' },
      okta_email: { enroll: 'NOT_ALLOWED' },
    });
  });

  test('binds the admin roles of the config to their groups; the administrators enroll what the rollout does', () => {
    const groups = Object.fromEntries(
      resources(json[env], 'okta_group').map(([n, g]) => [ref('okta_group', n, 'id'), g.name]),
    );
    expect(resources(json[env], 'okta_group_role').map(([, r]) => [groups[r.group_id], r.role_type])).toEqual([
      ['Okta Break-Glass', 'SUPER_ADMIN'],
      ['Okta Administrators', 'ORG_ADMIN'],
    ]);
    const [, admins] = resources(json[env], 'okta_policy_mfa').find(([, p]) => p.priority === 2)!;
    expect(admins.name).toBe('Okta administrators: authenticator enrollment');
    expect(admins.groups_included.map((g: string) => groups[g])).toEqual(['Okta Administrators']);
    expect(admins.okta_verify).toEqual({ enroll: 'REQUIRED' });
  });

  test('refuses a synced passkey, takes a hardware key or FastPass (as the simulator evaluates the rule)', () => {
    const sim = SimStack.of(modelOf(env, json[env]));
    const [rule] = sim.adminConsole!.adminRules;
    const signIn = (label: string) => SIGN_INS.find((s) => s.label === label)!;
    const shortfall = (label: string) => appRuleShortfall(signIn(label), rule, verificationIn(sim));
    expect(shortfall('password + synced passkey')).toBe('a device-bound factor is required');
    expect(shortfall('synced passkey (WebAuthn)')).toBe('factor_mode 2FA needs two factor types');
    expect(shortfall('password + WebAuthn')).toBeUndefined();
    expect(shortfall('Okta Verify FastPass')).toBeUndefined();
    expect(shortfall('password + Okta Verify push')).toBe('a phishing-resistant factor is required');
  });

  test("exposes who the Admin Console rules cover, for checks against the org's admins (the read model)", () => {
    const surface = ReadModel.of(modelOf(env, json[env])).adminConsole!;
    expect(surface.coverage).toMatchObject({
      everyone: true,
      groups: ['Everyone'],
      exempt: ['Okta Break-Glass'],
      breakGlass: ['Okta Break-Glass'],
    });
    expect(surface.coverage.roles.map((r) => [r.group, r.role])).toEqual([
      ['Okta Break-Glass', 'SUPER_ADMIN'],
      ['Okta Administrators', 'ORG_ADMIN'],
    ]);
    // Which rules apply to an administrator by their groups: break-glass by its own, everyone else by the admin rules.
    expect(adminRulesFor(surface.coverage, ['Okta Break-Glass'])).toBe('break-glass');
    expect(adminRulesFor(surface.coverage, ['Okta Administrators'])).toBe('admin');
    expect(adminRulesFor(surface.coverage, [])).toBe('admin');
    const pilot = { ...surface.coverage, everyone: false, groups: ['Okta Administrators'] };
    expect(adminRulesFor(pilot, ['API Users'])).toBeUndefined();
    expect(adminRulesFor({ ...pilot, breakGlass: [] }, ['Okta Break-Glass', 'Okta Administrators'])).toBeUndefined();
  });

  test('alerts the encrypted topic on every sign-in of a break-glass login', () => {
    const [[ruleName, rule]] = resources(json[env], 'aws_cloudwatch_event_rule').filter(([n]) =>
      n.includes('break-glass'),
    );
    const pattern = JSON.parse(rule.event_pattern);
    expect(pattern.detail.eventType).toEqual([...SIGN_IN_EVENT_TYPES]);
    expect(pattern.detail.actor.alternateId).toEqual(['break-glass-1@example.com', 'break-glass-2@example.com']);
    expect(pattern.detail.outcome).toBeUndefined();
    const [topicName] = resources(json[env], 'aws_sns_topic')[0];
    const targets = resources(json[env], 'aws_cloudwatch_event_target')
      .map(([, t]) => t)
      .filter((t) => t.rule === ref('aws_cloudwatch_event_rule', ruleName, 'name'));
    expect(targets.map((t) => t.arn)).toContain(ref('aws_sns_topic', topicName, 'arn'));
  });

  test('passes the admin-surface, break-glass, lock-out and lookup rules', () => {
    const ids = ['MFA-13', 'MFA-14', 'MFA-15', 'OKC-13'];
    expect(ruleResults(env, json[env], ids)).toEqual(
      Object.fromEntries(ids.map((id) => [id, { status: 'compliant' }])),
    );
  });
});

test('dev has no admin-surface rule (the rule is not applicable there)', () => {
  expect(data(json.dev, 'okta_app')).toEqual([]);
  expect(ruleResults('dev', json.dev, ['MFA-13'])).toEqual({ 'MFA-13': { status: 'not-applicable' } });
});

describe('bad input is refused with the environment, field, value and what is allowed', () => {
  const problems = (edit: (c: any) => void) => problemsOf('prod', configFor('prod', edit));
  const at = (edit: (c: any) => void, path: string) => problems(edit).filter((p) => p.path === path);

  test('fails when the break-glass group is also in a rollout wave', () => {
    const [p] = at(
      (c) => c.identity.mfa.rollout.waves[0].groups.push('break-glass'),
      'identity.mfa.adminSurfaces.breakGlass.group',
    );
    expect(p).toMatchObject({ environment: 'prod', received: '"break-glass"' });
    expect(p.message).toMatch(/is in rollout wave pilot: break-glass accounts stay outside every rollout wave/);
  });

  test('fails when more members are declared than maxMembers allows', () => {
    const [p] = at(
      (c) => c.identity.mfa.adminSurfaces.breakGlass.members.push('break-glass-3@example.com'),
      'identity.mfa.adminSurfaces.breakGlass.members',
    );
    expect(p.message).toBe('3 members declared; allowed: at most maxMembers = 2 (break-glass stays small)');
  });

  test('fails when maxMembers is raised beyond 5', () => {
    const [p] = at(
      (c) => (c.identity.mfa.adminSurfaces.breakGlass.maxMembers = 6),
      'identity.mfa.adminSurfaces.breakGlass.maxMembers',
    );
    expect(p.message).toMatch(/allowed: 1 to 5/);
  });

  test('fails when the break-glass group is unknown or Everyone, or also a group the rule includes', () => {
    expect(
      at(
        (c) => (c.identity.mfa.adminSurfaces.breakGlass.group = 'everyone'),
        'identity.mfa.adminSurfaces.breakGlass.group',
      )[0].message,
    ).toBe(
      'the break-glass accounts need a declared group of their own; ' +
        'declared: api-users, api-admins, payments-operators, engineers, okta-admins, break-glass',
    );
    expect(
      at(
        (c) => c.identity.mfa.adminSurfaces.groups.push('break-glass'),
        'identity.mfa.adminSurfaces.breakGlass.group',
      )[0].message,
    ).toMatch(/^break-glass is also one of the groups the rule applies to: the rule must exclude it/);
  });

  test('fails when a member is not a login, or a rule group is unknown', () => {
    expect(
      at(
        (c) => (c.identity.mfa.adminSurfaces.breakGlass.members = ['root']),
        'identity.mfa.adminSurfaces.breakGlass.members[0]',
      )[0].message,
    ).toMatch(/an Okta login/);
    expect(
      at((c) => (c.identity.mfa.adminSurfaces.groups = ['nobody']), 'identity.mfa.adminSurfaces.groups[0]')[0].message,
    ).toBe(
      'unknown group; declared: everyone, api-users, api-admins, payments-operators, engineers, ' +
        'okta-admins, break-glass',
    );
  });

  test('fails for an admin role name Okta does not have (the provider sends it; the API refuses it at apply)', () => {
    const [p] = at(
      (c) => (c.identity.mfa.adminSurfaces.roles['okta-admins'] = ['API_ADMIN']),
      'identity.mfa.adminSurfaces.roles.okta-admins[0]',
    );
    expect(p).toMatchObject({ environment: 'prod', received: '"API_ADMIN"' });
    expect(p.message).toBe(
      "not an Okta admin role type (the provider's description says API_ADMIN; Okta's role type is " +
        'API_ACCESS_MANAGEMENT_ADMIN); allowed: SUPER_ADMIN, ORG_ADMIN, APP_ADMIN, USER_ADMIN, HELP_DESK_ADMIN, ' +
        'GROUP_MEMBERSHIP_ADMIN, READ_ONLY_ADMIN, MOBILE_ADMIN, API_ACCESS_MANAGEMENT_ADMIN, REPORT_ADMIN',
    );
  });

  test('fails when a role goes to Everyone, or to a group the admin rule does not cover', () => {
    expect(
      at(
        (c) => (c.identity.mfa.adminSurfaces.roles = { everyone: ['READ_ONLY_ADMIN'] }),
        'identity.mfa.adminSurfaces.roles.everyone',
      )[0].message,
    ).toBe('an admin role for Everyone makes every user an administrator; name a group');
    expect(
      at(
        (c) => (c.identity.mfa.adminSurfaces.groups = ['api-admins']),
        'identity.mfa.adminSurfaces.roles.okta-admins',
      )[0].message,
    ).toBe(
      'okta-admins would hold an admin role outside the admin rule: add it to the groups the rule applies to ' +
        '(or apply the rule to everyone)',
    );
  });

  test('fails when break-glass has no hardware-protected authenticator allowed', () => {
    expect(
      at(
        (c) => (c.identity.mfa.adminSurfaces.breakGlass.authenticators = []),
        'identity.mfa.adminSurfaces.breakGlass.authenticators',
      )[0],
    ).toMatchObject({
      received: '[]',
      message:
        'at least one hardware-protected authenticator for the break-glass accounts; allowed: okta-verify, webauthn',
    });
    expect(
      at(
        (c) => (c.identity.mfa.adminSurfaces.breakGlass.authenticators = ['phone']),
        'identity.mfa.adminSurfaces.breakGlass.authenticators[0]',
      )[0],
    ).toMatchObject({ received: '"phone"', message: 'allowed: okta-verify, webauthn' });
    expect(
      at(
        (c) => (c.identity.mfa.authenticators.webauthn = { status: 'INACTIVE', enrollment: 'NOT_ALLOWED' }),
        'identity.mfa.adminSurfaces.breakGlass.authenticators[0]',
      )[0].message,
    ).toBe(
      "the break-glass sign-in relies on the authenticator 'webauthn', which is INACTIVE " +
        '(identity.mfa.authenticators.webauthn.status): turn it back on there, or stop relying on it here',
    );
  });

  test('fails when the break-glass session would outlast an hour', () => {
    expect(
      at(
        (c) => (c.identity.mfa.adminSurfaces.breakGlass.reauthenticateMinutes = 90),
        'identity.mfa.adminSurfaces.breakGlass.reauthenticateMinutes',
      )[0].message,
    ).toBe('allowed: 1 to 60 minutes (an emergency session stays short)');
  });

  test('fails when break-glass is set but the System Log is not streamed (its sign-ins could not alert)', () => {
    const p = problemsOf(
      'staging',
      configFor('staging', (c) => delete c.audit.oktaLogStream),
    ).find((x) => x.path === 'audit.oktaLogStream');
    expect(p?.message).toMatch(/break-glass sign-ins must raise an alert/);
  });
});

describe('review and report', () => {
  const sentences = (edit: (j: any) => void, env: 'staging' | 'prod' = 'prod', area = 'admin') => {
    const review = reviewStack(modelOf(env, json[env]), modelOf(env, json[env], edit));
    return review.posture.filter((p) => p.area === area).map((p) => [p.direction, p.sentence]);
  };
  const named = (j: any, prefix: string) => adminRules(j).find(([, r]) => r.name.startsWith(prefix))![1];
  const allowRule = (j: any) => named(j, 'Phishing-resistant admins');
  const breakGlassRule = (j: any) => named(j, 'Break-glass');

  test('dropping the Admin Console rules is a "weakens" sentence for administrators and for break-glass', () => {
    expect(
      sentences((j) => {
        for (const [n] of adminRules(j)) delete j.resource.okta_app_signon_policy_rule[n];
      }),
    ).toEqual([
      [
        'weaken',
        'Okta Admin Console no longer requires a phishing-resistant factor from `Everyone` (the rule is ' +
          'gone): its own policy decides how administrators sign in.',
      ],
      ['weaken', 'Break-glass `Okta Break-Glass` no longer has a rule of its own on the Okta Admin Console.'],
    ]);
  });

  test('accepting a synced passkey again weakens (item 5)', () => {
    expect(
      sentences((j) => {
        allowRule(j).constraints = [
          JSON.stringify({ possession: { required: true, phishingResistant: 'REQUIRED', userPresence: 'REQUIRED' } }),
        ];
      }),
    ).toEqual([
      [
        'weaken',
        'Okta Admin Console now accepts a phishing-resistant factor that is not device-bound or hardware-protected ' +
          'from `Everyone`: a synced passkey, from any device that holds it.',
      ],
    ]);
  });

  test('break-glass losing its own rule, its hardware key or its short session weakens (item 6)', () => {
    expect(
      sentences((j) => {
        delete j.resource.okta_app_signon_policy_rule[
          adminRules(j).find(([, r]) => r.name.startsWith('Break-glass'))![0]
        ];
      }),
    ).toEqual([
      [
        'weaken',
        'Break-glass `Okta Break-Glass` no longer has a rule of its own on the Okta Admin Console: it reaches it ' +
          'only through rules Terraform neither owns nor sees.',
      ],
    ]);
    expect(
      sentences((j) => {
        breakGlassRule(j).constraints = [
          JSON.stringify({ possession: { required: true, phishingResistant: 'REQUIRED' } }),
        ];
        breakGlassRule(j).re_authentication_frequency = 'PT2H';
      }).map(([d, t]) => [d, t.split(':')[0]]),
    ).toEqual([
      ['weaken', 'The break-glass rule on the Okta Admin Console no longer requires the password and a hardware key.'],
      ['weaken', 'Break-glass sessions on the Okta Admin Console now last up to 120 min between sign-ins (was 15).'],
    ]);
  });

  test('granting an admin role weakens, taking one away strengthens (item 4)', () => {
    expect(
      sentences((j) => {
        const [name] = Object.keys(j.resource.okta_group_role);
        j.resource.okta_group_role[name].role_type = 'APP_ADMIN';
      }),
    ).toEqual([
      ['weaken', '`Okta Break-Glass` now holds the Okta admin role APP_ADMIN: every member administers Okta.'],
      ['strengthen', '`Okta Break-Glass` no longer holds the Okta admin role SUPER_ADMIN.'],
    ]);
  });

  test('a lookup that no longer proves what it found, or no Identity Engine check, weakens (item 7)', () => {
    const s = sentences(
      (j) => {
        delete Object.values(j.data.okta_app as Record<string, any>)[0].lifecycle;
        delete Object.values(j.data.okta_org_metadata as Record<string, any>)[0].lifecycle;
      },
      'staging',
      'okta',
    );
    expect(s).toEqual([
      [
        'weaken',
        'The plan no longer proves the Okta org runs the Identity Engine before changing it: a Classic org would ' +
          'half-apply the stack.',
      ],
      [
        'weaken',
        "The app lookup `Okta Admin Console` no longer proves what it found: a wrong match would change a stranger's " +
          'object instead of stopping the plan.',
      ],
    ]);
  });

  test('widening break-glass (a member added, a larger cap, another exempt group) weakens', () => {
    const s = sentences((j) => {
      const bg = j['//'].guardrails.breakGlass;
      bg.members.push('break-glass-3@example.com');
      bg.maxMembers = 3;
      allowRule(j).groups_excluded.push('${okta_group.Groups_engineers_ABC.id}');
    });
    expect(s.map(([d]) => d)).toEqual(['weaken', 'weaken', 'weaken']);
    expect(s.map(([, t]) => t).join('\n')).toMatch(/now exempts .* from its phishing-resistant rule/);
    expect(s.map(([, t]) => t)).toContain(
      'Break-glass widened: `break-glass-3@example.com` added, 3 account(s) skip the admin surfaces ' +
        'phishing-resistant rule.',
    );
    expect(s.map(([, t]) => t)).toContain('Break-glass may now hold 3 accounts (was 2; never more than 5).');
  });

  test('the posture report shows the admin surface, the break-glass rule, the roles and the lookups', () => {
    const report = buildReport(modelOf('prod', json.prod), []);
    for (const row of [
      '| Okta Admin Console | phishing-resistant, device-bound, hardware-protected | Everyone | Okta Break-Glass |',
      '| Okta Admin Console: break-glass rule | password + hardware key, re-authenticate every 15 min | ' +
        'Okta Break-Glass | - |',
      '| admin role ORG_ADMIN | granted by the stack | Okta Administrators | - |',
      '| break-glass: Okta Break-Glass | its own rule; every sign-in alerts | 2 of at most 2 accounts | - |',
      'Lookups: the plan stops unless the org runs the Identity Engine; 5 of 5 lookups prove what they found.',
      "exempt from the administrators' rule of Okta Admin Console; admitted by a rule of its own on Okta Admin " +
        'Console (password + hardware key, re-authenticating every 15 min).',
    ])
      expect(report.markdown).toContain(row);
  });
});

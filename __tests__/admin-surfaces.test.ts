/**
 * Okta's own admin surfaces (issue 11 item 4): staging and prod put a phishing-resistant rule on the
 * Admin Console's EXISTING authentication policy (looked up, never created), exclude a small break-glass
 * group, and alert on every break-glass sign-in. Bad input names the environment, field, value and rule.
 */
import { modelOf, ruleResults, synthesizedDefaults } from './support/guardrails';
import { reviewStack } from '../review/review';
import { buildReport } from '../review/report';
import { configFor, problemsOf } from './support/configs';
import { ref, resources, type TfJson } from './support/tf-json';
import { ADMIN_SURFACES, SIGN_IN_EVENT_TYPES } from '../domain/okta/admin-surfaces';
import { readSignOnConstraint } from '../domain/okta/sign-on-constraints';

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
    expect(app).toEqual({ label: ADMIN_SURFACES['admin-console'], active_only: true, '//': expect.anything() });
    const [[, policy]] = data(json[env], 'okta_app_signon_policy');
    expect(policy.app_id).toBe(`\${data.okta_app.${appName}.id}`);
    const created = resources(json[env], 'okta_app_signon_policy').map(([, p]) => p.name);
    expect(created).not.toContain(ADMIN_SURFACES['admin-console']);
    expect(created).toHaveLength(3);
  });

  test('gets the blocklist denial first, then a phishing-resistant rule for Okta admins minus break-glass', () => {
    const rules = adminRules(json[env])
      .map(([, r]) => r)
      .sort((a, b) => a.priority - b.priority);
    expect(rules.map((r) => [r.priority, r.access])).toEqual([
      [1, 'DENY'],
      [2, 'ALLOW'],
    ]);
    const allow = rules[1];
    expect(allow.factor_mode).toBe('2FA');
    const [constraint] = allow.constraints.map((c: string) => readSignOnConstraint(c).value);
    expect(constraint.possession).toMatchObject({ phishingResistant: 'REQUIRED', required: true });
    const [okta] = resources(json[env], 'okta_group').filter(([, g]) => g.name === 'Okta Administrators');
    const [glass] = resources(json[env], 'okta_group').filter(([, g]) => g.name === 'Okta Break-Glass');
    expect(allow.groups_included).toEqual([ref('okta_group', okta[0], 'id')]);
    expect(allow.groups_excluded).toEqual([ref('okta_group', glass[0], 'id')]);
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

  test('fails when break-glass is set but the System Log is not streamed (its sign-ins could not alert)', () => {
    const p = problemsOf(
      'staging',
      configFor('staging', (c) => delete c.audit.oktaLogStream),
    ).find((x) => x.path === 'audit.oktaLogStream');
    expect(p?.message).toMatch(/break-glass sign-ins must raise an alert/);
  });
});

describe('review and report', () => {
  const sentences = (edit: (j: any) => void, env: 'staging' | 'prod' = 'prod') => {
    const review = reviewStack(modelOf(env, json[env]), modelOf(env, json[env], edit));
    return review.posture.filter((p) => p.area === 'admin').map((p) => [p.direction, p.sentence]);
  };
  const allowRule = (j: any) => adminRules(j).find(([, r]) => r.access === 'ALLOW')![1];

  test('dropping the Admin Console rule is a "weakens" sentence', () => {
    expect(
      sentences((j) => {
        for (const [n] of adminRules(j)) delete j.resource.okta_app_signon_policy_rule[n];
      }),
    ).toEqual([
      [
        'weaken',
        'Okta Admin Console no longer requires a phishing-resistant factor from `Okta Administrators` (the rule is ' +
          'gone): its own policy decides how administrators sign in.',
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

  test('the posture report shows the admin surface and the break-glass group', () => {
    const report = buildReport(modelOf('prod', json.prod), []);
    expect(report.markdown).toContain(
      '| Okta Admin Console | phishing-resistant | Okta Administrators | Okta Break-Glass |',
    );
    expect(report.markdown).toContain(
      '| break-glass: Okta Break-Glass | excluded; every sign-in alerts | 2 of at most 2 accounts | - |',
    );
  });
});

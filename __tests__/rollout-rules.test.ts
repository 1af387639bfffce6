/**
 * The MFA rollout's rules are written once (domain/okta/rollout-rules.ts, adaptive-rules.ts): the config
 * schema reports each with its config path, the OktaMfaRollout construct (or the device assurance and
 * behaviour constructs it builds) with its prop name, and the message is the same. Each case breaks the
 * staging config and the construct props that mirror it the same way, and expects the same message from both.
 */
import { Testing, TerraformStack, Token } from 'cdktf';
import { OktaMfaRollout, type IGroupLookup, type OktaMfaRolloutProps } from '../constructs';
import { rolloutPhase, rolloutPlanProblems } from '../domain/okta/rollout-rules';
import { PASSWORD_POLICY_DEFAULTS } from '../domain/okta/password-policy';
import { configFor, problemsOf } from './support/configs';
import { rolloutProps } from './support/rollout-props';

const staging = configFor('staging') as any;
const GROUP_KEYS = Object.keys(staging.identity.groups);
const DEVICE_POLICIES = Object.keys(staging.identity.mfa.deviceAssurance);

const lookup: IGroupLookup = {
  everyoneKey: 'everyone',
  declaredKeys: GROUP_KEYS,
  has: (key) => key === 'everyone' || GROUP_KEYS.includes(key),
  idOf: (key) => `00g-${key}`,
};

/** Construct props that mirror staging's identity.mfa: its groups, waves, phase, devices, risk and admin rule. */
function stagingProps(): OktaMfaRolloutProps {
  const mfa = staging.identity.mfa;
  const base = rolloutProps(lookup, structuredClone(mfa.rollout.waves), mfa.rollout.currentPhase);
  const devices = { deviceAssurances: [...DEVICE_POLICIES] };
  return {
    ...base,
    riskScoring: true,
    highRisk: { ...mfa.risk },
    deviceAssurance: Object.fromEntries(
      DEVICE_POLICIES.map((k) => [k, { platform: 'android', name: k, minimumOsVersion: '14' } as const]),
    ),
    tiers: {
      standard: { ...base.tiers.standard },
      high: { ...base.tiers.high, ...devices },
      critical: { ...base.tiers.critical, ...structuredClone(devices) },
    },
    adminSurfaces: {
      groups: [...mfa.adminSurfaces.groups],
      breakGlassGroup: 'break-glass',
      roles: structuredClone(mfa.adminSurfaces.roles),
      breakGlassAuthenticators: ['webauthn'], // the config's default
    },
  };
}

/** `path` and message of each problem parsing reports for staging changed by `edit`. */
const configProblems = (edit: (c: any) => void) =>
  problemsOf('staging', configFor('staging', edit)).map((p) => ({ path: p.path, message: p.message }));

/** `path` and message of each line the rollout's constructs throw for the props changed by `edit`. */
function constructProblems(edit: (p: any) => void): { path: string; message: string }[] {
  const props = stagingProps();
  edit(props);
  try {
    new OktaMfaRollout(new TerraformStack(Testing.app(), 'test'), 'Rollout', props);
  } catch (e) {
    return (e as Error).message.split('\n').map((line) => {
      const m = /^(?:OktaMfaRollout|DeviceAssurancePolicies|RolloutBehaviors): (\S+) = .* is invalid: (.*)$/.exec(line);
      if (!m) throw new Error(`not a problem line: ${line}`);
      return { path: m[1], message: m[2] };
    });
  }
  return [];
}

interface Case {
  /** How staging's config is broken (c is the whole config). */
  readonly config: (c: any) => void;
  /** Where parsing reports it. */
  readonly configPath: string;
  /** The same break in the construct's props. */
  readonly props: (p: any) => void;
  /** Where the construct reports it. */
  readonly propPath: string;
  /** What both say. */
  readonly message: string;
}

const mfa = (c: any) => c.identity.mfa;
const DECLARED = `everyone, ${GROUP_KEYS.join(', ')}`;
const NOT_ALLOWED = { status: 'INACTIVE', enrollment: 'NOT_ALLOWED' };

const CASES: Record<string, Case> = {
  'a rollout without waves': {
    config: (c) => (mfa(c).rollout.waves = []),
    configPath: 'identity.mfa.rollout.waves',
    props: (p) => (p.waves = []),
    propPath: 'waves',
    message: 'at least one wave',
  },
  'a wave without groups': {
    config: (c) => (mfa(c).rollout.waves[1].groups = []),
    configPath: "identity.mfa.rollout.waves['engineering'].groups",
    props: (p) => (p.waves[1].groups = []),
    propPath: 'waves[1].groups',
    message: 'at least one group',
  },
  'a wave listed twice': {
    config: (c) => mfa(c).rollout.waves.push({ key: 'pilot', groups: ['api-users'] }),
    configPath: 'identity.mfa.rollout.waves[3].key',
    props: (p) => p.waves.push({ key: 'pilot', groups: ['api-users'] }),
    propPath: 'waves[3].key',
    message: 'each wave is listed once',
  },
  'an unknown group in a wave': {
    config: (c) => (mfa(c).rollout.waves[1].groups = ['engineer']),
    configPath: "identity.mfa.rollout.waves['engineering'].groups[0]",
    props: (p) => (p.waves[1].groups = ['engineer']),
    propPath: 'waves[1].groups[0]',
    message: `unknown group; declared: ${DECLARED}`,
  },
  'a group in two waves': {
    config: (c) => mfa(c).rollout.waves[1].groups.push('api-admins'),
    configPath: "identity.mfa.rollout.waves['engineering'].groups[1]",
    props: (p) => p.waves[1].groups.push('api-admins'),
    propPath: 'waves[1].groups[1]',
    message: "a group joins the rollout once; it is already in wave 'pilot'",
  },
  'everyone before the last wave': {
    config: (c) => mfa(c).rollout.waves[0].groups.push('everyone'),
    configPath: "identity.mfa.rollout.waves['pilot'].groups[2]",
    props: (p) => p.waves[0].groups.push('everyone'),
    propPath: 'waves[0].groups[2]',
    message: "'everyone' can only be the last wave (it covers every later group)",
  },
  'a phase that names no wave': {
    config: (c) => (mfa(c).rollout.currentPhase = 'pilots'),
    configPath: 'identity.mfa.rollout.currentPhase',
    props: (p) => (p.currentPhase = 'pilots'),
    propPath: 'currentPhase',
    message: 'names no wave; allowed: pilot, engineering, everyone',
  },
  'a removed authenticator': {
    config: (c) => delete mfa(c).authenticators.phone,
    configPath: 'identity.mfa.authenticators.phone',
    props: (p) => delete p.authenticators.phone,
    propPath: 'authenticators.phone',
    message:
      'Okta cannot delete an authenticator, only deactivate it: ' +
      'keep it listed with status INACTIVE and enrollment NOT_ALLOWED',
  },
  'an INACTIVE authenticator that can be enrolled': {
    config: (c) => (mfa(c).authenticators.phone.enrollment = 'OPTIONAL'),
    configPath: 'identity.mfa.authenticators.phone.enrollment',
    props: (p) => (p.authenticators.phone.enrollment = 'OPTIONAL'),
    propPath: 'authenticators.phone.enrollment',
    message: 'an INACTIVE authenticator cannot be enrolled; allowed: NOT_ALLOWED',
  },
  'neither password nor email REQUIRED': {
    config: (c) => (mfa(c).authenticators.password.enrollment = 'OPTIONAL'),
    configPath: 'identity.mfa.authenticators.password.enrollment',
    props: (p) => (p.authenticators.password.enrollment = 'OPTIONAL'),
    propPath: 'authenticators.password.enrollment',
    message:
      'Okta requires password or email to be REQUIRED in an enrollment policy; allowed: REQUIRED, or email REQUIRED',
  },
  'no Okta Verify or WebAuthn to enroll': {
    config: (c) => Object.assign(mfa(c).authenticators, { 'okta-verify': NOT_ALLOWED, webauthn: NOT_ALLOWED }),
    configPath: 'identity.mfa.authenticators',
    props: (p) => Object.assign(p.authenticators, { 'okta-verify': NOT_ALLOWED, webauthn: NOT_ALLOWED }),
    propPath: 'authenticators',
    message:
      'no ACTIVE, enrollable okta-verify or webauthn: SMS / voice (phone) would be the only second factor ' +
      '(here: none at all), and the high and critical tiers could never be met',
  },
  'an email code living longer than a day': {
    config: (c) => (mfa(c).authenticators.email.tokenLifetimeMinutes = 1441),
    configPath: 'identity.mfa.authenticators.email.tokenLifetimeMinutes',
    props: (p) => (p.authenticators.email.tokenLifetimeMinutes = 1441),
    propPath: 'authenticators.email.tokenLifetimeMinutes',
    message: 'allowed: whole minutes from 1 to 1440',
  },
  'an unlimited session': {
    config: (c) => (mfa(c).globalSession.sessionLifetimeMinutes = 0),
    configPath: 'identity.mfa.globalSession.sessionLifetimeMinutes',
    props: (p) => (p.sessionLifetimeMinutes = 0),
    propPath: 'sessionLifetimeMinutes',
    message: 'allowed: whole minutes from 15 to 1440 (a session ends within a day; 0, unlimited, is refused)',
  },
  'an idle time beyond the session lifetime': {
    config: (c) => Object.assign(mfa(c).globalSession, { sessionLifetimeMinutes: 20, sessionIdleMinutes: 30 }),
    configPath: 'identity.mfa.globalSession.sessionIdleMinutes',
    props: (p) => Object.assign(p, { sessionLifetimeMinutes: 20, sessionIdleMinutes: 30 }),
    propPath: 'sessionIdleMinutes',
    message: 'the idle time cannot exceed the session lifetime (20); allowed: at most 20 minutes',
  },
  'a high tier re-authenticating every 4 hours': {
    config: (c) => (mfa(c).tiers.high.reauthenticateMinutes = 240),
    configPath: 'identity.mfa.tiers.high.reauthenticateMinutes',
    props: (p) => (p.tiers.high.reauthenticateMinutes = 240),
    propPath: 'tiers.high.reauthenticateMinutes',
    message: 'allowed: whole minutes from 1 to 120 (the high tier re-authenticates at least every 2 hours)',
  },
  'a tier naming an undeclared device assurance policy': {
    config: (c) => (mfa(c).tiers.high.deviceAssurances[0] = 'linux-baseline'),
    configPath: 'identity.mfa.tiers.high.deviceAssurances[0]',
    props: (p) => (p.tiers.high.deviceAssurances[0] = 'linux-baseline'),
    propPath: 'tiers.high.deviceAssurances[0]',
    message: `no such device assurance policy; declared: ${DEVICE_POLICIES.join(', ')}`,
  },
  'a managed device without device management': {
    config: (c) => (mfa(c).tiers.critical.requireManagedDevice = true),
    configPath: 'identity.mfa.tiers.critical.requireManagedDevice',
    props: (p) => (p.tiers.critical.requireManagedDevice = true),
    propPath: 'tiers.critical.requireManagedDevice',
    message:
      'a managed device needs device management in the org: without it no device is ever managed and every ' +
      'sign-in to a critical app is denied; allowed: false, or true with deviceManagement true ' +
      '(or use deviceAssurances)',
  },
  'a minimum password length below the guidance without a reason': {
    config: (c) => (mfa(c).passwordPolicy = { minLength: 12 }),
    configPath: 'identity.mfa.passwordPolicy.minLength',
    props: (p) => (p.passwordPolicy = { ...PASSWORD_POLICY_DEFAULTS, minLength: 12 }),
    propPath: 'passwordPolicy.minLength',
    message:
      'below the guidance of 15 characters (NIST SP 800-63B-4 3.1.1.2: a password that can sign someone in ' +
      'alone); allowed: 15 to 30, or 8 to 14 with minLengthOverride: { reason } saying why',
  },
  'a minimum password length below the floor even with a reason': {
    config: (c) => (mfa(c).passwordPolicy = { minLength: 6, minLengthOverride: { reason: 'a legacy kiosk app' } }),
    configPath: 'identity.mfa.passwordPolicy.minLength',
    props: (p) =>
      (p.passwordPolicy = { ...PASSWORD_POLICY_DEFAULTS, minLength: 6, minLengthOverride: { reason: 'kiosk app' } }),
    propPath: 'passwordPolicy.minLength',
    message:
      'below 8, the least NIST SP 800-63B-4 allows even for a password that is only one factor of several; ' +
      'allowed: 8 to 30 characters (15 or more without minLengthOverride)',
  },
  'a security question kept ACTIVE without saying it is for recovery': {
    config: (c) => (mfa(c).authenticators['security-question'] = { status: 'ACTIVE', enrollment: 'OPTIONAL' }),
    configPath: 'identity.mfa.authenticators.security-question.status',
    props: (p) => (p.authenticators['security-question'] = { status: 'ACTIVE', enrollment: 'OPTIONAL' }),
    propPath: 'authenticators.security-question.status',
    message:
      'Security Question answers are guessable: it is ACTIVE only to keep password recovery by it, said ' +
      'explicitly; allowed: INACTIVE, or ACTIVE with recovery: true (the password policy then offers recovery by ' +
      'it, and it is never a sign-in factor)',
  },
  'recovery by a security question that is INACTIVE': {
    config: (c) => (mfa(c).authenticators['security-question'].recovery = true),
    configPath: 'identity.mfa.authenticators.security-question.recovery',
    props: (p) =>
      (p.authenticators['security-question'] = { status: 'INACTIVE', enrollment: 'NOT_ALLOWED', recovery: true }),
    propPath: 'authenticators.security-question.recovery',
    message: 'password recovery by Security Question needs it ACTIVE; allowed: false while its status is INACTIVE',
  },
  'risk rules without risk scoring': {
    config: (c) => (c.okta.riskScoring = false),
    configPath: 'identity.mfa.risk',
    props: (p) => (p.riskScoring = false),
    propPath: 'highRisk',
    message:
      'risk rules need risk scoring in the org (orgs without it reject a riskScore condition): ' +
      'turn riskScoring on, or remove the risk rules',
  },
  'a lower-case country code': {
    config: (c) => (mfa(c).networkZones.blocklist.countries = ['kp']),
    configPath: 'identity.mfa.networkZones.blocklist.countries[0]',
    props: (p) => (p.blocklist.countries = ['kp']),
    propPath: 'blocklist.countries[0]',
    message: 'allowed: an ISO 3166-1 alpha-2 country code such as KP, optionally with a region (US-CA)',
  },
  'a blocklist that blocks nothing': {
    config: (c) => Object.assign(mfa(c).networkZones.blocklist, { countries: [], anonymizers: 'none' }),
    configPath: 'identity.mfa.networkZones.blocklist',
    props: (p) => (p.blocklist = { countries: [], anonymizers: 'none' }),
    propPath: 'blocklist',
    message: 'name countries and/or anonymizers (tor, any-proxy): every policy denies the blocklist first',
  },
  'an unknown group on the admin surfaces': {
    config: (c) => (mfa(c).adminSurfaces.groups = ['nobody']),
    configPath: 'identity.mfa.adminSurfaces.groups[0]',
    props: (p) => (p.adminSurfaces.groups = ['nobody']),
    propPath: 'adminSurfaces.groups[0]',
    message: `unknown group; declared: ${DECLARED}`,
  },
  'Everyone as the break-glass group': {
    config: (c) => (mfa(c).adminSurfaces.breakGlass.group = 'everyone'),
    configPath: 'identity.mfa.adminSurfaces.breakGlass.group',
    props: (p) => (p.adminSurfaces.breakGlassGroup = 'everyone'),
    propPath: 'adminSurfaces.breakGlassGroup',
    message: `the break-glass accounts need a declared group of their own; declared: ${GROUP_KEYS.join(', ')}`,
  },
  'the break-glass group in a rollout wave': {
    config: (c) => mfa(c).rollout.waves[0].groups.push('break-glass'),
    configPath: 'identity.mfa.adminSurfaces.breakGlass.group',
    props: (p) => p.waves[0].groups.push('break-glass'),
    propPath: 'adminSurfaces.breakGlassGroup',
    message:
      'break-glass is in rollout wave pilot: break-glass accounts stay outside every rollout wave ' +
      '(the rollout must never be able to lock them out)',
  },
  'the break-glass group among the groups the rule applies to': {
    config: (c) => mfa(c).adminSurfaces.groups.push('break-glass'),
    configPath: 'identity.mfa.adminSurfaces.breakGlass.group',
    props: (p) => p.adminSurfaces.groups.push('break-glass'),
    propPath: 'adminSurfaces.breakGlassGroup',
    message: 'break-glass is also one of the groups the rule applies to: the rule must exclude it, not include it',
  },
  'an admin role Okta does not have': {
    config: (c) => (mfa(c).adminSurfaces.roles['okta-admins'] = ['ORG_ADMIN', 'ORG_OWNER']),
    configPath: 'identity.mfa.adminSurfaces.roles.okta-admins[1]',
    props: (p) => (p.adminSurfaces.roles['okta-admins'] = ['ORG_ADMIN', 'ORG_OWNER']),
    propPath: 'adminSurfaces.roles.okta-admins[1]',
    message:
      'not an Okta admin role type; allowed: SUPER_ADMIN, ORG_ADMIN, APP_ADMIN, USER_ADMIN, HELP_DESK_ADMIN, ' +
      'GROUP_MEMBERSHIP_ADMIN, READ_ONLY_ADMIN, MOBILE_ADMIN, API_ACCESS_MANAGEMENT_ADMIN, REPORT_ADMIN',
  },
  'an admin role for a group the admin rule does not cover': {
    config: (c) => (mfa(c).adminSurfaces.groups = ['api-admins']),
    configPath: 'identity.mfa.adminSurfaces.roles.okta-admins',
    props: (p) => (p.adminSurfaces.groups = ['api-admins']),
    propPath: 'adminSurfaces.roles.okta-admins',
    message:
      'okta-admins would hold an admin role outside the admin rule: add it to the groups the rule applies to ' +
      '(or apply the rule to everyone)',
  },
  'break-glass with no hardware-protected authenticator': {
    config: (c) => (mfa(c).adminSurfaces.breakGlass.authenticators = []),
    configPath: 'identity.mfa.adminSurfaces.breakGlass.authenticators',
    props: (p) => (p.adminSurfaces.breakGlassAuthenticators = []),
    propPath: 'adminSurfaces.breakGlassAuthenticators',
    message:
      'at least one hardware-protected authenticator for the break-glass accounts; allowed: okta-verify, webauthn',
  },
  'a device assurance option its platform lacks': {
    config: (c) => (mfa(c).deviceAssurance['macos-baseline'].rejectJailbroken = true),
    configPath: 'identity.mfa.deviceAssurance.macos-baseline.rejectJailbroken',
    props: (p) => (p.deviceAssurance['macos-baseline'] = { platform: 'macos', name: 'x', rejectJailbroken: true }),
    propPath: 'policies.macos-baseline.rejectJailbroken',
    message:
      'macos device assurance has no rejectJailbroken (okta_policy_device_assurance_macos, okta provider 4.20.0); ' +
      'macos options: minimumOsVersion, diskEncryption, secureHardware, screenLock',
  },
  'a device assurance policy that checks nothing': {
    config: (c) => (mfa(c).deviceAssurance['ios-baseline'] = { platform: 'ios', name: 'Bare' }),
    configPath: 'identity.mfa.deviceAssurance.ios-baseline',
    props: (p) => (p.deviceAssurance['ios-baseline'] = { platform: 'ios', name: 'Bare' }),
    propPath: 'policies.ios-baseline',
    message: 'a device assurance policy checks at least one of minimumOsVersion, screenLock, rejectJailbroken (ios)',
  },
  'a minimum OS that is not a version': {
    config: (c) => (mfa(c).deviceAssurance['ios-baseline'].minimumOsVersion = 'Sonoma'),
    configPath: 'identity.mfa.deviceAssurance.ios-baseline.minimumOsVersion',
    props: (p) => (p.deviceAssurance['ios-baseline'].minimumOsVersion = 'Sonoma'),
    propPath: 'policies.ios-baseline.minimumOsVersion',
    message: 'a version: 1 to 4 dot-separated numbers such as 14.4 or 10.0.22631',
  },
  'an unknown behaviour type': {
    config: (c) => (mfa(c).behaviors.odd = { name: 'Odd', type: 'NEW_PLACE' }),
    configPath: 'identity.mfa.behaviors.odd.type',
    props: (p) => (p.behaviors = { odd: { name: 'Odd', type: 'NEW_PLACE' } }),
    propPath: 'behaviors.odd.type',
    message: 'allowed: ANOMALOUS_LOCATION, ANOMALOUS_DEVICE, ANOMALOUS_IP, VELOCITY',
  },
  'a behaviour speed beyond any airliner': {
    config: (c) => (mfa(c).behaviors.fast = { name: 'Fast', type: 'VELOCITY', velocityKph: 5000 }),
    configPath: 'identity.mfa.behaviors.fast.velocityKph',
    props: (p) => (p.behaviors = { fast: { name: 'Fast', type: 'VELOCITY', velocityKph: 5000 } }),
    propPath: 'behaviors.fast.velocityKph',
    message: 'allowed: whole km/h from 1 to 2000',
  },
  'a behaviour without the setting its type needs': {
    config: (c) => (mfa(c).behaviors.where = { name: 'Where', type: 'ANOMALOUS_LOCATION', authentications: 20 }),
    configPath: 'identity.mfa.behaviors.where.granularity',
    props: (p) => (p.behaviors = { where: { name: 'Where', type: 'ANOMALOUS_LOCATION', authentications: 20 } }),
    propPath: 'behaviors.where.granularity',
    message: 'ANOMALOUS_LOCATION needs granularity (resource_okta_behavior.go:195-199)',
  },
  'a looked-up behaviour with settings': {
    config: (c) => (mfa(c).behaviors['new-ip'].authentications = 20),
    configPath: 'identity.mfa.behaviors.new-ip.authentications',
    props: (p) => (p.behaviors = { 'new-ip': { name: 'New IP', authentications: 20 } }),
    propPath: 'behaviors.new-ip.authentications',
    message: 'a looked-up behaviour (no type) takes only name and enforce; give a type to define it here',
  },
};

describe('GIVEN staging and the construct props that mirror it', () => {
  test('THEN both are valid as they are', () => {
    expect(configProblems(() => undefined)).toEqual([]);
    expect(constructProblems(() => undefined)).toEqual([]);
  });

  test.each(Object.entries(CASES))('fails for %s: the config and the construct say the same', (_name, c) => {
    expect(configProblems(c.config)).toContainEqual({ path: c.configPath, message: c.message });
    expect(constructProblems(c.props)).toContainEqual({ path: c.propPath, message: c.message });
  });
});

describe('OktaMfaRollout reports every problem of its props at once', () => {
  test('fails with one line per problem, each naming the prop, the value and what is allowed', () => {
    const build = () =>
      new OktaMfaRollout(new TerraformStack(Testing.app(), 'test'), 'Rollout', {
        ...stagingProps(),
        currentPhase: 'pilots',
        sessionIdleMinutes: 600,
      });
    expect(build).toThrow(
      new Error(
        'OktaMfaRollout: currentPhase = "pilots" is invalid: names no wave; allowed: pilot, engineering, everyone\n' +
          'OktaMfaRollout: sessionIdleMinutes = 600 is invalid: allowed: whole minutes from 5 to 240\n' +
          'OktaMfaRollout: sessionIdleMinutes = 600 is invalid: the idle time cannot exceed the session lifetime ' +
          '(480); allowed: at most 480 minutes',
      ),
    );
  });

  test('GIVEN session minutes that are tokens THEN the rules that compare them skip them', () => {
    const props = { ...stagingProps(), sessionLifetimeMinutes: Token.asNumber('${var.lifetime}') };
    expect(() => new OktaMfaRollout(new TerraformStack(Testing.app(), 'test'), 'Rollout', props)).not.toThrow();
  });
});

describe('the rollout phase (domain/okta/rollout-rules.ts)', () => {
  const plan = staging.identity.mfa.rollout;

  test('GIVEN staging at phase engineering THEN pilot and engineering groups are enforced, once each', () => {
    expect(rolloutPhase(plan, 'everyone')).toEqual({
      enforcedKeys: ['api-admins', 'payments-operators', 'engineers'],
      coversEveryone: false,
      waveOf: new Map([
        ['api-admins', 'pilot'],
        ['payments-operators', 'pilot'],
        ['engineers', 'engineering'],
        ['everyone', 'everyone'],
      ]),
    });
    expect(rolloutPhase({ ...plan, currentPhase: 'everyone' }, 'everyone').coversEveryone).toBe(true);
  });

  test('GIVEN a phase that names no wave THEN nobody is enforced, and the plan rule says so', () => {
    const unknown = { ...plan, currentPhase: 'later' };
    expect(rolloutPhase(unknown, 'everyone').enforcedKeys).toEqual([]);
    expect(rolloutPlanProblems(unknown, lookup)).toEqual([
      { path: ['currentPhase'], value: 'later', message: 'names no wave; allowed: pilot, engineering, everyone' },
    ]);
  });
});

/**
 * Orgs for the Okta stand-in (okta-stand-in.ts): `appliedOrg(model)` is an Identity Engine org in which the
 * stack has been applied cleanly (every group, app, authorization server, zone and trusted origin of the
 * stack exists and its state holds them), with Okta's own parts an org always has (the Admin Console with a
 * policy of its own, the default policies, the authenticators with FastPass on, the built-in behaviours, an
 * admin in the stack's admin group and a break-glass admin). Tests seed one problem at a time into a copy.
 */
import type { StackModel, TfResource } from '../synthesized/model';
import { EVERYONE, ReadModel } from '../synthesized/read-model';
import type { StandInOrg } from './okta-stand-in';

/** A 20-character Okta-like id: a 3-letter prefix and a number. */
export const oktaId = (prefix: string, n: number): string => `${prefix}${String(n).padStart(17, '0')}`;

/**
 * The default password policy's settings in an org nobody changed them in, as the okta provider recorded them
 * (v4.20.0 test/fixtures/vcr/TestAccDataSourceOktaDefaultPolicy_readPasswordPolicy/oie-00.yaml:32, the system
 * "Default Policy"; classic-00.yaml records the same): 8 characters with lower case, upper case and a digit, no
 * common-password check, history 5, lockout after 10 without an email, recovery by email, SMS and question.
 */
export const DEFAULT_PASSWORD_SETTINGS = {
  password: {
    complexity: {
      minLength: 8,
      minLowerCase: 1,
      minUpperCase: 1,
      minNumber: 1,
      minSymbol: 0,
      excludeUsername: true,
      dictionary: { common: { exclude: false } },
      excludeAttributes: [],
    },
    age: { maxAgeDays: 0, expireWarnDays: 0, minAgeMinutes: 0, historyCount: 5 },
    lockout: { maxAttempts: 10, autoUnlockMinutes: 0, userLockoutNotificationChannels: [], showLockoutFailures: false },
  },
  recovery: {
    factors: {
      recovery_question: { status: 'ACTIVE', properties: { complexity: { minLength: 4 } } },
      okta_email: { status: 'ACTIVE', properties: { recoveryToken: { tokenLifetimeMinutes: 60 } } },
      okta_sms: { status: 'ACTIVE' },
      okta_call: { status: 'INACTIVE' },
    },
  },
  delegation: { options: { skipUnlock: false } },
};

/**
 * The default password policy's settings in the API's shape once the stack is applied: what
 * okta_policy_password_default PUTs (the read model's `defaultPasswordPolicy`, every setting as written or the
 * provider's default; resource_okta_policy_password_default.go:272-351). Without one, the recorded default.
 */
export function passwordSettingsPut(model: StackModel): typeof DEFAULT_PASSWORD_SETTINGS {
  const put = ReadModel.of(model).defaultPasswordPolicy?.settings;
  if (!put) return DEFAULT_PASSWORD_SETTINGS;
  const v = (k: string) => put[k] as any;
  return {
    password: {
      complexity: {
        minLength: v('password_min_length'),
        minLowerCase: v('password_min_lowercase'),
        minUpperCase: v('password_min_uppercase'),
        minNumber: v('password_min_number'),
        minSymbol: v('password_min_symbol'),
        excludeUsername: v('password_exclude_username'),
        dictionary: { common: { exclude: v('password_dictionary_lookup') } },
        excludeAttributes: [
          ...(v('password_exclude_first_name') ? ['firstName'] : []),
          ...(v('password_exclude_last_name') ? ['lastName'] : []),
        ] as never[],
      },
      age: {
        maxAgeDays: v('password_max_age_days'),
        expireWarnDays: v('password_expire_warn_days'),
        minAgeMinutes: v('password_min_age_minutes'),
        historyCount: v('password_history_count'),
      },
      lockout: {
        maxAttempts: v('password_max_lockout_attempts'),
        autoUnlockMinutes: v('password_auto_unlock_minutes'),
        userLockoutNotificationChannels: [...(v('password_lockout_notification_channels') ?? [])] as never[],
        showLockoutFailures: v('password_show_lockout_failures'),
      },
    },
    recovery: {
      factors: {
        recovery_question: {
          status: v('question_recovery'),
          properties: { complexity: { minLength: v('question_min_length') } },
        },
        okta_email: {
          status: v('email_recovery'),
          properties: { recoveryToken: { tokenLifetimeMinutes: v('recovery_email_token') } },
        },
        okta_sms: { status: v('sms_recovery') },
        okta_call: { status: v('call_recovery') },
      },
    },
    delegation: { options: { skipUnlock: v('skip_unlock') } },
  };
}

const named = (r: TfResource, attribute = 'name'): string => String(r.attrs[attribute]);

export interface AppliedOrg {
  readonly org: StandInOrg;
  /** What the stack's state holds: address -> id. */
  readonly managed: Map<string, string>;
}

/** Gives a resource of the stack its id in the org (the next of a counter) and records it as managed. */
type Own = <T>(r: TfResource, prefix: string, build: (id: string) => T) => T;

/** The org after a clean apply of `model`. */
export function appliedOrg(model: StackModel): AppliedOrg {
  const managed = new Map<string, string>();
  let n = 0;
  const own: Own = (r, prefix, build) => {
    const id = oktaId(prefix, ++n);
    managed.set(r.address, id);
    return build(id);
  };
  // The order of the calls is the order of the ids.
  const groups = orgGroups(model, own);
  const access = accessPolicies(model, own);
  const apps = orgApps(model, own, access, (app) => {
    const ref = model.resolve(app.attrs.authentication_policy)?.target;
    return ref ? managed.get(ref.address) : access.defaultApps.id;
  });
  const authenticators = [
    'okta_password',
    'okta_email',
    'okta_verify',
    'webauthn',
    'phone_number',
    'security_question',
  ].map((key, i) => ({ id: oktaId('aut', i + 1), key, name: key, type: key, status: 'ACTIVE' }));
  const verify = authenticators.find((a) => a.key === 'okta_verify')!;
  const policies = {
    PASSWORD: [
      {
        id: oktaId('00p', 1),
        name: 'Default Policy',
        description: 'The default policy applies in all situations if no other policy applies.',
        system: true,
        status: 'ACTIVE',
        type: 'PASSWORD',
        settings: passwordSettingsPut(model),
      },
    ],
    MFA_ENROLL: enrollPolicies(model, own),
    OKTA_SIGN_ON: [
      { id: oktaId('00p', 4), name: 'Default Policy', system: true, status: 'ACTIVE', type: 'OKTA_SIGN_ON' },
    ],
    ACCESS_POLICY: [access.adminPolicy, access.defaultApps, ...access.tiers],
  };
  return {
    managed,
    org: {
      organization: { id: oktaId('00o', 1), pipeline: 'idx' },
      policies,
      rules: accessRules(access.adminPolicy.id, access.defaultApps.id),
      authenticators,
      methods: {
        [verify.id]: [
          { type: 'push', status: 'ACTIVE' },
          { type: 'totp', status: 'ACTIVE' },
          { type: 'signed_nonce', status: 'ACTIVE' },
        ],
      },
      apps,
      ...administrators(model, groups),
      groups,
      behaviors: ['New Country', 'New Device', 'New IP', 'New Geo-Location', 'New State', 'New City'].map(
        (name, i) => ({ id: oktaId('bhv', i + 1), name, type: 'ANOMALOUS', status: 'ACTIVE' }),
      ),
      authServers: model
        .resources('okta_auth_server')
        .map((r) => own(r, 'aus', (id) => ({ id, name: named(r), status: 'ACTIVE' }))),
      zones: model
        .resources('okta_network_zone')
        .map((r) => own(r, 'nzo', (id) => ({ id, name: named(r), type: r.attrs.type, status: 'ACTIVE' }))),
      trustedOrigins: model
        .resources('okta_trusted_origin')
        .map((r) => own(r, 'tos', (id) => ({ id, name: named(r), origin: named(r, 'origin'), status: 'ACTIVE' }))),
      deviceAssurances: model
        .all()
        .filter((r) => r.type.startsWith('okta_policy_device_assurance_'))
        .map((r) => own(r, 'dae', (id) => ({ id, name: named(r) }))),
    },
  };
}

/** Everyone, the stack's groups and one the stack does not know (Helpdesk). */
function orgGroups(model: StackModel, own: Own) {
  const everyone = {
    id: oktaId('00g', 9000),
    type: 'BUILT_IN',
    profile: { name: 'Everyone', description: 'All users' },
  };
  return [
    everyone,
    ...model
      .resources('okta_group')
      .filter((r) => r.mode === 'resource')
      .map((r) => own(r, '00g', (id) => ({ id, type: 'OKTA_GROUP', profile: { name: named(r), description: null } }))),
    { id: oktaId('00g', 9001), type: 'OKTA_GROUP', profile: { name: 'Helpdesk', description: null } },
  ];
}

/** The Admin Console's own policy, the default app policy and the stack's tiers. */
function accessPolicies(model: StackModel, own: Own) {
  const adminPolicy = {
    id: oktaId('rst', 9000),
    name: 'Okta Admin Console',
    type: 'ACCESS_POLICY',
    status: 'ACTIVE',
    system: false,
  };
  const defaultApps = {
    id: oktaId('rst', 9001),
    name: 'Default Policy',
    type: 'ACCESS_POLICY',
    status: 'ACTIVE',
    system: true,
  };
  const tiers = model
    .resources('okta_app_signon_policy')
    .filter((r) => r.mode === 'resource')
    .map((r) =>
      own(r, 'rst', (id) => ({ id, name: named(r), type: 'ACCESS_POLICY', status: 'ACTIVE', system: false })),
    );
  return { adminPolicy, defaultApps, tiers };
}

/** Okta's own apps (Admin Console, Dashboard), an app the stack does not know (Wiki) and the stack's apps. */
function orgApps(
  model: StackModel,
  own: Own,
  access: ReturnType<typeof accessPolicies>,
  tierId: (app: TfResource) => string | undefined,
) {
  const link = (policy: string | undefined) => ({
    accessPolicy: { href: `https://org.example/api/v1/policies/${policy}` },
  });
  return [
    {
      id: oktaId('0oa', 9000),
      name: 'saasure',
      label: 'Okta Admin Console',
      status: 'ACTIVE',
      signOnMode: 'OPENID_CONNECT',
      _links: link(access.adminPolicy.id),
    },
    {
      id: oktaId('0oa', 9001),
      name: 'okta_enduser',
      label: 'Okta Dashboard',
      status: 'ACTIVE',
      signOnMode: 'OPENID_CONNECT',
      _links: link(access.defaultApps.id),
    },
    {
      id: oktaId('0oa', 9002),
      name: 'oidc_client',
      label: 'Wiki',
      status: 'ACTIVE',
      signOnMode: 'OPENID_CONNECT',
      _links: link(access.defaultApps.id),
    },
    ...model.resources('okta_app_oauth').map((r) =>
      own(r, '0oa', (id) => ({
        id,
        name: 'oidc_client',
        label: named(r, 'label'),
        status: 'ACTIVE',
        signOnMode: 'OPENID_CONNECT',
        _links: link(tierId(r)),
      })),
    ),
  ];
}

/** The default enrollment policy, one the stack does not manage (Contractors) and the stack's. */
function enrollPolicies(model: StackModel, own: Own) {
  const enroll = (self: Record<string, string>) => ({
    type: 'AUTHENTICATORS',
    authenticators: Object.entries(self).map(([key, s]) => ({ key, enroll: { self: s } })),
  });
  return [
    {
      id: oktaId('00p', 2),
      name: 'Default Policy',
      system: true,
      status: 'ACTIVE',
      type: 'MFA_ENROLL',
      settings: enroll({
        okta_password: 'REQUIRED',
        okta_email: 'OPTIONAL',
        okta_verify: 'OPTIONAL',
        webauthn: 'OPTIONAL',
        phone_number: 'OPTIONAL',
        security_question: 'NOT_ALLOWED',
      }),
    },
    {
      id: oktaId('00p', 3),
      name: 'Contractors',
      system: false,
      status: 'ACTIVE',
      type: 'MFA_ENROLL',
      settings: enroll({ okta_password: 'REQUIRED', okta_verify: 'REQUIRED', phone_number: 'NOT_ALLOWED' }),
    },
    ...model.resources('okta_policy_mfa').map((r) =>
      own(r, '00p', (id) => ({
        id,
        name: named(r),
        system: false,
        status: 'ACTIVE',
        type: 'MFA_ENROLL',
        settings: enroll({}),
      })),
    ),
  ];
}

/** The org's own rules: the Admin Console's (any two factors) and the default app policy's catch-all. */
function accessRules(adminPolicy: string, defaultApps: string) {
  return {
    [adminPolicy]: [
      {
        id: oktaId('rul', 1),
        name: 'Admin App Policy',
        status: 'ACTIVE',
        actions: {
          appSignOn: {
            access: 'ALLOW',
            verificationMethod: { factorMode: '2FA', type: 'ASSURANCE', constraints: [] },
          },
        },
      },
    ],
    [defaultApps]: [
      {
        id: oktaId('rul', 2),
        name: 'Catch-all Rule',
        status: 'ACTIVE',
        actions: { appSignOn: { access: 'ALLOW' } },
      },
    ],
  };
}

/** An admin in the first group the stack gives the Admin Console's rule or a role, and a break-glass admin. */
function administrators(model: StackModel, groups: readonly { id: string; profile: { name: string } }[]) {
  const groupId = (name: string) => groups.find((g) => g.profile.name === name)!.id;
  const admin = oktaId('00u', 1);
  const breakGlass = oktaId('00u', 2);
  return {
    admins: [admin, breakGlass],
    users: {
      [admin]: { id: admin, status: 'ACTIVE', profile: { login: 'admin@example.com' } },
      [breakGlass]: { id: breakGlass, status: 'ACTIVE', profile: { login: 'break-glass-1@example.com' } },
    },
    memberships: {
      [admin]: [groupId('Everyone'), ...surfaceGroups(model).slice(0, 1).map(groupId)],
      [breakGlass]: [
        groupId('Everyone'),
        ...(model.declarations.breakGlass ? [groupId(model.declarations.breakGlass.group)] : []),
      ],
    },
  };
}

/** The groups the stack's Admin Console rule includes (names), break-glass left out. */
function surfaceGroups(model: StackModel): string[] {
  // The administrators the stack knows: the groups its Admin Console rule names (not Everyone) and the groups it
  // gives an admin role, but break-glass (which its own rule admits).
  const c = ReadModel.of(model).adminConsole?.coverage;
  if (!c) return [];
  const groups = [...c.groups.filter((g) => g !== EVERYONE), ...c.roles.map((r) => r.group)];
  return [...new Set(groups)].filter((g) => !c.breakGlass.includes(g));
}

/** A deep copy to seed a problem into. */
export const copyOrg = (o: StandInOrg): StandInOrg => ({
  ...structuredClone({ ...o, simulate: undefined }),
  simulate: o.simulate,
});

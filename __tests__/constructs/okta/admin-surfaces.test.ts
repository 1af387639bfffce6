/**
 * AdminSurfaces alone in a test stack: it looks Okta's apps and their existing policies up (never creates
 * a policy) and proves with postconditions that each is Okta's own app and that app's own policy; it adds the
 * blocklist denial, the administrators' rule (device-bound, hardware-protected phishing-resistant possession),
 * the break-glass accounts' own rule (password + hardware key), binds admin roles, and refuses bad props.
 * AdminEnrollmentPolicies: the break-glass accounts enroll their password and hardware key only.
 */
import {
  AdminEnrollmentPolicies,
  AdminSurfaces,
  type AdminSurfacesProps,
} from '../../../constructs/okta/rollout/admin-surfaces';
import { readSignOnConstraint } from '../../../domain/okta/sign-on-constraints';
import type { MfaAuthenticatorsSpec } from '../../../constructs/okta/rollout/spec';
import { synthConstruct, testStack } from '../../support/construct';
import { resources, type TfJson } from '../../support/tf-json';

const props: AdminSurfacesProps = { groupIds: ['00gadmins000000000000'], breakGlassGroupId: '00gbreakglass00000000' };
let json: TfJson;

beforeAll(() => {
  // GIVEN both surfaces, one blocklist zone and two roles for the administrators WHEN synthesized alone
  json = synthConstruct((stack) => {
    new AdminSurfaces(stack, 'Admin', {
      ...props,
      dashboard: true,
      blocklistZoneIds: ['nzoblocked0000000000'],
      roles: { admins: { groupId: '00gadmins000000000000', roles: ['READ_ONLY_ADMIN', 'ORG_ADMIN'] } },
    });
  });
});

const constraint = (r: any) => readSignOnConstraint(r.constraints[0]).value;

test('looks up the Admin Console and the Dashboard by label, and their policies through the apps', () => {
  const apps = Object.values(json.data?.okta_app ?? {}).map((a: any) => a.label);
  expect(apps.sort()).toEqual(['Okta Admin Console', 'Okta Dashboard']);
  expect(Object.keys(json.data?.okta_app_signon_policy ?? {})).toHaveLength(2);
  expect(resources(json, 'okta_app_signon_policy')).toEqual([]);
});

test("proves each app is Okta's own (name and label) and each policy the one its accessPolicy link names", () => {
  const apps = Object.entries(json.data!.okta_app) as [string, any][];
  const conditions = apps.map(([, a]) => a.lifecycle.postcondition[0].condition).sort();
  expect(conditions).toEqual([
    '${self.name == "okta_enduser" && self.label == "Okta Dashboard"}',
    '${self.name == "saasure" && self.label == "Okta Admin Console"}',
  ]);
  for (const [name, policy] of Object.entries(json.data!.okta_app_signon_policy) as [string, any][]) {
    const app = apps.find(([n]) => policy.app_id === `\${data.okta_app.${n}.id}`)![0];
    expect(policy.lifecycle.postcondition).toEqual([
      {
        condition: `\${try(basename(jsondecode(data.okta_app.${app}.links).accessPolicy.href), "") == self.id}`,
        error_message: expect.stringMatching(/^The policy read for the Okta .* The plan stops here/),
      },
    ]);
    expect(name).toMatch(/Policy/);
  }
});

test("each policy: the blocklist denial, the administrators' rule, then the break-glass rule", () => {
  const rules = resources(json, 'okta_app_signon_policy_rule').map(([, r]) => r);
  expect(rules).toHaveLength(6);
  for (const policy of Object.keys(json.data!.okta_app_signon_policy)) {
    const mine = rules.filter((r) => r.policy_id === `\${data.okta_app_signon_policy.${policy}.id}`);
    const [deny, admins, breakGlass] = mine.sort((a, b) => a.priority - b.priority);
    expect([deny.access, admins.access, breakGlass.access]).toEqual(['DENY', 'ALLOW', 'ALLOW']);
    expect(admins).toMatchObject({
      groups_included: props.groupIds,
      groups_excluded: [props.breakGlassGroupId],
      factor_mode: '2FA',
      re_authentication_frequency: 'PT1H',
    });
    // A synced passkey is phishing resistant but neither device-bound nor hardware-protected: refused.
    expect(constraint(admins)).toEqual({
      possession: {
        required: true,
        phishingResistant: 'REQUIRED',
        deviceBound: 'REQUIRED',
        hardwareProtection: 'REQUIRED',
        userPresence: 'REQUIRED',
      },
    });
    expect(breakGlass).toMatchObject({
      groups_included: [props.breakGlassGroupId],
      factor_mode: '2FA',
      re_authentication_frequency: 'PT15M',
    });
    expect(breakGlass.groups_excluded).toBeUndefined();
    expect(constraint(breakGlass)).toEqual({
      knowledge: { required: true, types: ['password'] },
      possession: {
        required: true,
        types: ['security_key'],
        phishingResistant: 'REQUIRED',
        deviceBound: 'REQUIRED',
        hardwareProtection: 'REQUIRED',
        userPresence: 'REQUIRED',
      },
    });
  }
});

test('binds each admin role to its group, one okta_group_role each', () => {
  expect(resources(json, 'okta_group_role').map(([, r]) => [r.group_id, r.role_type])).toEqual([
    ['00gadmins000000000000', 'ORG_ADMIN'],
    ['00gadmins000000000000', 'READ_ONLY_ADMIN'],
  ]);
});

test("without blocklist zones the administrators' rule is first and the break-glass rule second", () => {
  const j = synthConstruct((stack) => new AdminSurfaces(stack, 'Admin', props));
  const rules = resources(j, 'okta_app_signon_policy_rule').map(([, r]) => r);
  expect(rules.map((r) => [r.name, r.priority])).toEqual([
    ['Break-glass: password + hardware key (identity-gateway)', 2],
    ['Phishing-resistant admins (identity-gateway)', 1],
  ]);
  expect(resources(j, 'okta_group_role')).toEqual([]);
});

test.each([
  [
    'the break-glass group is also included',
    { groupIds: [props.breakGlassGroupId] },
    /breakGlassGroupId .* is invalid/,
  ],
  ['no group is included', { groupIds: [] }, /groupIds = \[\] is invalid: at least one group id/],
  ['re-authentication exceeds 2 hours', { reauthenticateMinutes: 240 }, /reauthenticateMinutes = 240 .* 1 to 120/],
  [
    'the break-glass session exceeds an hour',
    { breakGlassReauthenticateMinutes: 90 },
    /breakGlassReauthenticateMinutes = 90 is invalid: whole minutes from 1 to 60/,
  ],
  [
    'break-glass would sign in with a phone (not hardware-protected)',
    { breakGlassPossessionTypes: ['phone'] },
    /breakGlassPossessionTypes\[0\] = "phone" is invalid: app or security_key/,
  ],
  [
    'break-glass has no hardware-protected authenticator',
    { breakGlassPossessionTypes: [] },
    /breakGlassPossessionTypes = \[\] is invalid: at least one of app, security_key/,
  ],
  [
    'an admin role Okta does not have',
    { roles: { admins: { groupId: '00gadmins000000000000', roles: ['API_ADMIN'] } } },
    /roles\.admins\.roles\[0\] = "API_ADMIN" is invalid: not an Okta admin role type .*API_ACCESS_MANAGEMENT_ADMIN/,
  ],
] as const)('fails when %s', (_, bad, message) => {
  expect(() => new AdminSurfaces(testStack(), 'Admin', { ...props, ...(bad as object) })).toThrow(message);
});

describe('AdminEnrollmentPolicies', () => {
  const authenticators: MfaAuthenticatorsSpec = {
    'okta-verify': { status: 'ACTIVE', enrollment: 'REQUIRED' },
    webauthn: { status: 'ACTIVE', enrollment: 'OPTIONAL' },
    email: { status: 'ACTIVE', enrollment: 'OPTIONAL' },
    password: { status: 'ACTIVE', enrollment: 'REQUIRED' },
    phone: { status: 'INACTIVE', enrollment: 'NOT_ALLOWED' },
    'security-question': { status: 'INACTIVE', enrollment: 'NOT_ALLOWED' },
  };
  let policies: [string, any][];

  beforeAll(() => {
    // GIVEN the break-glass group and one administrators' group
    const j = synthConstruct((stack) => {
      new AdminEnrollmentPolicies(stack, 'Enroll', {
        authenticators,
        dependsOn: [],
        breakGlassGroupId: '00gbreakglass00000000',
        adminGroupIds: ['00gadmins000000000000'],
      });
    });
    policies = resources(j, 'okta_policy_mfa').sort(([, a], [, b]) => a.priority - b.priority);
  });

  test('THEN the break-glass accounts enroll their password and a hardware key, nothing else, first', () => {
    const [, breakGlass] = policies[0];
    expect(breakGlass).toMatchObject({ priority: 1, groups_included: ['00gbreakglass00000000'], is_oie: true });
    expect(breakGlass).toMatchObject({
      okta_password: { enroll: 'REQUIRED' },
      webauthn: { enroll: 'REQUIRED' },
      okta_verify: { enroll: 'NOT_ALLOWED' },
      okta_email: { enroll: 'NOT_ALLOWED' },
      phone_number: { enroll: 'NOT_ALLOWED' },
      security_question: { enroll: 'NOT_ALLOWED' },
    });
  });

  test("THEN the administrators enroll what the rollout enforces, whatever wave they're in, second", () => {
    const [, admins] = policies[1];
    expect(admins).toMatchObject({
      priority: 2,
      groups_included: ['00gadmins000000000000'],
      okta_verify: { enroll: 'REQUIRED' },
      webauthn: { enroll: 'OPTIONAL' },
    });
    expect(admins.depends_on).toEqual([`okta_policy_mfa.${policies[0][0]}`]);
  });
});

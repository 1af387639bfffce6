/**
 * DeviceAssurancePolicies alone: one okta_policy_device_assurance_<platform> per policy with only the
 * attributes that platform has, set values sorted; and the props it refuses.
 */
import { Token } from 'cdktf';
import { DeviceAssurancePolicies, type DeviceAssuranceSpec } from '../../../constructs/okta/rollout/device-assurance';
import { synthConstruct, testStack } from '../../support/construct';
import { resources, type TfJson } from '../../support/tf-json';

const POLICIES: Record<string, DeviceAssuranceSpec> = {
  mac: { platform: 'macos', name: 'Mac', minimumOsVersion: '14.4', diskEncryption: true, secureHardware: true },
  phone: { platform: 'android', name: 'Android', minimumOsVersion: '14', diskEncryption: true, rejectJailbroken: true },
  ipad: { platform: 'ios', name: 'iOS', screenLock: 'biometric', rejectJailbroken: true },
  chromebook: {
    platform: 'chromeos',
    name: 'ChromeOS',
    minimumOsVersion: '120.0.6099.235',
    screenLock: 'passcode-or-biometric',
  },
};

let json: TfJson;
let ids: string[];

beforeAll(() => {
  // GIVEN four policies on four platforms WHEN synthesized alone
  json = synthConstruct((stack) => {
    ids = new DeviceAssurancePolicies(stack, 'DeviceAssurance', { policies: POLICIES }).idsOf(['mac', 'ipad']);
  });
});

describe('DeviceAssurancePolicies', () => {
  test('THEN each platform gets its own resource with only its attributes', () => {
    const [[, mac]] = resources(json, 'okta_policy_device_assurance_macos');
    expect(mac).toMatchObject({
      name: 'Mac',
      os_version: '14.4',
      disk_encryption_type: ['ALL_INTERNAL_VOLUMES'],
      secure_hardware_present: true,
    });
    expect(mac.jailbreak).toBeUndefined();
    const [[, android]] = resources(json, 'okta_policy_device_assurance_android');
    expect(android).toMatchObject({ disk_encryption_type: ['FULL', 'USER'], jailbreak: false, os_version: '14' });
    const [[, ios]] = resources(json, 'okta_policy_device_assurance_ios');
    expect(ios).toMatchObject({ screenlock_type: ['BIOMETRIC'], jailbreak: false });
    expect(ios.disk_encryption_type).toBeUndefined();
    // ChromeOS has only Chrome Device Trust signals.
    const [[, chrome]] = resources(json, 'okta_policy_device_assurance_chromeos');
    expect(chrome).toMatchObject({ tpsp_os_version: '120.0.6099.235', tpsp_screen_lock_secured: true });
    expect(chrome.os_version).toBeUndefined();
  });

  test('THEN idsOf gives one reference (resolved at apply) per key asked', () => {
    expect(ids).toHaveLength(2);
    expect(ids.every((i) => Token.isUnresolved(i))).toBe(true);
  });

  test.each([
    [
      { platform: 'ios', name: 'x', diskEncryption: true },
      'policies.p.diskEncryption = true is invalid: ios device assurance has no diskEncryption',
    ],
    [{ platform: 'macos', name: 'x', minimumOsVersion: 'fourteen' }, 'policies.p.minimumOsVersion = "fourteen"'],
    [
      { platform: 'windows', name: 'x' },
      'policies.p = {"platform":"windows","name":"x"} is invalid: a device assurance policy checks at least one of',
    ],
  ] as [DeviceAssuranceSpec, string][])('fails for %j', (spec, message) => {
    expect(() => new DeviceAssurancePolicies(testStack(), 'D', { policies: { p: spec } })).toThrow(message);
  });

  test('fails for a key that is not declared', () => {
    const policies = new DeviceAssurancePolicies(testStack(), 'D', { policies: { mac: POLICIES.mac } });
    expect(() => policies.idsOf(['linux'])).toThrow("DeviceAssurancePolicies: no policy 'linux'; declared: mac");
  });
});

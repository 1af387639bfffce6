import { Construct } from 'constructs';
import type { TerraformResource } from 'cdktf';
import { PolicyDeviceAssuranceAndroid } from '@cdktf/provider-okta/lib/policy-device-assurance-android';
import { PolicyDeviceAssuranceChromeos } from '@cdktf/provider-okta/lib/policy-device-assurance-chromeos';
import { PolicyDeviceAssuranceIos } from '@cdktf/provider-okta/lib/policy-device-assurance-ios';
import { PolicyDeviceAssuranceMacos } from '@cdktf/provider-okta/lib/policy-device-assurance-macos';
import { PolicyDeviceAssuranceWindows } from '@cdktf/provider-okta/lib/policy-device-assurance-windows';
import {
  DEVICE_OPTIONS,
  OS_VERSION,
  PLATFORM_OPTIONS,
  type DevicePlatform,
  type ScreenLock,
} from '../../../domain/okta/adaptive';

/** One device assurance policy; each platform takes only the options its resource has. */
export interface DeviceAssuranceSpec {
  /** macos, windows, ios, android or chromeos. */
  readonly platform: DevicePlatform;
  /** Policy name shown in Okta. */
  readonly name: string;
  /** Lowest OS version allowed, e.g. `14.4`. @default - any version */
  readonly minimumOsVersion?: string;
  /** The disk must be encrypted (macos, windows, android, chromeos). @default - not checked */
  readonly diskEncryption?: boolean;
  /** Secure hardware (Secure Enclave, TPM) must be present (macos, windows, android). @default - not checked */
  readonly secureHardware?: boolean;
  /** A screen lock: passcode or biometric, or biometric only. @default - not checked */
  readonly screenLock?: ScreenLock;
  /** Refuse jailbroken or rooted devices (ios, android). @default - not checked */
  readonly rejectJailbroken?: boolean;
}

/** Props of the device assurance policies. */
export interface DeviceAssurancePoliciesProps {
  /** Policies by stable key (the key is the construct id, so the Terraform address). @default {} */
  readonly policies?: Readonly<Record<string, DeviceAssuranceSpec>>;
}

/**
 * Device assurance policies (okta_policy_device_assurance_<platform>), which app sign-on rules include with
 * device_assurances_included. Set attributes (disk_encryption_type, screenlock_type) are written sorted,
 * as the API returns them.
 */
export class DeviceAssurancePolicies extends Construct {
  /** The policy resources by key. */
  readonly byKey: Readonly<Record<string, TerraformResource & { readonly id: string }>>;

  constructor(scope: Construct, id: string, props: DeviceAssurancePoliciesProps) {
    super(scope, id);
    const byKey: Record<string, TerraformResource & { readonly id: string }> = {};
    for (const key of Object.keys(props.policies ?? {}).sort()) {
      const spec = props.policies![key];
      validate(key, spec);
      byKey[key] = policyResource(this, key, spec);
    }
    this.byKey = byKey;
  }

  /** The policy ids (references) of the given keys; throws on a key that is not declared. */
  idsOf(keys: readonly string[]): string[] {
    return keys.map((k) => {
      const policy = this.byKey[k];
      if (!policy)
        throw new Error(
          `DeviceAssurancePolicies: no policy '${k}'; declared: ${Object.keys(this.byKey).join(', ') || '(none)'}`,
        );
      return policy.id;
    });
  }
}

function validate(key: string, spec: DeviceAssuranceSpec): void {
  const fail = (prop: string, value: unknown, allowed: string): never => {
    throw new Error(
      `DeviceAssurancePolicies: policies.${key}.${prop} = ${JSON.stringify(value)} is invalid: ${allowed}`,
    );
  };
  const has = PLATFORM_OPTIONS[spec.platform];
  if (!has) fail('platform', spec.platform, Object.keys(PLATFORM_OPTIONS).join(', '));
  const set = DEVICE_OPTIONS.filter((o) => spec[o] !== undefined);
  for (const o of set) if (!has.includes(o)) fail(o, spec[o], `${spec.platform} has only ${has.join(', ')}`);
  if (set.length === 0) fail('platform', spec.platform, `at least one of ${has.join(', ')} checked`);
  if (spec.minimumOsVersion !== undefined && !OS_VERSION.test(spec.minimumOsVersion))
    fail('minimumOsVersion', spec.minimumOsVersion, 'a version of 1 to 4 dot-separated numbers');
}

/** The screenlock_type set: BIOMETRIC, or BIOMETRIC and PASSCODE (schema description :99-103), sorted. */
const screenLockTypes = (s: ScreenLock | undefined) =>
  s === undefined ? undefined : s === 'biometric' ? ['BIOMETRIC'] : ['BIOMETRIC', 'PASSCODE'];
/** disk_encryption_type: ALL_INTERNAL_VOLUMES on macos/windows (:86-90), FULL or USER on android (:77-79). */
const diskEncryptionTypes = (platform: DevicePlatform, on: boolean | undefined) =>
  on ? (platform === 'android' ? ['FULL', 'USER'] : ['ALL_INTERNAL_VOLUMES']) : undefined;
/** `jailbreak = false` asks for a device that is not jailbroken (ios :71, android :90). */
const jailbreak = (reject: boolean | undefined) => (reject ? false : undefined);

function policyResource(scope: Construct, key: string, s: DeviceAssuranceSpec) {
  const base = { name: s.name };
  const desktop = {
    ...base,
    osVersion: s.minimumOsVersion,
    diskEncryptionType: diskEncryptionTypes(s.platform, s.diskEncryption),
    secureHardwarePresent: s.secureHardware,
    screenlockType: screenLockTypes(s.screenLock),
  };
  switch (s.platform) {
    case 'macos':
      return new PolicyDeviceAssuranceMacos(scope, key, desktop);
    case 'windows':
      return new PolicyDeviceAssuranceWindows(scope, key, desktop);
    case 'android':
      return new PolicyDeviceAssuranceAndroid(scope, key, { ...desktop, jailbreak: jailbreak(s.rejectJailbroken) });
    case 'ios':
      return new PolicyDeviceAssuranceIos(scope, key, {
        ...base,
        osVersion: s.minimumOsVersion,
        screenlockType: screenLockTypes(s.screenLock),
        jailbreak: jailbreak(s.rejectJailbroken),
      });
    case 'chromeos':
      // ChromeOS has only Chrome Device Trust signals (resource_okta_device_assurance_policy_chromeos_os.go:39-52).
      return new PolicyDeviceAssuranceChromeos(scope, key, {
        ...base,
        tpspOsVersion: s.minimumOsVersion,
        tpspDiskEncrypted: s.diskEncryption,
        tpspScreenLockSecured: s.screenLock === undefined ? undefined : true,
      });
  }
}

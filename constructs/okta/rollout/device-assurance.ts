import { Construct } from 'constructs';
import type { TerraformResource } from 'cdktf';
import { PolicyDeviceAssuranceAndroid } from '@cdktf/provider-okta/lib/policy-device-assurance-android';
import { PolicyDeviceAssuranceChromeos } from '@cdktf/provider-okta/lib/policy-device-assurance-chromeos';
import { PolicyDeviceAssuranceIos } from '@cdktf/provider-okta/lib/policy-device-assurance-ios';
import { PolicyDeviceAssuranceMacos } from '@cdktf/provider-okta/lib/policy-device-assurance-macos';
import { PolicyDeviceAssuranceWindows } from '@cdktf/provider-okta/lib/policy-device-assurance-windows';
import { Token } from 'cdktf';
import type { DevicePlatform, ScreenLock } from '../../../domain/okta/adaptive';
import { deviceAssuranceProblems, osVersionProblem } from '../../../domain/okta/adaptive-rules';
import { under } from '../../../domain/problems';
import { refuseProblems } from './problems';

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
    validate(props.policies ?? {});
    const byKey: Record<string, TerraformResource & { readonly id: string }> = {};
    for (const key of Object.keys(props.policies ?? {}).sort()) {
      const spec = props.policies![key];
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

/** Every problem of the policies, at once: the rules the config schema checks too (domain/okta/adaptive-rules.ts). */
function validate(policies: Readonly<Record<string, DeviceAssuranceSpec>>): void {
  const problems = Object.entries(policies).flatMap(([key, spec]) => {
    const os = spec.minimumOsVersion;
    const version = os === undefined || Token.isUnresolved(os) ? undefined : osVersionProblem(os);
    return under(
      ['policies', key],
      [
        ...(version ? [{ path: ['minimumOsVersion'], value: os, message: version }] : []),
        ...deviceAssuranceProblems(spec),
      ],
    );
  });
  refuseProblems('DeviceAssurancePolicies', problems);
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

/**
 * The vocabulary of adaptive MFA shared by config, constructs, conformance, guardrails and review: device
 * assurance platforms and the options each platform's okta_policy_device_assurance_<platform> resource has
 * at okta/okta v4.20.0, behaviour types (okta_behavior), and what HIGH risk may lead to.
 */

export const DEVICE_PLATFORMS = ['macos', 'windows', 'ios', 'android', 'chromeos'] as const;
export type DevicePlatform = (typeof DEVICE_PLATFORMS)[number];

export const DEVICE_OPTIONS = [
  'minimumOsVersion',
  'diskEncryption',
  'secureHardware',
  'screenLock',
  'rejectJailbroken',
] as const;
export type DeviceOption = (typeof DEVICE_OPTIONS)[number];

/**
 * The options each platform's resource has (okta provider v4.20.0 schema of each file):
 * macos  resource_okta_device_assurance_policy_macos_os.go:86-103 (disk_encryption_type, os_version,
 *        secure_hardware_present, screenlock_type);
 * windows resource_okta_device_assurance_policy_windows_os.go:92-109 (the same four);
 * ios    resource_okta_device_assurance_policy_ios_os.go:71-100 (jailbreak, os_version, screenlock_type);
 * android resource_okta_device_assurance_policy_android_os.go:77-137 (disk_encryption_type, jailbreak,
 *        os_version, secure_hardware_present, screenlock_type);
 * chromeos resource_okta_device_assurance_policy_chromeos_os.go:39-52: only Chrome Device Trust signals
 *        (tpsp_os_version, tpsp_disk_encrypted, tpsp_screen_lock_secured among them).
 */
export const PLATFORM_OPTIONS: Readonly<Record<DevicePlatform, readonly DeviceOption[]>> = {
  macos: ['minimumOsVersion', 'diskEncryption', 'secureHardware', 'screenLock'],
  windows: ['minimumOsVersion', 'diskEncryption', 'secureHardware', 'screenLock'],
  ios: ['minimumOsVersion', 'screenLock', 'rejectJailbroken'],
  android: ['minimumOsVersion', 'diskEncryption', 'secureHardware', 'screenLock', 'rejectJailbroken'],
  chromeos: ['minimumOsVersion', 'diskEncryption', 'screenLock'],
};

/**
 * A minimum OS version: 1 to 4 dot-separated numbers (the provider's examples at v4.20.0:
 * examples/resources/okta_policy_device_assurance_android/resource.tf "12", _macos "12.4.6", the SDK's
 * OSVersionFourComponents for ChromeOS, resource_okta_device_assurance_policy_chromeos_os.go:298).
 */
export const OS_VERSION = /^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,5})){0,3}$/;

/** The numeric parts of a version, for comparing two minimums. */
export function versionParts(v: string): number[] {
  return v.split('.').map((p) => Number(p));
}

/** Negative when a is lower than b, 0 when equal (missing parts count as 0), positive when higher. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Screen lock: any passcode or biometric (BIOMETRIC + PASSCODE), or biometric only (BIOMETRIC). */
export const SCREEN_LOCKS = ['passcode-or-biometric', 'biometric'] as const;
export type ScreenLock = (typeof SCREEN_LOCKS)[number];

/** okta_behavior types, resource_okta_behavior.go:13-18 (the `type` attribute, :36-41, forces replacement). */
export const BEHAVIOR_TYPES = ['ANOMALOUS_LOCATION', 'ANOMALOUS_DEVICE', 'ANOMALOUS_IP', 'VELOCITY'] as const;
export type BehaviorType = (typeof BEHAVIOR_TYPES)[number];

/** Location granularity of ANOMALOUS_LOCATION, resource_okta_behavior.go:48-52. */
export const LOCATION_GRANULARITIES = ['LAT_LONG', 'CITY', 'COUNTRY', 'SUBDIVISION'] as const;

/**
 * Velocity in km/h: at least 1 (resource_okta_behavior.go:66). The upper bound is this project's: above
 * 2,000 km/h (faster than any airliner) a velocity behaviour never fires and only looks like protection.
 */
export const VELOCITY_KPH = { min: 1, max: 2000 } as const;
/** Radius from a LAT_LONG location in km: at least 5 (resource_okta_behavior.go:56); 20,000 km is half the Earth. */
export const RADIUS_KM = { min: 5, max: 20000 } as const;
/**
 * Recent authentications a behaviour compares against (number_of_authentications, sent as
 * maxEventsUsedForEvaluation, resource_okta_behavior.go:58-62, 140). Okta's admin console offers 1 to 100; the
 * recorded API responses hold 50 and 100 (test/fixtures/vcr/TestAccResourceOktaBehavior_crud/oie-00.yaml:35,188).
 */
export const AUTHENTICATIONS = { min: 1, max: 100 } as const;

/** What HIGH risk leads to in a tier: refused, or a phishing-resistant sign-in. Never one factor. */
export const HIGH_RISK_ACTIONS = ['deny', 'phishing-resistant'] as const;
export type HighRiskAction = (typeof HIGH_RISK_ACTIONS)[number];

/**
 * Risk levels a sign-on rule condition may name (okta/resource_okta_policy_rule_sign_on.go:74-86, risc_level
 * and risk_level; okta/resource_okta_app_signon_policy_rule.go:196-201, risk_score): ANY, or one of the
 * levels Okta's risk engine assigns.
 */
export const RISK_CONDITION_LEVELS = ['ANY', 'LOW', 'MEDIUM', 'HIGH'] as const;

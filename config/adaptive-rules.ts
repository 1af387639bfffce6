/**
 * Rules across the adaptive fields of identity.mfa (config/adaptive.ts): each platform has only the options
 * its okta_policy_device_assurance_<platform> resource has, a tier names declared policies only, a managed
 * device needs device management, risk rules need risk scoring, and a behaviour is either fully defined for
 * its type or only named (looked up).
 */
import { DEVICE_OPTIONS, PLATFORM_OPTIONS, type DeviceOption, type DevicePlatform } from '../domain/okta/adaptive';
import type { BehaviorConfig, DeviceAssurancePolicyConfig } from './adaptive';

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

/** The parts of identity.mfa the rules read. */
export interface AdaptiveMfa {
  readonly deviceManagement: boolean;
  readonly deviceAssurance: Readonly<Record<string, DeviceAssurancePolicyConfig>>;
  readonly risk?: unknown;
  readonly behaviors: Readonly<Record<string, BehaviorConfig>>;
  readonly tiers: {
    readonly high: { readonly deviceAssurances: readonly string[] };
    readonly critical: { readonly deviceAssurances: readonly string[]; readonly requireManagedDevice: boolean };
  };
}

const MP: Path = ['identity', 'mfa'];

/** Every adaptive rule; `riskScoring` is okta.riskScoring. */
export function adaptiveRules(mfa: AdaptiveMfa, riskScoring: boolean, report: Report): void {
  for (const [key, policy] of Object.entries(mfa.deviceAssurance))
    devicePolicyRules(policy, [...MP, 'deviceAssurance', key], report);
  for (const tier of ['high', 'critical'] as const) {
    const declared = Object.keys(mfa.deviceAssurance);
    mfa.tiers[tier].deviceAssurances.forEach((k, i) => {
      if (!declared.includes(k))
        report(
          [...MP, 'tiers', tier, 'deviceAssurances', i],
          `no such device assurance policy; declared: ${declared.join(', ') || '(none)'}`,
        );
    });
  }
  if (mfa.tiers.critical.requireManagedDevice && !mfa.deviceManagement)
    report(
      [...MP, 'tiers', 'critical', 'requireManagedDevice'],
      'a managed device needs device management in the org: without it no device is ever managed and every ' +
        'sign-in to a critical app is denied; declare identity.mfa.deviceManagement: true, or use deviceAssurances',
    );
  // okta/okta 4.20.0 sends `managed` whenever it sends `registered` (false when unset:
  // resource_okta_app_signon_policy_rule.go:433-438), and a device assurance rule says registered; Okta then
  // matches unmanaged devices only. Where the org manages devices, only a rule that requires one fits.
  for (const tier of ['high', 'critical'] as const) {
    const managed = tier === 'critical' && mfa.tiers.critical.requireManagedDevice;
    if (mfa.deviceManagement && mfa.tiers[tier].deviceAssurances.length > 0 && !managed)
      report(
        [...MP, 'tiers', tier, 'deviceAssurances'],
        'with device management in the org this rule would match unmanaged devices only (okta provider 4.20.0 ' +
          'sends managed = false with registered, and Okta skips managed devices): ' +
          (tier === 'critical' ? 'set requireManagedDevice: true, or ' : '') +
          'remove the device assurances of this tier while identity.mfa.deviceManagement is true',
      );
  }
  if (mfa.risk !== undefined && !riskScoring)
    report(
      [...MP, 'risk'],
      'risk rules need risk scoring in the org (orgs without it reject a riskScore condition): ' +
        'set okta.riskScoring: true, or remove risk',
    );
  const names = new Map<string, string>();
  for (const [key, b] of Object.entries(mfa.behaviors)) {
    const p: Path = [...MP, 'behaviors', key];
    behaviorRules(b, p, report);
    const seen = names.get(b.name);
    if (seen) report([...p, 'name'], `behaviour '${seen}' has this name already; names are unique in Okta`);
    names.set(b.name, key);
  }
}

function devicePolicyRules(policy: DeviceAssurancePolicyConfig, path: Path, report: Report): void {
  const has = PLATFORM_OPTIONS[policy.platform];
  const set = DEVICE_OPTIONS.filter((o) => policy[o] !== undefined);
  for (const option of set.filter((o) => !has.includes(o)))
    report([...path, option], lacks(policy.platform, option, has));
  if (set.length === 0)
    report(path, `a device assurance policy checks at least one of ${has.join(', ')} (${policy.platform})`);
}

function lacks(platform: DevicePlatform, option: DeviceOption, has: readonly DeviceOption[]): string {
  return (
    `${platform} device assurance has no ${option} (okta_policy_device_assurance_${platform}, okta provider ` +
    `4.20.0); ${platform} options: ${has.join(', ')}`
  );
}

const DEFINITION_FIELDS = ['type', 'authentications', 'granularity', 'radiusKm', 'velocityKph'] as const;

function behaviorRules(b: BehaviorConfig, path: Path, report: Report): void {
  const need = (field: keyof BehaviorConfig, why: string) => {
    if (b[field] === undefined) report([...path, field], `${b.type} needs ${field} (${why})`);
  };
  const refuse = (field: keyof BehaviorConfig, why: string) => {
    if (b[field] !== undefined) report([...path, field], why);
  };
  if (b.type === undefined) {
    for (const f of DEFINITION_FIELDS.slice(1))
      refuse(f, `a looked-up behaviour (no type) takes only name and enforce; give a type to define it here`);
    return;
  }
  const anomalous = b.type !== 'VELOCITY';
  if (anomalous) need('authentications', 'number_of_authentications, resource_okta_behavior.go:189-194');
  else {
    need('velocityKph', 'resource_okta_behavior.go:205-210');
    refuse('authentications', 'VELOCITY takes only velocityKph (resource_okta_behavior.go:67, ConflictsWith)');
  }
  if (b.type === 'ANOMALOUS_LOCATION') need('granularity', 'resource_okta_behavior.go:195-199');
  else refuse('granularity', 'only ANOMALOUS_LOCATION takes a granularity');
  if (anomalous) refuse('velocityKph', 'only VELOCITY takes velocityKph');
  if (b.granularity === 'LAT_LONG') need('radiusKm', 'resource_okta_behavior.go:200-203');
  else refuse('radiusKm', 'radiusKm goes with granularity LAT_LONG only');
}

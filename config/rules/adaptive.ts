/**
 * Rules of the adaptive fields of identity.mfa (config/adaptive.ts): each platform has only the options its
 * okta_policy_device_assurance_<platform> resource has, and a behaviour is either fully defined for its type
 * or only named (looked up). The tiers' device and risk rules are shared with the construct
 * (domain/okta/rollout-rules.ts, called from mfa-rollout.ts).
 */
import { DEVICE_OPTIONS, PLATFORM_OPTIONS, type DeviceOption, type DevicePlatform } from '../../domain/okta/adaptive';
import type { BehaviorConfig, DeviceAssurancePolicyConfig } from '../adaptive';
import type { EnvironmentConfig } from '../schema';
import type { Path, Report } from './rule';
import { managed } from './identity';

const MP: Path = ['identity', 'mfa'];

export function adaptiveRules(c: EnvironmentConfig, report: Report): void {
  const mfa = managed(c)?.mfa;
  if (!mfa) return;
  for (const [key, policy] of Object.entries(mfa.deviceAssurance))
    devicePolicyRules(policy, [...MP, 'deviceAssurance', key], report);
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

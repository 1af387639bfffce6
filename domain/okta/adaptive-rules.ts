/**
 * The rules of device assurance policies and behaviours, each written once: the config schema calls them
 * with config paths (`identity.mfa.deviceAssurance.<key>`, `identity.mfa.behaviors.<key>`), the
 * DeviceAssurancePolicies and RolloutBehaviors constructs with their prop names (`policies.<key>`,
 * `behaviors.<key>`). Field rules return what is allowed; the rules across fields return problems whose path
 * is relative to the policy or behaviour.
 */
import { wholeNumberProblem, type WholeRange } from '../bounds';
import { isOneOf } from '../choices';
import type { Problem } from '../problems';
import {
  AUTHENTICATIONS,
  BEHAVIOR_TYPES,
  DEVICE_OPTIONS,
  DEVICE_PLATFORMS,
  OS_VERSION,
  PLATFORM_OPTIONS,
  RADIUS_KM,
  VELOCITY_KPH,
  type DeviceOption,
} from './adaptive';

/** Why `version` is not a minimum OS version, or undefined when it is one. */
export function osVersionProblem(version: string): string | undefined {
  return OS_VERSION.test(version) ? undefined : 'a version: 1 to 4 dot-separated numbers such as 14.4 or 10.0.22631';
}

/** A device assurance policy: its platform and the options it checks. */
export type DeviceAssuranceInput = { readonly platform: string } & { readonly [O in DeviceOption]?: unknown };

/**
 * A policy checks something, and only what its platform's resource has. Paths relative to the policy:
 * `platform`, `<option>`, or none for the policy as a whole.
 */
export function deviceAssuranceProblems(policy: DeviceAssuranceInput): Problem[] {
  const platform = policy.platform;
  if (!(platform in PLATFORM_OPTIONS))
    return [{ path: ['platform'], value: platform, message: `allowed: ${DEVICE_PLATFORMS.join(', ')}` }];
  const has = PLATFORM_OPTIONS[platform as keyof typeof PLATFORM_OPTIONS];
  const set = DEVICE_OPTIONS.filter((o) => policy[o] !== undefined);
  const out: Problem[] = set
    .filter((o) => !has.includes(o))
    .map((o) => ({
      path: [o],
      value: policy[o],
      message:
        `${platform} device assurance has no ${o} (okta_policy_device_assurance_${platform}, okta provider ` +
        `4.20.0); ${platform} options: ${has.join(', ')}`,
    }));
  if (set.length === 0)
    out.push({
      path: [],
      value: policy,
      message: `a device assurance policy checks at least one of ${has.join(', ')} (${platform})`,
    });
  return out;
}

/** Why `type` is not a behaviour type, or undefined when it is one. */
export function behaviorTypeProblem(type: string): string | undefined {
  return isOneOf(BEHAVIOR_TYPES, type) ? undefined : `allowed: ${BEHAVIOR_TYPES.join(', ')}`;
}

/** The numeric settings of a behaviour, each with its range and unit. */
export const BEHAVIOR_NUMBERS = {
  authentications: { range: AUTHENTICATIONS, unit: 'authentications' },
  radiusKm: { range: RADIUS_KM, unit: 'km' },
  velocityKph: { range: VELOCITY_KPH, unit: 'km/h' },
} as const satisfies Record<string, { readonly range: WholeRange; readonly unit: string }>;

/** Why a numeric setting of a behaviour is out of its range, or undefined when it is within. */
export function behaviorNumberProblem(field: keyof typeof BEHAVIOR_NUMBERS, value: number): string | undefined {
  return wholeNumberProblem(value, BEHAVIOR_NUMBERS[field].range, BEHAVIOR_NUMBERS[field].unit);
}

/** A behaviour: defined here (with a type) or looked up by name (without). */
export interface BehaviorInput {
  readonly type?: string;
  readonly authentications?: number;
  readonly granularity?: string;
  readonly radiusKm?: number;
  readonly velocityKph?: number;
}

const DEFINITION_FIELDS = ['authentications', 'granularity', 'radiusKm', 'velocityKph'] as const;

/**
 * A behaviour is either fully defined for its type or only named (looked up). Paths relative to the
 * behaviour: `<setting>`. An unknown type is left to behaviorTypeProblem.
 */
export function behaviorProblems(b: BehaviorInput): Problem[] {
  const out: Problem[] = [];
  const need = (field: keyof BehaviorInput, why: string) => {
    if (b[field] === undefined)
      out.push({ path: [field], value: undefined, message: `${b.type} needs ${field} (${why})` });
  };
  const refuse = (field: keyof BehaviorInput, message: string) => {
    if (b[field] !== undefined) out.push({ path: [field], value: b[field], message });
  };
  if (b.type === undefined) {
    for (const f of DEFINITION_FIELDS)
      refuse(f, 'a looked-up behaviour (no type) takes only name and enforce; give a type to define it here');
    return out;
  }
  if (behaviorTypeProblem(b.type)) return out;
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
  return out;
}

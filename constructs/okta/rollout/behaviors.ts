import { Construct } from 'constructs';
import { Behavior } from '@cdktf/provider-okta/lib/behavior';
import { DataOktaBehavior } from '@cdktf/provider-okta/lib/data-okta-behavior';
import {
  AUTHENTICATIONS,
  BEHAVIOR_TYPES,
  RADIUS_KM,
  VELOCITY_KPH,
  type BehaviorType,
} from '../../../domain/okta/adaptive';

/** A behaviour defined here (with a type) or one of the org's, looked up by name (without). */
export interface BehaviorSpec {
  /** Behaviour name in Okta (unique in the org). */
  readonly name: string;
  /** ANOMALOUS_LOCATION, ANOMALOUS_DEVICE, ANOMALOUS_IP or VELOCITY. @default - look the name up */
  readonly type?: BehaviorType;
  /** Recent authentications compared against (anomalous types). @default - none (required for them) */
  readonly authentications?: number;
  /** ANOMALOUS_LOCATION: LAT_LONG, CITY, COUNTRY or SUBDIVISION. @default - none (required for it) */
  readonly granularity?: 'LAT_LONG' | 'CITY' | 'COUNTRY' | 'SUBDIVISION';
  /** LAT_LONG: radius of a known location, km. @default - none (required for LAT_LONG) */
  readonly radiusKm?: number;
  /** VELOCITY: speed between two sign-ins, km/h. @default - none (required for VELOCITY) */
  readonly velocityKph?: number;
  /** Rules act on it; false = Okta evaluates and logs it only (audit). @default true */
  readonly enforce?: boolean;
}

/** Props of the rollout's behaviours. */
export interface RolloutBehaviorsProps {
  /** Behaviours by stable key (the construct id). @default {} */
  readonly behaviors?: Readonly<Record<string, BehaviorSpec>>;
}

/**
 * Behaviour detection: okta_behavior resources for the behaviours defined here, data.okta_behavior lookups
 * (data_source_okta_behavior.go:13-49, by name) for the org's own. Their ids feed the global session rule's
 * `behaviors` condition.
 */
export class RolloutBehaviors extends Construct {
  /** Ids (references) of the behaviours rules act on, in key order. */
  readonly enforcedIds: readonly string[];

  constructor(scope: Construct, id: string, props: RolloutBehaviorsProps) {
    super(scope, id);
    const specs = props.behaviors ?? {};
    const enforced: string[] = [];
    for (const key of Object.keys(specs).sort()) {
      const spec = specs[key];
      validate(key, spec);
      const ref = spec.type
        ? new Behavior(this, key, {
            name: spec.name,
            type: spec.type,
            status: 'ACTIVE',
            numberOfAuthentications: spec.type === 'VELOCITY' ? undefined : spec.authentications,
            locationGranularityType: spec.granularity,
            radiusFromLocation: spec.radiusKm,
            velocity: spec.velocityKph,
          }).id
        : new DataOktaBehavior(this, key, { name: spec.name }).id;
      if (spec.enforce ?? true) enforced.push(ref);
    }
    this.enforcedIds = enforced;
  }
}

function validate(key: string, s: BehaviorSpec): void {
  const fail = (prop: string, value: unknown, allowed: string): never => {
    throw new Error(`RolloutBehaviors: behaviors.${key}.${prop} = ${JSON.stringify(value)} is invalid: ${allowed}`);
  };
  const within = (prop: string, v: number | undefined, r: { min: number; max: number }) => {
    if (v !== undefined && (!Number.isInteger(v) || v < r.min || v > r.max))
      fail(prop, v, `a whole number from ${r.min} to ${r.max}`);
  };
  if (!s.type) {
    if (s.authentications ?? s.granularity ?? s.radiusKm ?? s.velocityKph)
      fail('type', undefined, 'a type for a behaviour defined here (a looked-up one takes only name and enforce)');
    return;
  }
  if (!(BEHAVIOR_TYPES as readonly string[]).includes(s.type)) fail('type', s.type, BEHAVIOR_TYPES.join(', '));
  within('authentications', s.authentications, AUTHENTICATIONS);
  within('radiusKm', s.radiusKm, RADIUS_KM);
  within('velocityKph', s.velocityKph, VELOCITY_KPH);
  if (s.type === 'VELOCITY' && s.velocityKph === undefined) fail('velocityKph', undefined, 'set for VELOCITY');
  if (s.type !== 'VELOCITY' && s.authentications === undefined) fail('authentications', undefined, `set for ${s.type}`);
  if (s.type === 'ANOMALOUS_LOCATION' && !s.granularity) fail('granularity', undefined, 'set for ANOMALOUS_LOCATION');
  if (s.granularity === 'LAT_LONG' && s.radiusKm === undefined) fail('radiusKm', undefined, 'set for LAT_LONG');
}

import { Construct } from 'constructs';
import { Behavior } from '@cdktf/provider-okta/lib/behavior';
import { DataOktaBehavior } from '@cdktf/provider-okta/lib/data-okta-behavior';
import { DataOktaBehaviors } from '@cdktf/provider-okta/lib/data-okta-behaviors';
import { behaviorGuards } from '../../../domain/okta/lookup-guards';
import { Token } from 'cdktf';
import type { BehaviorType } from '../../../domain/okta/adaptive';
import {
  BEHAVIOR_NUMBERS,
  behaviorNumberProblem,
  behaviorProblems,
  behaviorTypeProblem,
} from '../../../domain/okta/adaptive-rules';
import { under, type Problem } from '../../../domain/problems';
import { refuseProblems } from './problems';

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
 * (data_source_okta_behavior.go:13-49, by name) for the org's own, each guarded: the plan stops unless it found an
 * ACTIVE behaviour of exactly that name. Their ids feed the global session rule's `behaviors` condition.
 */
export class RolloutBehaviors extends Construct {
  /** Ids (references) of the behaviours rules act on, in key order. */
  readonly enforcedIds: readonly string[];

  constructor(scope: Construct, id: string, props: RolloutBehaviorsProps) {
    super(scope, id);
    const specs = props.behaviors ?? {};
    validate(specs);
    const enforced: string[] = [];
    for (const key of Object.keys(specs).sort()) {
      const spec = specs[key];
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
        : this.lookUp(key, spec.name);
      if (spec.enforce ?? true) enforced.push(ref);
    }
    this.enforcedIds = enforced;
  }

  /**
   * The org's behaviour by name (data.okta_behavior), proven by postconditions to be ACTIVE and named exactly so:
   * the data source takes a partial match with only a warning (okta/data_source_okta_behavior.go:61-73), so the
   * exact name is checked against every match of the same query (data.okta_behaviors, under `Candidates`).
   */
  private lookUp(key: string, name: string): string {
    this.candidates ??= new Construct(this, 'Candidates');
    const candidates = new DataOktaBehaviors(this.candidates, key, { q: name });
    const address = `data.${candidates.terraformResourceType}.${candidates.friendlyUniqueId}`;
    return new DataOktaBehavior(this, key, {
      name,
      lifecycle: {
        postcondition: behaviorGuards(name, address).map((g) => ({
          condition: g.condition,
          errorMessage: g.errorMessage,
        })),
      },
    }).id;
  }

  private candidates?: Construct;
}

/** Every problem of the behaviours, at once: the rules the config schema checks too (domain/okta/adaptive-rules.ts). */
function validate(behaviors: Readonly<Record<string, BehaviorSpec>>): void {
  const problems = Object.entries(behaviors).flatMap(([key, b]) => {
    const fields: Problem[] = [];
    const typeProblem = b.type === undefined || Token.isUnresolved(b.type) ? undefined : behaviorTypeProblem(b.type);
    if (typeProblem) fields.push({ path: ['type'], value: b.type, message: typeProblem });
    for (const field of Object.keys(BEHAVIOR_NUMBERS) as (keyof typeof BEHAVIOR_NUMBERS)[]) {
      const v = b[field];
      const message = v === undefined || Token.isUnresolved(v) ? undefined : behaviorNumberProblem(field, v);
      if (message) fields.push({ path: [field], value: v, message });
    }
    return under(['behaviors', key], [...fields, ...behaviorProblems(b)]);
  });
  refuseProblems('RolloutBehaviors', problems);
}

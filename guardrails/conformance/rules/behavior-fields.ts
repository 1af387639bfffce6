import { BEHAVIOR_TYPES, LOCATION_GRANULARITIES } from '../../../domain/okta/adaptive';
import type { TfResource } from '../../../synthesized/model';
import { defineRule, each } from '../../rule';
import { all, bad, inRange, isSet, oneOf } from '../support';

const FILE = 'okta/resource_okta_behavior.go';
const DATA = 'okta/data_source_okta_behavior.go';
const MAX = Number.MAX_SAFE_INTEGER;

function resource(r: TfResource) {
  const a = r.attrs;
  const type = a.type;
  const anomalous = type === 'ANOMALOUS_LOCATION' || type === 'ANOMALOUS_DEVICE' || type === 'ANOMALOUS_IP';
  const missing = (k: string, cite: string) => (isSet(a[k]) ? undefined : bad(r, k, undefined, `required ${cite}`));
  return all(
    oneOf(r, 'type', type, BEHAVIOR_TYPES, `${FILE}:13-18, :36-41`),
    oneOf(r, 'status', a.status, ['ACTIVE', 'INACTIVE'], `${FILE}:42-47`),
    anomalous ? missing('number_of_authentications', `for ${String(type)} (${FILE}:189-194, create-time)`) : undefined,
    type === 'ANOMALOUS_LOCATION'
      ? (missing('location_granularity_type', `for ANOMALOUS_LOCATION (${FILE}:195-199)`) ??
          oneOf(r, 'location_granularity_type', a.location_granularity_type, LOCATION_GRANULARITIES, `${FILE}:48-52`))
      : undefined,
    a.location_granularity_type === 'LAT_LONG'
      ? (missing('radius_from_location', `for LAT_LONG (${FILE}:200-203)`) ??
          inRange(r, 'radius_from_location', a.radius_from_location, 5, MAX, `${FILE}:56, at least 5`))
      : undefined,
    type === 'VELOCITY'
      ? (missing('velocity', `for VELOCITY (${FILE}:205-210)`) ??
          inRange(r, 'velocity', a.velocity, 1, MAX, `${FILE}:66, at least 1`))
      : undefined,
    isSet(a.velocity)
      ? ['number_of_authentications', 'radius_from_location', 'location_granularity_type']
          .filter((k) => isSet(a[k]))
          .map((k) => bad(r, k, a[k], `ConflictsWith velocity (${FILE}:67)`))
      : undefined,
  );
}

export default defineRule({
  id: 'OKC-15',
  name: 'behavior-fields',
  severity: 'error',
  title: 'okta_behavior: type, status and the settings each type needs; lookups by name or id',
  why:
    'The provider checks at create that each behaviour type has its settings (validateBehavior) and rejects a ' +
    'velocity together with the location settings; a lookup needs a name or an id, not both.',
  source: `${FILE}:13-18, :36-69 (schema), :187-212 (validateBehavior); ${DATA}:17-27 (id ConflictsWith name)`,
  fix: 'Define the behaviour in identity.mfa.behaviors with the fields its type needs, or only its name.',
  check: (stack) =>
    each(stack.resources('okta_behavior'), (r) =>
      r.mode === 'data'
        ? isSet(r.attrs.id) === isSet(r.attrs.name)
          ? bad(r, 'name', r.attrs.name, `give a name or an id, not both and not neither (${DATA}:17-27)`)
          : undefined
        : resource(r),
    ),
});

/**
 * The read-back models: for every okta_* resource type the project emits, what okta/okta 4.20.0 and
 * the Okta API store after an apply and a refresh, given what was planned. A second plan is clean
 * exactly when, for every resource, the read-back equals the plan (with the provider's own diff
 * suppressions: JSON strings compare as parsed objects). Every default and every form cites its source.
 */
import { isObject, isReference, type Attrs, type Json, type TfResource } from '../../synthesized/model';
import type { RecordedOrg } from '../../synthesized/declarations';
import { PROVIDER_DEFAULTS } from '../../synthesized/defaults';
import { isSet, parseJson } from './support';
import { authenticatorOf } from '../../domain/okta/authenticators';

export interface ReadBackModel {
  /** Provider defaults filled into the plan for unset attributes (Optional + Default): synthesized/defaults.ts. */
  readonly defaults: Readonly<Record<string, Json>>;
  /** Attributes holding JSON, compared as parsed objects (DiffSuppressFunc noChangeInObjectFromUnmarshaledJSON). */
  readonly jsonAttrs?: readonly string[];
  /**
   * What the provider stores after apply + refresh, from the planned attributes (forced values, normalisations) and
   * what the environment declares about its org (`org` in the `//` declarations; undefined when it declares none).
   */
  readonly readBack?: (planned: Attrs, org?: RecordedOrg) => Attrs;
  /**
   * A terraform-plugin-framework resource: an attribute the configuration leaves unset must read back unset.
   * Every other type is an SDKv2 resource, whose plan compares an unset primitive with its type's zero value
   * ({@link SDK_ZERO_VALUES}): reading back false, 0 or "" there is no change.
   * @default false
   */
  readonly framework?: boolean;
  /** Where the defaults and the forms come from. */
  readonly source: string;
}

/** One attribute a second plan would change. */
export interface Difference {
  readonly address: string;
  readonly attribute: string;
  readonly planned: Json | undefined;
  readonly readBack: Json | undefined;
  readonly source: string;
}

/** Shown where the API returns a value of its own choosing that the configuration does not state. */
export const API_VALUE = '<the value the API returns>';

const JSON_SUPPRESS =
  'okta/utils.go:643-657 (noChangeInObjectFromUnmarshaledJSON: reflect.DeepEqual of the parsed objects)';
/**
 * terraform-plugin-sdk v2.37.0 (okta 4.20.0's go.mod:21), helper/schema/schema.go diffString: when the
 * configuration has no value and the state has one, the state is compared with `schema.Type.Zero()`.
 */
const SDK_ZERO_VALUES = 'terraform-plugin-sdk/v2 helper/schema/schema.go diffString (nraw = schema.Type.Zero())';
/** Terraform meta-arguments: not attributes, never read back. */
const META = new Set(['depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'provisioner', 'connection']);

const pick = (o: { [k: string]: Json }, keys: readonly string[]): { [k: string]: Json } =>
  Object.fromEntries(keys.filter((k) => o[k] !== undefined && !isEmpty(o[k])).map((k) => [k, o[k]]));
/** Go's `omitempty` drops "", 0, false, nil and empty slices. */
const isEmpty = (v: Json): boolean =>
  v === '' || v === 0 || v === false || v === null || (Array.isArray(v) && v.length === 0);

/** sdk/v2_possessionConstraint.go:4-17, sdk/v2_knowledgeConstraint.go:4-11: the fields of a constraint class. */
const CONSTRAINT_FIELDS = {
  knowledge: ['authenticationMethods', 'excludedAuthenticationMethods', 'methods', 'reauthenticateIn', 'types'],
  possession: [
    'authenticationMethods',
    'excludedAuthenticationMethods',
    'methods',
    'reauthenticateIn',
    'types',
    'deviceBound',
    'hardwareProtection',
    'phishingResistant',
    'userPresence',
    'userVerification',
    'userVerificationMethods',
  ],
} as const;

/**
 * okta_app_signon_policy_rule's device condition: with device_is_registered = true the provider always sends
 * managed (d.Get: false when unset) and reads both back from the API (resource_okta_app_signon_policy_rule.go
 * :433-438, :295-296).
 */
function deviceReadBack(p: Attrs): Attrs {
  return p.device_is_registered === true && p.device_is_managed === undefined ? { ...p, device_is_managed: false } : p;
}

/** okta_policy_password_default question_min_length: read-only in the API (PasswordPolicyRecoveryQuestionComplexity) */
const QUESTION_MIN_LENGTH = 4;

/**
 * okta_policy_rule_signon's conditions after a refresh. One risk level is sent (risc_level wins when non-empty,
 * :300-312) and both attributes are read back from it (:197-201). An empty string sends no condition (:286-312,
 * GetOk); where the org has the condition (the environment's declaration), the API returns it on every rule, ANY
 * when none was sent, and the provider reads it back (:197-216): "" then becomes ANY on every plan.
 */
function signOnRuleReadBack(p: Attrs, org?: RecordedOrg): Attrs {
  const level = p.risc_level || p.risk_level || (org?.riskScoring ? 'ANY' : '');
  const idp = p.identity_provider || (org?.identityProviderConditions ? 'ANY' : p.identity_provider);
  return { ...p, ...(level ? { risc_level: level, risk_level: level } : {}), identity_provider: idp };
}

/** One constraint as the provider sends it and reads it back (unmarshal into the SDK struct, marshal again). */
function constraintReadBack(raw: Json): Json {
  const parsed = parseJson(raw);
  if (!isObject(parsed)) return raw;
  const out: { [k: string]: Json } = {};
  for (const klass of ['knowledge', 'possession'] as const) {
    const c = parsed[klass];
    if (!isObject(c)) continue;
    const fields = pick(c, CONSTRAINT_FIELDS[klass]);
    for (const k of ['authenticationMethods', 'excludedAuthenticationMethods']) {
      // sdk/v2_knowledgeConstraint.go:13-16: AuthenticationMethodObject has key and method only.
      if (Array.isArray(fields[k]))
        fields[k] = (fields[k] as Json[]).map((m) => (isObject(m) ? pick(m, ['key', 'method']) : m));
    }
    // `required` is a bool without omitempty: always sent, false when absent, and read back.
    out[klass] = { ...fields, required: c.required === true };
  }
  return JSON.stringify(out);
}

/** sdk/v2_authenticatorSettings.go:6-14, v2_channelBinding.go, v2_compliance.go: what survives the round trip. */
function settingsReadBack(key: Json | undefined, raw: Json | undefined): Json | undefined {
  const parsed = parseJson(raw);
  if (!isObject(parsed)) return raw;
  const out = pick(parsed, ['allowedFor', 'appInstanceId', 'tokenLifetimeInMinutes', 'userVerification']);
  if (isObject(parsed.channelBinding)) out.channelBinding = pick(parsed.channelBinding, ['required', 'style']);
  if (isObject(parsed.compliance)) out.compliance = pick(parsed.compliance, ['fips']);
  // What the API always returns for this authenticator (domain/okta/authenticators.ts, from
  // test/fixtures/vcr/TestAccDataSourceOktaAuthenticator_read/oie-00.yaml:106).
  const returned = typeof key === 'string' ? (authenticatorOf(key)?.settings?.returned ?? {}) : {};
  for (const [k, v] of Object.entries(returned)) {
    if (v !== null && typeof v === 'object' ? !isObject(out[k]) : out[k] === undefined) out[k] = v ?? API_VALUE;
  }
  return JSON.stringify(out);
}

const SENT_AS_IS = 'no API normalisation of the attributes this project sets is known: read back as sent';

/** A type's provider defaults (none for a type without an Optional + Default attribute the project leaves unset). */
const defaultsOf = (type: string): Readonly<Record<string, Json>> => PROVIDER_DEFAULTS[type]?.defaults ?? {};

export const READ_BACK: Readonly<Record<string, ReadBackModel>> = {
  // A data source: nothing is planned or written; its only Optional+Default argument is active_only.
  okta_app: {
    defaults: defaultsOf('okta_app'),
    source:
      'okta/data_source_okta_app.go:41-46 (active_only, default true); :121-126 (id, label, name, status, links ' +
      'are read from the API, nothing is written)',
  },
  okta_app_group_assignments: {
    defaults: defaultsOf('okta_app_group_assignments'),
    source: `okta/resource_okta_app_group_assignments.go:36-62; ${SENT_AS_IS}`,
  },
  okta_app_oauth: {
    defaults: defaultsOf('okta_app_oauth'),
    source: `okta/resource_okta_app_oauth.go:165-330 (defaults); ${SENT_AS_IS}`,
  },
  okta_app_signon_policy: {
    framework: true,
    defaults: defaultsOf('okta_app_signon_policy'),
    source:
      `okta/resource_okta_app_signon_policy.go:78-96; ${SENT_AS_IS}; the data source of that name only reads ` +
      '(okta/data_source_okta_app_signon_policy.go:12-53: app_id in, id and name out)',
  },
  okta_app_signon_policy_rule: {
    defaults: defaultsOf('okta_app_signon_policy_rule'),
    jsonAttrs: ['constraints'],
    readBack: (p) =>
      deviceReadBack(Array.isArray(p.constraints) ? { ...p, constraints: p.constraints.map(constraintReadBack) } : p),
    source:
      'sdk/v2_possessionConstraint.go:10, v2_knowledgeConstraint.go:10 (required has no omitempty: sent and ' +
      'read back), okta/resource_okta_app_signon_policy_rule.go:394-404 (sent through the SDK struct), ' +
      ':264-269 (read back from it); :433-438 (with device_is_registered, managed is sent, false when unset) ' +
      `and :295-296 (both read back); :44-184 (defaults); ${JSON_SUPPRESS}; ${SDK_ZERO_VALUES}`,
  },
  okta_auth_server: {
    defaults: defaultsOf('okta_auth_server'),
    source: `okta/resource_okta_auth_server.go:44-70; ${SENT_AS_IS}`,
  },
  okta_auth_server_claim: {
    defaults: defaultsOf('okta_auth_server_claim'),
    readBack: (p) => (p.claim_type === 'RESOURCE' ? { ...p, always_include_in_token: true } : p),
    source:
      'Okta API, Authorization Server Claims: alwaysIncludeInToken is always true for access-token ' +
      '(RESOURCE) claims, ' +
      'okta/resource_okta_auth_server_claim.go:95 (read back from the API); :42-57 (defaults)',
  },
  okta_auth_server_policy: {
    defaults: defaultsOf('okta_auth_server_policy'),
    source: `okta/resource_okta_auth_server_policy.go:20-48; ${SENT_AS_IS}`,
  },
  okta_auth_server_policy_rule: {
    defaults: defaultsOf('okta_auth_server_policy_rule'),
    source: `okta/resource_okta_auth_server_policy_rule.go:28-90 (defaults), :141-183 (read); ${SENT_AS_IS}`,
  },
  okta_auth_server_scope: {
    defaults: defaultsOf('okta_auth_server_scope'),
    source: `okta/resource_okta_auth_server_scope.go:40-56; ${SENT_AS_IS}`,
  },
  okta_authenticator: {
    defaults: defaultsOf('okta_authenticator'),
    jsonAttrs: ['settings'],
    readBack: (p) =>
      isSet(p.settings) && p.settings !== '' ? { ...p, settings: settingsReadBack(p.key, p.settings) as Json } : p,
    source:
      'the API returns compliance.fips and tokenLifetimeInMinutes ' +
      '(test/fixtures/vcr/TestAccDataSourceOktaAuthenticator_read/oie-00.yaml:106), ' +
      'okta/resource_okta_authenticator.go:397-408 (read marshals sdk.AuthenticatorSettings, ' +
      'sdk/v2_authenticatorSettings.go:6-14); ' +
      `:57-64 (settings, suppressed when unset); ${JSON_SUPPRESS}`,
  },
  okta_behavior: {
    defaults: defaultsOf('okta_behavior'),
    source:
      'okta/resource_okta_behavior.go:42-47 (status default), :97-100 and :172-185 (name, type, status and the ' +
      "type's settings read back; velocityKph, maxEventsUsedForEvaluation, granularity, radiusKilometers as sent: " +
      `test/fixtures/vcr/TestAccResourceOktaBehavior_crud/oie-00.yaml:35); ${SENT_AS_IS}`,
  },
  okta_group: { defaults: defaultsOf('okta_group'), source: `okta/resource_okta_group.go:41-58; ${SENT_AS_IS}` },
  okta_group_role: {
    defaults: defaultsOf('okta_group_role'),
    source:
      'okta/resource_okta_group_role.go:163-198 (read: role_type from the API, :196; the target lists only for the ' +
      'role types that take targets, :179-195; group_id and disable_notifications stay as planned), :56-108 ' +
      `(schema, disable_notifications default false :93-98); ${SENT_AS_IS}`,
  },
  okta_log_stream: {
    framework: true,
    defaults: defaultsOf('okta_log_stream'),
    source: `okta/resource_okta_log_stream.go:180-250 (create then activate to the planned status); ${SENT_AS_IS}`,
  },
  okta_network_zone: {
    defaults: defaultsOf('okta_network_zone'),
    source: `okta/resource_okta_network_zone.go:73-78; ${SENT_AS_IS}`,
  },
  ...deviceAssuranceModels(),
  okta_policy_mfa: {
    defaults: defaultsOf('okta_policy_mfa'),
    source: `okta/policy.go:16-48, 85-90; ${SENT_AS_IS}`,
  },
  okta_policy_mfa_default: {
    defaults: defaultsOf('okta_policy_mfa_default'),
    source: `okta/policy.go:50-90, okta/resource_okta_policy_mfa_default.go:35-60; ${SENT_AS_IS}`,
  },
  okta_policy_password_default: {
    defaults: defaultsOf('okta_policy_password_default'),
    // The answer length of a security question is read-only in the API: whatever is sent, 4 comes back.
    readBack: (p) => ({ ...p, question_min_length: QUESTION_MIN_LENGTH }),
    source:
      'okta/resource_okta_policy_password_default.go:34-177 (defaults), :199-268 (every setting read back); ' +
      `:249-251 (question_min_length from the API, where PasswordPolicyRecoveryQuestionComplexity.minLength is ` +
      `readOnly, default 4: Okta management API spec); ${SENT_AS_IS}`,
  },
  okta_policy_rule_mfa: {
    defaults: defaultsOf('okta_policy_rule_mfa'),
    source: `okta/resource_okta_policy_rule_mfa.go:20-25; ${SENT_AS_IS}`,
  },
  okta_policy_rule_signon: {
    defaults: defaultsOf('okta_policy_rule_signon'),
    readBack: signOnRuleReadBack,
    source:
      'okta/resource_okta_policy_rule_sign_on.go:22-86, 141-146 (defaults), :300-312 (one riskScore level sent), ' +
      ':197-201 (both read back from it), :286-292 ("" sends no identityProvider), :211-216 (read back whenever ' +
      'the API returns one); an org with the condition returns it, ANY when none was sent ' +
      '(test/fixtures/vcr/TestAccResourceOktaPolicyRuleSignon_multiple/oie-00.yaml:221, and unasked: ' +
      'TestAccResourceOktaAppSignOnPolicyRule_Issue_1242_possession_constraint/oie-00.yaml:56,76)',
  },
  okta_policy_signon: { defaults: defaultsOf('okta_policy_signon'), source: `okta/policy.go:16-48; ${SENT_AS_IS}` },
  okta_threat_insight_settings: {
    defaults: defaultsOf('okta_threat_insight_settings'),
    source: `okta/resource_okta_threat_insight_settings.go:22-45 (network_excludes order suppressed); ${SENT_AS_IS}`,
  },
  okta_trusted_origin: {
    defaults: defaultsOf('okta_trusted_origin'),
    source: `okta/resource_okta_trusted_origin.go:22-44; ${SENT_AS_IS}`,
  },
};

/**
 * okta_policy_device_assurance_<platform> (plugin-framework resources without defaults): disk_encryption_type
 * and screenlock_type are sets (order never shows in a plan); every field is read back as sent.
 */
function deviceAssuranceModels(): Record<string, ReadBackModel> {
  const model: ReadBackModel = {
    framework: true,
    defaults: {},
    source:
      'okta/resource_okta_device_assurance_policy_macos_os.go:358-415 (mapDeviceAssuranceMacOSToState reads each ' +
      'field back as the API returns it; the same map function in each platform file), :86-103 (set attributes, ' +
      `no defaults); ${SENT_AS_IS}`,
  };
  return Object.fromEntries(
    ['android', 'chromeos', 'ios', 'macos', 'windows'].map((p) => [`okta_policy_device_assurance_${p}`, model]),
  );
}

/** The plan of a resource: its attributes with the provider defaults filled in (meta-arguments dropped). */
export function planned(resource: TfResource, model: ReadBackModel): Attrs {
  const attrs = Object.fromEntries(Object.entries(resource.attrs).filter(([k]) => !META.has(k)));
  return { ...model.defaults, ...attrs };
}

/**
 * What a second plan would show for one resource (empty when it is clean); undefined without a model. `org` is what
 * the stack declares about its Okta org (StackModel.declarations.org).
 */
export function secondPlan(resource: TfResource, org?: RecordedOrg): Difference[] | undefined {
  const model = READ_BACK[resource.type];
  return model && differences(resource, model, org);
}

/** What a second plan would show for one resource under `model` (empty when it is clean). */
export function differences(resource: TfResource, model: ReadBackModel, org?: RecordedOrg): Difference[] {
  const plan = planned(resource, model);
  const state = model.readBack ? model.readBack(plan, org) : plan;
  const keys = [...new Set([...Object.keys(plan), ...Object.keys(state)])].sort();
  const unchanged = (k: string): boolean =>
    isReference(plan[k] ?? null) ||
    same(plan[k], state[k], model.jsonAttrs?.includes(k) ?? false) ||
    (!model.framework && plan[k] === undefined && isZero(state[k]));
  return keys
    .filter((k) => !unchanged(k))
    .map((k) => ({
      address: resource.address,
      attribute: k,
      planned: plan[k],
      readBack: state[k],
      source: model.source,
    }));
}

/** A primitive's zero value in SDKv2 (schema.Type.Zero()): false, 0 or "". */
const isZero = (v: Json | undefined): boolean => v === false || v === 0 || v === '';

function same(a: Json | undefined, b: Json | undefined, json: boolean): boolean {
  if (json && Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => same(x, b[i], true));
  if (json && typeof a === 'string' && typeof b === 'string')
    return canonical(parseJson(a) ?? a) === canonical(parseJson(b) ?? b);
  return canonical(a) === canonical(b);
}

/** JSON with sorted keys: object equality regardless of key order (as reflect.DeepEqual on maps). */
function canonical(v: Json | undefined): string {
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

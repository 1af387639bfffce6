/**
 * Adaptive MFA in review and report: what a change does to device assurance policies (a lower minimum OS, a
 * check dropped), to risk rules (HIGH risk no longer denied or stepped up) and to behaviours (no longer acted
 * on, deactivated, a velocity raised), one sentence each; and, per tier, what risk, behaviour and device posture
 * require now.
 */
import { compareVersions } from '../domain/okta/adaptive';
import { str } from '../synthesized/facts';
import { Labels } from '../synthesized/labels';
import { deviceManagedOf } from '../synthesized/defaults';
import { stringList, type Attrs, type StackModel, type TfResource } from '../synthesized/model';
import type { PostureChange } from './posture';

const DEVICE_TYPES = ['macos', 'windows', 'ios', 'android', 'chromeos'].map((p) => `okta_policy_device_assurance_${p}`);

/** Device checks of a policy, as words, for comparing two versions (minimum OS compared apart). */
function deviceChecks(a: Attrs): Set<string> {
  const out = new Set<string>();
  for (const t of stringList(a.disk_encryption_type)) out.add(`disk encryption (${t})`);
  if (a.secure_hardware_present === true) out.add('secure hardware');
  const locks = stringList(a.screenlock_type);
  if (locks.length) out.add('a screen lock');
  if (locks.length && !locks.includes('PASSCODE')) out.add('a biometric screen lock');
  if (a.jailbreak === false) out.add('no jailbreak or root');
  for (const [k, v] of Object.entries(a)) if (k.startsWith('tpsp_') && v === true) out.add(k);
  return out;
}

interface DevicePolicy {
  readonly name: string;
  readonly attrs: Attrs;
}

function devicePolicies(model: StackModel): Map<string, DevicePolicy> {
  const out = new Map<string, DevicePolicy>();
  for (const type of DEVICE_TYPES)
    for (const r of model.resources(type)) {
      const name = str(r.attrs.name) ?? r.name;
      out.set(`${type}:${name}`, { name, attrs: r.attrs });
    }
  return out;
}

/**
 * What HIGH risk leads to in a policy: `deny` (every HIGH-risk sign-in refused), `step-up` (a stronger sign-in, for
 * everyone: whoever has nothing enrolled is offered enrollment mid-sign-in), `step-up enrolled` (a step-up for the
 * groups it names, the rest denied), or `mfa` (a global session rule).
 */
type RiskHandling = 'deny' | 'step-up' | 'step-up enrolled' | 'mfa';

/** The HIGH-risk handling of each policy, by policy name, with the groups a scoped step-up names. */
function riskRules(model: StackModel, labels: Labels): Map<string, RiskHandling> {
  const out = new Map<string, RiskHandling>();
  const byPolicy = new Map<string, TfResource[]>();
  for (const r of model.resources('okta_app_signon_policy_rule')) {
    if (str(r.attrs.risk_score) !== 'HIGH') continue;
    const name = policyName(model, labels, r, 'okta_app_signon_policy');
    byPolicy.set(name, [...(byPolicy.get(name) ?? []), r]);
  }
  for (const [name, rules] of byPolicy) {
    const steps = rules.filter((r) => str(r.attrs.access) !== 'DENY');
    const denyAll = rules.some((r) => str(r.attrs.access) === 'DENY' && !stringList(r.attrs.groups_included).length);
    const scoped = steps.length > 0 && steps.every((r) => stringList(r.attrs.groups_included).length > 0);
    out.set(name, steps.length === 0 ? 'deny' : scoped && denyAll ? 'step-up enrolled' : 'step-up');
  }
  for (const r of model.resources('okta_policy_rule_signon'))
    if (str(r.attrs.risk_level) === 'HIGH' || str(r.attrs.risc_level) === 'HIGH')
      out.set(`global session ${labels.of(r)}`, str(r.attrs.access) === 'DENY' ? 'deny' : 'mfa');
  return out;
}

/** The groups a policy's HIGH-risk step-up names (reviewers' names), for the report. */
function stepUpGroups(model: StackModel, labels: Labels, policy: string): string[] {
  return model
    .resources('okta_app_signon_policy_rule')
    .filter((r) => str(r.attrs.risk_score) === 'HIGH' && str(r.attrs.access) !== 'DENY')
    .filter((r) => policyName(model, labels, r, 'okta_app_signon_policy') === policy)
    .flatMap((r) => labels.names(r.attrs.groups_included));
}

const STEPPED: Record<RiskHandling, string> = {
  deny: 'denied',
  'step-up': 'stepped up',
  'step-up enrolled': 'stepped up for the enrolled groups and denied for everyone else',
  mfa: 'stepped up',
};

/** The policy a rule belongs to, by the name reviewers use (a looked-up policy: named after its app). */
function policyName(model: StackModel, labels: Labels, rule: TfResource, type: string): string {
  const policy = model.resolve(rule.attrs.policy_id)?.target;
  return policy?.type === type ? labels.of(policy) : 'policy';
}

/** Behaviours the global session rules act on (names), and the defined behaviours' settings. */
function behaviours(model: StackModel, labels: Labels) {
  const acted = new Set(model.resources('okta_policy_rule_signon').flatMap((r) => labels.names(r.attrs.behaviors)));
  const defined = new Map(
    model
      .resources('okta_behavior')
      .filter((b) => b.mode === 'resource')
      .map((b) => [str(b.attrs.name) ?? b.name, b.attrs]),
  );
  return { acted, defined };
}

/** The adaptive-MFA sentences of a change from base to head. */
export function adaptiveChanges(base: StackModel, head: StackModel): PostureChange[] {
  const out: PostureChange[] = [];
  const add = (direction: PostureChange['direction'], subject: string, sentence: string) =>
    out.push({ direction, area: 'mfa', subject, sentence });
  const [bl, hl] = [new Labels(base), new Labels(head)];

  const [bd, hd] = [devicePolicies(base), devicePolicies(head)];
  for (const [key, h] of hd) {
    const b = bd.get(key);
    if (!b) continue;
    const subject = `device assurance ${h.name}`;
    const [bv, hv] = [
      str(b.attrs.os_version ?? b.attrs.tpsp_os_version),
      str(h.attrs.os_version ?? h.attrs.tpsp_os_version),
    ];
    if (bv && (!hv || compareVersions(hv, bv) < 0))
      add(
        'weaken',
        subject,
        `Device assurance "${h.name}" now accepts ${hv ? `OS ${hv} and later` : 'any OS version'} ` +
          `(was ${bv} and later).`,
      );
    if (bv && hv && compareVersions(hv, bv) > 0)
      add('strengthen', subject, `Device assurance "${h.name}" now requires OS ${hv} or later (was ${bv}).`);
    const [bc, hc] = [deviceChecks(b.attrs), deviceChecks(h.attrs)];
    const lost = [...bc].filter((c) => !hc.has(c));
    const gained = [...hc].filter((c) => !bc.has(c));
    if (lost.length) add('weaken', subject, `Device assurance "${h.name}" no longer checks ${lost.join(', ')}.`);
    if (gained.length) add('strengthen', subject, `Device assurance "${h.name}" now also checks ${gained.join(', ')}.`);
  }

  riskChanges(riskRules(base, bl), riskRules(head, hl), add);

  const [bb, hb] = [behaviours(base, bl), behaviours(head, hl)];
  for (const name of bb.acted)
    if (!hb.acted.has(name))
      add(
        'weaken',
        `behaviour ${name}`,
        `The behaviour "${name}" no longer forces MFA: an anomaly it detects is let through.`,
      );
  for (const name of hb.acted)
    if (!bb.acted.has(name)) add('strengthen', `behaviour ${name}`, `The behaviour "${name}" now forces MFA.`);
  for (const [name, h] of hb.defined) {
    const b = bb.defined.get(name);
    if (!b) continue;
    if (str(b.status) !== 'INACTIVE' && str(h.status) === 'INACTIVE')
      add('weaken', `behaviour ${name}`, `The behaviour "${name}" is deactivated: Okta no longer detects it.`);
    const [bv, hv] = [Number(b.velocity), Number(h.velocity)];
    if (bv > 0 && hv > bv)
      add('weaken', `behaviour ${name}`, `The behaviour "${name}" fires only above ${hv} km/h (was ${bv} km/h).`);
  }
  return out;
}

type AddSentence = (direction: PostureChange['direction'], subject: string, sentence: string) => void;

/** What a change does to HIGH-risk handling, policy by policy. */
function riskChanges(br: Map<string, RiskHandling>, hr: Map<string, RiskHandling>, add: AddSentence): void {
  for (const [where, b] of br) {
    const h = hr.get(where);
    const subject = `risk rule ${where}`;
    if (!h) add('weaken', subject, `Sign-ins at HIGH risk are no longer ${STEPPED[b]} in ${where}.`);
    else if (b === 'deny' && h !== 'deny')
      add('weaken', subject, `Sign-ins at HIGH risk are now allowed with a step-up in ${where} (they were denied).`);
    else if (b === 'step-up enrolled' && h === 'step-up')
      add(
        'weaken',
        subject,
        `Sign-ins at HIGH risk of people outside the rollout are now stepped up in ${where} (they were denied): ` +
          'with nothing enrolled, they are offered enrollment in the middle of the risky sign-in.',
      );
    else if (b === 'step-up' && h === 'step-up enrolled')
      add(
        'strengthen',
        subject,
        `Sign-ins at HIGH risk of people outside the rollout are now denied in ${where}; only the enrolled ` +
          'groups are stepped up (no enrollment is offered in the middle of a risky sign-in).',
      );
    else if (b !== 'deny' && h === 'deny')
      add('strengthen', subject, `Sign-ins at HIGH risk are now denied in ${where} (they were stepped up).`);
  }
  for (const [where, h] of hr)
    if (!br.has(where))
      add('strengthen', `risk rule ${where}`, `Sign-ins at HIGH risk are now ${STEPPED[h]} in ${where}.`);
}

/** Per tier: what HIGH risk leads to and what device posture the tier asks for; behaviours of the session. */
export function adaptivePosture(model: StackModel): { rows: string[][]; session: string } {
  const labels = new Labels(model);
  const risk = riskRules(model, labels);
  const rows = model.resources('okta_app_signon_policy').map((p) => {
    const name = labels.of(p);
    const rules = model.referrers('okta_app_signon_policy_rule', 'policy_id', p);
    const device = new Set<string>();
    for (const r of rules) {
      const names = labels.names(r.attrs.device_assurances_included);
      // What Okta matches: managed = false (sent with registered unless told otherwise) is registered, NOT managed.
      const managed = deviceManagedOf(r);
      if (managed === true) device.add('managed device');
      else if (managed === false) device.add('registered device, not managed');
      if (names.length) device.add(`device assurance: ${names.join(' or ')}`);
    }
    const atRisk = risk.get(name);
    const highRisk =
      atRisk === 'deny'
        ? 'denied'
        : atRisk === 'step-up enrolled'
          ? `phishing-resistant step-up for ${stepUpGroups(model, labels, name).join(', ')}; denied for everyone else`
          : atRisk
            ? 'phishing-resistant step-up'
            : 'no risk rule';
    return [name, highRisk, [...device].join('; ') || 'any device'];
  });
  const acted = [...behaviours(model, labels).acted].sort();
  const sessionRisk = [...risk.keys()].some((k) => k.startsWith('global session'));
  const session =
    `Global session: ${sessionRisk ? 'HIGH risk forces MFA and a short session' : 'no HIGH-risk rule'}; ` +
    `${acted.length ? `behaviours that force MFA: ${acted.join(', ')}` : 'no behaviour forces MFA'}.`;
  return { rows, session };
}

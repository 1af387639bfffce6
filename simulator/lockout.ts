/**
 * The no-lock-out proof: for every group assigned to every user-facing app, and on Okta's admin surfaces for
 * every group their rules name (Everyone for every administrator, the break-glass group through its own rule)
 * and every group the stack gives an admin role, some ordinary sign-in gets them in. Ordinary: an unlisted
 * address or a corporate (IP) zone, LOW risk, no behaviour detected, a registered laptop (managed where the org
 * has device management: in an org without it Okta sees no device as managed, context.ts managedIn) that meets
 * every device assurance policy of the stack, and any authenticator the enrollment policy lets the group enroll.
 * A group for which every ordinary context is denied is locked out; the finding names the group, the
 * app, the rule that denied it and why.
 */
import type { StackModel } from '../synthesized/model';
import type { App } from '../synthesized/read-model';
import { ORDINARY, type AccessContext } from './context';
import { weakestSignIn, type SignInOutcome, type TraceStep } from './evaluate';
import { SimStack } from './stack';

/** One group no ordinary sign-in gets into one app. */
export interface LockOut {
  /** The app's key (config) or the admin surface's key (`admin-console`). */
  readonly app: string;
  readonly appLabel: string;
  /** Address of the app (okta_app_oauth, or the okta_app data source of an admin surface). */
  readonly address: string;
  /** Whether the app is one of Okta's admin surfaces. */
  readonly adminSurface: boolean;
  /** The group's name. */
  readonly group: string;
  /** The policy or rule that denied the sign-in (in the unlisted-address context). */
  readonly rule: string;
  /** Why it denied. */
  readonly why: string;
}

/** Type prefix of the device assurance resources (okta_policy_device_assurance_<platform>). */
const DEVICE_ASSURANCE = 'okta_policy_device_assurance_';

/** The ordinary contexts of a stack: an unlisted address, then each corporate (IP, POLICY) zone. */
export function ordinaryContexts(sim: SimStack): AccessContext[] {
  const assurances = sim.model
    .all()
    .filter((r) => r.type.startsWith(DEVICE_ASSURANCE))
    .map((r) => sim.labels.of(r));
  const device = { ...ORDINARY.device, assurances };
  const base: AccessContext = {
    ...ORDINARY,
    description:
      'in an ordinary context (unlisted address, LOW risk, a company laptop meeting every device assurance policy)',
    device,
  };
  const corporate = sim.zones.filter((z) => z.type === 'IP' && z.usage !== 'BLOCKLIST' && z.active);
  return [
    base,
    ...corporate.map((z) => ({
      ...base,
      key: `ordinary-${z.name}`,
      description: `from ${z.name} (LOW risk, a company laptop meeting every device assurance policy)`,
      zones: [z.name],
    })),
  ];
}

/** The apps people sign in to: user-facing OIDC apps, then the admin surfaces. */
export function signInApps(sim: SimStack): { readonly app: App; readonly adminSurface: boolean }[] {
  return [
    ...sim.apps.filter((a) => a.type !== 'service').map((app) => ({ app, adminSurface: false })),
    ...sim.adminSurfaces.map((app) => ({ app, adminSurface: true })),
  ];
}

/** The lock-outs found per stack model: synth's config check and guardrail MFA-15 ask about the same model. */
const found = new WeakMap<StackModel, readonly LockOut[]>();

/** Every group locked out of an app it is assigned to (or an admin surface names), in stack order. */
export function lockOuts(model: StackModel): readonly LockOut[] {
  let out = found.get(model);
  if (!out) found.set(model, (out = computeLockOuts(model)));
  return out;
}

function computeLockOuts(model: StackModel): LockOut[] {
  const sim = SimStack.of(model);
  const contexts = ordinaryContexts(sim);
  const out: LockOut[] = [];
  for (const { app, adminSurface } of signInApps(sim)) {
    for (const group of app.groups) {
      const outcomes = contexts.map((ctx) => weakestSignIn(sim, group, app, ctx));
      if (outcomes.some((o) => o.decision === 'allow')) continue;
      const { rule, why } = deniedBy(outcomes[0]);
      out.push({
        app: app.key,
        appLabel: app.label,
        address: app.resource.address,
        adminSurface,
        group,
        rule,
        why,
      });
    }
  }
  return out;
}

/** The policy or rule that denied a sign-in, and why, from its trace. */
export function deniedBy(outcome: SignInOutcome): { rule: string; why: string } {
  const trace = outcome.trace;
  const denial = [...trace].reverse().find((s) => s.outcome === 'deny');
  if (!denial) return { rule: '(none)', why: outcome.reason };
  if (denial.stage !== 'sign-in') return { rule: denial.subject, why: denial.why };
  // No sign-in the person can do satisfies the rule that applied: name it and what they can enroll.
  const last = (stage: TraceStep['stage']) =>
    [...trace].reverse().find((s) => s.stage === stage && s.outcome === 'match');
  const rule = last('app sign-on') ?? last('global session');
  const enrollable = last('enrollment');
  return {
    rule: rule?.subject ?? denial.subject,
    why:
      `no sign-in with authenticators the group can enroll satisfies it (${enrollable?.why ?? 'enrollment unknown'})` +
      `: ${denial.why}`,
  };
}

/** One line per lock-out: the group, the app, the rule that denied it and why. */
export function describeLockOut(l: LockOut): string {
  return (
    `${l.group} is locked out of ${l.appLabel}${l.adminSurface ? ' (Okta admin surface)' : ''}: ` +
    `in every ordinary context (unlisted or corporate network, LOW risk, a device meeting the posture) ` +
    `${l.rule} denies it: ${l.why}`
  );
}

/**
 * What the stack looks up in the Okta org and whether each lookup proves what it found (lifecycle
 * postconditions, domain/okta/lookup-guards.ts): the Identity Engine check every Okta object waits for, the admin
 * surfaces' app and policy, the org's behaviours. A guard dropped is a "weakens" sentence: the plan would then
 * change a stranger's object, or half-apply a Classic org, instead of stopping.
 */
import { attr, type StackModel, type TfResource } from '../synthesized/model';
import { str } from '../synthesized/facts';

/** The lookups of a stack and which of them carry a guard. */
export interface LookupsView {
  /** Whether the stack reads okta_org_metadata with a postcondition (the Identity Engine check). */
  readonly identityEngineCheck: boolean;
  /** Whether the stack has Okta objects at all (gateway-only stacks have none). */
  readonly okta: boolean;
  /** Each looked-up object, as reviewers name it, with whether it proves what it found. */
  readonly lookups: readonly { readonly subject: string; readonly guarded: boolean }[];
}

const LOOKED_UP: Readonly<Record<string, (r: TfResource, model: StackModel) => string>> = {
  okta_app: (r) => `the app lookup \`${str(r.attrs.label) ?? r.name}\``,
  okta_app_signon_policy: (r, model) => {
    const app = model.resolve(r.attrs.app_id)?.target;
    return `the policy lookup of \`${(app && str(app.attrs.label)) ?? r.name}\``;
  },
  okta_behavior: (r) => `the behaviour lookup \`${str(r.attrs.name) ?? r.name}\``,
};

const guarded = (r: TfResource): boolean => {
  const p = attr(r.attrs, 'lifecycle', 'postcondition');
  return Array.isArray(p) && p.length > 0;
};

/** The lookups part of a stack's security view. */
export function lookupsView(model: StackModel): LookupsView {
  const data = model.all().filter((r) => r.mode === 'data');
  return {
    okta: model.all().some((r) => r.type.startsWith('okta_')),
    identityEngineCheck: data.some((r) => r.type === 'okta_org_metadata' && guarded(r)),
    lookups: data
      .filter((r) => LOOKED_UP[r.type] !== undefined)
      .map((r) => ({ subject: LOOKED_UP[r.type](r, model), guarded: guarded(r) })),
  };
}

type Add = (direction: 'weaken' | 'strengthen' | 'neutral', area: string, subject: string, sentence: string) => void;

/** What changed in the lookups' guards, one sentence each. */
export function lookupChanges(base: LookupsView, head: LookupsView, add: Add): void {
  if (head.okta && base.identityEngineCheck && !head.identityEngineCheck)
    add(
      'weaken',
      'okta',
      'Identity Engine check',
      'The plan no longer proves the Okta org runs the Identity Engine before changing it: a Classic org would ' +
        'half-apply the stack.',
    );
  else if (head.okta && !base.identityEngineCheck && head.identityEngineCheck)
    add(
      'strengthen',
      'okta',
      'Identity Engine check',
      'The plan now stops unless the Okta org runs the Identity Engine, before anything Okta is read or changed.',
    );
  const was = new Map(base.lookups.map((l) => [l.subject, l.guarded]));
  for (const l of head.lookups) {
    if (was.get(l.subject) === true && !l.guarded)
      add(
        'weaken',
        'okta',
        l.subject,
        `${capital(l.subject)} no longer proves what it found: a wrong match would change a stranger's object ` +
          'instead of stopping the plan.',
      );
    else if (was.get(l.subject) === false && l.guarded)
      add('strengthen', 'okta', l.subject, `${capital(l.subject)} now stops the plan when it finds the wrong object.`);
  }
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One line for the posture report. */
export function lookupsLine(view: LookupsView): string | undefined {
  if (!view.okta) return undefined;
  const unguarded = view.lookups.filter((l) => !l.guarded).map((l) => l.subject);
  const check = view.identityEngineCheck
    ? 'the plan stops unless the org runs the Identity Engine'
    : 'NO Identity Engine check';
  const count = `${view.lookups.length - unguarded.length} of ${view.lookups.length} lookups prove what they found`;
  return `Lookups: ${check}; ${count}${unguarded.length ? ` (not: ${unguarded.join(', ')})` : ''}.`;
}

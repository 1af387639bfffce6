/**
 * Okta's own admin surfaces as the stack holds them: a first-party app looked up by label (data okta_app),
 * its existing authentication policy (data okta_app_signon_policy, whose app_id refers to the app) and the
 * rules the stack adds to that policy. The evaluator sees each surface as an app (AppInfo) whose sign-on
 * policy is the looked-up one: Okta's own rules of that policy are not in the stack, so a person no rule
 * of the stack matches reaches them (assumed to allow, as the catch-all of an unmanaged policy).
 */
import { ADMIN_SURFACES } from '../domain/okta/admin-surfaces';
import type { StackModel, TfResource } from '../synthesized/model';
import { str } from '../synthesized/facts';
import { byPriority, EVERYONE, type AppInfo, type SimStack } from './stack';

export interface AdminSurfaceInfo {
  /** `admin-console` or `dashboard` for Okta's own apps, else the looked-up label. */
  readonly key: string;
  /** The app's label, e.g. `Okta Admin Console`. */
  readonly label: string;
  /** The okta_app data source. */
  readonly app: TfResource;
  /** The okta_app_signon_policy data source (the app's existing policy). */
  readonly policy: TfResource;
  /** The stack's rules on that policy, in priority order. */
  readonly rules: readonly TfResource[];
}

/** Every looked-up app whose existing authentication policy the stack adds rules to. */
export function adminSurfacesOf(model: StackModel): AdminSurfaceInfo[] {
  return model
    .resources('okta_app_signon_policy')
    .filter((p) => p.mode === 'data')
    .flatMap((policy) => {
      const app = model.resolve(policy.attrs.app_id)?.target;
      if (!app || app.type !== 'okta_app') return [];
      const label = str(app.attrs.label) ?? str(app.attrs.label_prefix) ?? app.name;
      const key = Object.entries(ADMIN_SURFACES).find(([, l]) => l === label)?.[0] ?? label;
      const rules = byPriority(model.referrers('okta_app_signon_policy_rule', 'policy_id', policy));
      return [{ key, label, app, policy, rules }];
    });
}

/**
 * A surface as the evaluator's app: assigned to every group its rules include or exclude (the people who
 * sign in there; Everyone when a rule names no group), with the looked-up policy as its sign-on policy.
 */
export function adminSurfaceApp(sim: SimStack, surface: AdminSurfaceInfo): AppInfo {
  const named = surface.rules.flatMap((r) => [
    ...sim.groupsIn(r, 'groups_included'),
    ...sim.groupsIn(r, 'groups_excluded'),
  ]);
  const everyone = surface.rules.some(
    (r) => sim.groupsIn(r, 'groups_included').length === 0 && r.attrs.access !== 'DENY',
  );
  return {
    key: surface.key,
    label: surface.label,
    resource: surface.app,
    type: 'web',
    grantTypes: [],
    groups: [...new Set([...named, ...(everyone ? [EVERYONE] : [])])].sort(),
    signOnPolicy: surface.policy,
  };
}

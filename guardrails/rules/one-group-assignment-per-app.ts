import { defineRule, each, on } from '../rule';
import { isUserFacing, oauthApps } from '../../synthesized/facts';

export default defineRule({
  id: 'OK-13',
  name: 'one-group-assignment-per-app',
  severity: 'error',
  title: 'Every user-facing app has exactly one okta_app_group_assignments',
  why:
    'okta_app_group_assignments removes every group it does not list: two of them for one ' +
    'app fight on every apply, and none means nobody (or an unmanaged set) can sign in.',
  source: 'okta provider docs: okta_app_group_assignments (authoritative)',
  fix: "List all of the app's groups in one assignment (the app's `groups` in config).",
  check: (stack) =>
    each(oauthApps(stack).filter(isUserFacing), (app) => {
      const n =
        stack.referrers('okta_app_group_assignments', 'app_id', app).length +
        stack.referrers('okta_app_group_assignment', 'app_id', app).length;
      return n === 1 ? undefined : on(app, `${n} group assignment resources for this app; expected exactly one`);
    }),
});

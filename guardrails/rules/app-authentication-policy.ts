import { defineRule, each, on } from '../rule';
import { isUserFacing, oauthApps, target } from '../../synthesized/facts';

export default defineRule({
  id: 'OK-09',
  name: 'app-authentication-policy',
  severity: 'error',
  title: 'Every user-facing app has an authentication policy managed in this stack',
  why:
    "Without one the app uses the org's shared default policy, often one " +
    'factor, which anyone with console access can change without a pull request.',
  source: 'Okta docs: Authentication policies (default policy allows one factor)',
  fix:
    'Give the app a sensitivity tier in config; its ' +
    "authentication_policy is then that tier's okta_app_signon_policy.",
  check: (stack) =>
    each(oauthApps(stack).filter(isUserFacing), (app) =>
      target(stack, app.attrs.authentication_policy, 'okta_app_signon_policy')
        ? undefined
        : on(
            app,
            app.attrs.authentication_policy
              ? 'authentication_policy is not an okta_app_signon_policy of this stack'
              : 'no authentication_policy: the org default policy applies',
          ),
    ),
});

/**
 * Apps: user-facing ones sign in with authorization_code; redirect URIs and trusted origins that a browser
 * or device can use safely; complete group assignments of declared groups; keys only where the client
 * authenticates with them.
 */
import { originProblem, redirectUriProblem } from '../../domain/oauth-clients';
import type { AppConfig, EnvironmentConfig, ManagedIdentity } from '../schema';
import type { Path, Report } from './rule';
import { unknownGroupMessage } from '../../domain/okta/rollout-rules';
import { groupKeysOf, managed } from './identity';

export function appRules(c: EnvironmentConfig, report: Report): void {
  const id = managed(c);
  if (!id) return;
  id.apps.forEach((app, i) => {
    const p: Path = ['identity', 'apps', i];
    grantRules(app, p, report);
    assignmentRules(id, app, p, report);
    uriRules(app, p, c.environment === 'dev', report);
    if ((app.kind === 'service' || app.kind === 'web') && app.jwks.length === 0) {
      report(
        [...p, 'jwks'],
        `a ${app.kind} app authenticates with private_key_jwt: give its public JWK (never a client secret)`,
      );
    }
    if ((app.kind === 'spa' || app.kind === 'native') && app.jwks.length > 0) {
      report([...p, 'jwks'], `a ${app.kind} app is a public client (PKCE, no client authentication) and takes no keys`);
    }
  });
}

/** (That an app's grants are those its kind may use is checked by the app's own refinement in schema.ts.) */
function grantRules(app: AppConfig, p: Path, report: Report): void {
  if (app.kind !== 'service' && !app.grantTypes.includes('authorization_code')) {
    report([...p, 'grantTypes'], `a ${app.kind} app signs users in with authorization_code (+ PKCE)`);
  }
}

function assignmentRules(id: ManagedIdentity, app: AppConfig, p: Path, report: Report): void {
  const userFacing = app.kind !== 'service';
  if (userFacing && app.redirectUris.length === 0)
    report([...p, 'redirectUris'], 'a user-facing app needs at least one redirect URI');
  if (!userFacing && app.redirectUris.length + app.postLogoutRedirectUris.length > 0) {
    report([...p, 'redirectUris'], 'a service app has no redirect URIs');
  }
  if (userFacing && app.groups.length === 0)
    report([...p, 'groups'], 'assign at least one group (the assignment is complete: unlisted groups lose access)');
  if (!userFacing && app.groups.length > 0) report([...p, 'groups'], 'service apps have no user assignments');
  const groups = groupKeysOf(id);
  app.groups.forEach((g, j) => {
    if (!groups.has(g)) report([...p, 'groups', j], unknownGroupMessage(groups));
  });
}

function uriRules(app: AppConfig, p: Path, devEnv: boolean, report: Report): void {
  (['redirectUris', 'postLogoutRedirectUris'] as const).forEach((field) =>
    app[field].forEach((uri, j) => {
      const why = redirectUriProblem(uri, app.kind, devEnv);
      if (why) report([...p, field, j], why);
    }),
  );
  if (app.kind !== 'spa' && app.trustedOrigins.length > 0)
    report([...p, 'trustedOrigins'], 'only SPAs declare trusted origins');
  app.trustedOrigins.forEach((o, j) => {
    const why = originProblem(o, devEnv);
    if (why) report([...p, 'trustedOrigins', j], why);
  });
}

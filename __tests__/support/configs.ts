/** Test helpers: configs built from the defaults, and what parsing says of them (no cdktf loaded). */
import { ENVIRONMENTS } from '../../config/environments';
import { parseEnvironmentConfig, type ConfigProblem } from '../../config/load';
import type { EnvironmentConfigInput, EnvironmentName } from '../../config/schema';

/** A deep copy of an environment's default config, optionally changed by `edit`. */
export function configFor(env: EnvironmentName, edit?: (c: any) => void): EnvironmentConfigInput {
  const copy = structuredClone(ENVIRONMENTS[env]) as any;
  edit?.(copy);
  return copy;
}

/** The problems parsing reports for a config (empty when it is valid). */
export function problemsOf(env: EnvironmentName, input: unknown): readonly ConfigProblem[] {
  const r = parseEnvironmentConfig(env, input);
  return r.ok ? [] : r.problems;
}

/** A config where identity comes from an authorization server run elsewhere (no Okta resources). */
export function gatewayOnly(env: EnvironmentName): EnvironmentConfigInput {
  return configFor(env, (c) => {
    c.identity = {
      mode: 'external',
      issuer: `https://acme-${env}.okta.com/oauth2/aus1example0000000000`,
      audience: `api://acme-${env}`,
      scopes: ['profile:read', 'orders:read', 'orders:write', 'payments:write', 'admin:write', 'reports:read'],
    };
    // The Okta org's owners run the log stream; this stack only receives it.
    if (c.audit?.oktaLogStream) {
      c.audit.oktaLogStream = { partnerEventSourceName: `aws.partner/okta.com/acme-${env}/identity-gateway-${env}` };
    }
  });
}

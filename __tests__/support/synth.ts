/** Test helpers: build configs from the defaults and synthesize them the way the app does. */
import { Testing } from 'cdktf';
import { ENVIRONMENTS } from '../../config/environments';
import { loadEnvironmentConfig, parseEnvironmentConfig, type ConfigProblem } from '../../config/load';
import type { EnvironmentConfigInput, EnvironmentName } from '../../config/schema';
import { IdentityGatewayStack, stackName } from '../../stacks/identity-gateway-stack';

export type TfJson = {
  terraform: Record<string, any>;
  provider?: Record<string, any[]>;
  resource: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, any>;
};

/** A deep copy of an environment's default config, optionally changed by `edit`. */
export function configFor(env: EnvironmentName, edit?: (c: any) => void): EnvironmentConfigInput {
  const copy = structuredClone(ENVIRONMENTS[env]) as any;
  edit?.(copy);
  return copy;
}

/** Synthesizes one environment (validations on) and returns its Terraform JSON. */
export function synthStack(env: EnvironmentName, input: EnvironmentConfigInput = configFor(env)): TfJson {
  const config = loadEnvironmentConfig(env, input);
  const app = Testing.app();
  const stack = new IdentityGatewayStack(app, stackName(env), { config, version: '0.0.0-test' });
  return JSON.parse(Testing.synth(stack, true));
}

/** The problems parsing reports for a config (empty when it is valid). */
export function problemsOf(env: EnvironmentName, input: unknown): readonly ConfigProblem[] {
  const r = parseEnvironmentConfig(env, input);
  return r.ok ? [] : r.problems;
}

/** Resources of a type as [name, attributes] pairs. */
export function resources(json: TfJson, type: string): [string, any][] {
  return Object.entries(json.resource[type] ?? {});
}

/** A `${type.name.attr}` reference string. */
export const ref = (type: string, name: string, attr: string) => `\${${type}.${name}.${attr}}`;

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

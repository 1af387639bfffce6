/** Synthesizes one environment in-process, the way the app builds it (loads cdktf and the provider bindings). */
import { Testing } from 'cdktf';
import { loadEnvironmentConfig } from '../../config/load';
import type { EnvironmentConfigInput, EnvironmentName } from '../../config/schema';
import { IdentityGatewayStack, stackName } from '../../stacks/identity-gateway-stack';
import { configFor } from './configs';
import type { TfJson } from './tf-json';

/**
 * Synthesizes one environment (validations on) and returns its Terraform JSON; with `declarations`, the JSON as
 * `npm run synth` writes it, the `//` declarations block included (Testing.synth leaves it out).
 */
export function synthStack(
  env: EnvironmentName,
  input: EnvironmentConfigInput = configFor(env),
  options: { readonly declarations?: boolean } = {},
): TfJson {
  const config = loadEnvironmentConfig(env, input);
  const app = Testing.app();
  const stack = new IdentityGatewayStack(app, stackName(env), { config, version: '0.0.0-test' });
  const json = Testing.synth(stack, true);
  return options.declarations ? JSON.parse(JSON.stringify(stack.toTerraform())) : JSON.parse(json);
}

/** Synthesizes one environment in-process, the way the app builds it (loads cdktf and the provider bindings). */
import { Testing } from 'cdktf';
import { loadEnvironmentConfig } from '../../config/load';
import type { EnvironmentConfigInput, EnvironmentName } from '../../config/schema';
import { IdentityGatewayStack, stackName } from '../../stacks/identity-gateway-stack';
import { configFor } from './configs';
import type { TfJson } from './tf-json';

/** Synthesizes one environment (validations on) and returns its Terraform JSON. */
export function synthStack(env: EnvironmentName, input: EnvironmentConfigInput = configFor(env)): TfJson {
  const config = loadEnvironmentConfig(env, input);
  const app = Testing.app();
  const stack = new IdentityGatewayStack(app, stackName(env), { config, version: '0.0.0-test' });
  return JSON.parse(Testing.synth(stack, true));
}

/** Test helpers for one construct in a test stack: no config, no environment, no other constructs. */
import { Testing, TerraformStack } from 'cdktf';
import type { TfJson } from './synth';

/** An empty stack in a fresh test app. */
export const testStack = (): TerraformStack => new TerraformStack(Testing.app(), 'test');

/** Builds constructs into a fresh test stack and returns its Terraform JSON. */
export function synthConstruct(build: (stack: TerraformStack) => void): TfJson {
  const stack = testStack();
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

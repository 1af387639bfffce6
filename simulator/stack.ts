/**
 * The simulator's view of a stack is the read model (synthesized/read-model.ts), built once per StackModel:
 * `SimStack.of(model)` gives its groups, network zones, apps with their assignments and sign-on policy,
 * ordered policies and rules, authorization servers and routes. What only the simulator derives from it
 * is kept here, once per stack too.
 */
import { ReadModel } from '../synthesized/read-model';
import { verificationOf, type Verification } from './signins';

export { EVERYONE, ReadModel as SimStack } from '../synthesized/read-model';

const verifications = new WeakMap<ReadModel, Verification>();

/** Whether each authenticator verifies the user (biometrics or PIN) in this stack, read once per stack. */
export function verificationIn(sim: ReadModel): Verification {
  let v = verifications.get(sim);
  if (!v) verifications.set(sim, (v = verificationOf(sim.model.resources('okta_authenticator'))));
  return v;
}

import type { ITerraformDependable } from 'cdktf';

/**
 * Creates a rule list in order with unique priorities from 1, each rule depending on the one before, so
 * Okta never reorders them (it renumbers priorities of rules created concurrently).
 */
export function chainByPriority<S, R extends ITerraformDependable>(
  specs: readonly S[],
  create: (spec: S, priority: number, dependsOn: ITerraformDependable[] | undefined) => R,
): R[] {
  const created: R[] = [];
  specs.forEach((spec, i) => created.push(create(spec, i + 1, i > 0 ? [created[i - 1]] : undefined)));
  return created;
}

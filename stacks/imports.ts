/**
 * Adoption: each entry of an environment's imports file (config/imports/<env>.json, parsed by
 * config/imports.ts) becomes a Terraform `import` block at the top level of cdk.tf.json,
 * `"import": [{ "to": "<address>", "id": "<id>" }]` (Terraform >= 1.5), so the first plan shows "import"
 * instead of "create" for an object that already exists. The blocks are written as a stack override, in the
 * file's order, rather than with cdktf's `importFrom`: that renders the same block but validates each one by
 * running `terraform version` during synthesis (about 85 ms each, and a call home unless
 * CHECKPOINT_DISABLE is set), and `npm run synth` needs neither terraform nor the network. An address the
 * stack no longer has is a problem naming it and the addresses of that type there are.
 */
import { TerraformResource, type TerraformStack } from 'cdktf';
import type { ConfigProblem } from '../config/load';
import type { ImportBlock } from '../domain/imports';
import { importsFile } from '../domain/imports';

/** Adds the imports to the stack's resources; the problems when an address is not a resource of the stack. */
export function applyImports(
  stack: TerraformStack,
  environment: string,
  imports: readonly ImportBlock[],
): ConfigProblem[] {
  if (imports.length === 0) return [];
  const resources = new Map<string, TerraformResource>();
  for (const c of stack.node.findAll())
    if (c instanceof TerraformResource) resources.set(`${c.terraformResourceType}.${c.friendlyUniqueId}`, c);
  const problems: ConfigProblem[] = [];
  const adopt: [TerraformResource, string][] = [];
  imports.forEach(({ to, id }, i) => {
    const resource = resources.get(to);
    if (resource) {
      adopt.push([resource, id]);
      return;
    }
    const type = to.split('.')[0];
    const same = [...resources.keys()].filter((a) => a.startsWith(`${type}.`)).sort();
    const there = same.length
      ? `; its ${type} resources: ${same.slice(0, 5).join(', ')}${same.length > 5 ? `, ... (${same.length})` : ''}`
      : `; it has no ${type} resource`;
    problems.push({
      environment,
      path: `imports[${i}].to`,
      received: JSON.stringify(to),
      message:
        `no resource at this address in ${stack.node.id} (renamed or removed since the import was written?)` +
        `${there}. Run npm run preflight -- --env ${environment} --write-imports again (${importsFile(environment)})`,
    });
  });
  if (problems.length === 0 && adopt.length > 0)
    stack.addOverride(
      'import',
      adopt.map(([resource, id]) => ({ to: `${resource.terraformResourceType}.${resource.friendlyUniqueId}`, id })),
    );
  return problems;
}

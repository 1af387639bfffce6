/**
 * Adoption: each entry of an environment's imports file (config/imports/<env>.json, parsed by
 * config/imports.ts) becomes a Terraform `import` block through cdktf's `importFrom` on the resource at that
 * address, so the first plan shows "import" instead of "create" for an object that already exists. cdktf
 * renders it at the top level of cdk.tf.json as `"import": [{ "to": "<address>", "id": "<id>" }]` and lists
 * the address under `//.metadata.imports`; Terraform >= 1.5 plans it, and cdktf checks that version when the
 * stack is synthesized (importFrom adds a `terraform version` validation). An address the stack no longer
 * has is a problem naming it and the addresses of that type there are.
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
  if (problems.length === 0) for (const [resource, id] of adopt) resource.importFrom(id);
  return problems;
}

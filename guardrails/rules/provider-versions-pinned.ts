import { defineRule, NOT_APPLICABLE, verdict, type RuleFinding } from '../rule';
import { isObject } from '../../synthesized/model';

export default defineRule({
  id: 'ST-03',
  name: 'provider-versions-pinned',
  severity: 'error',
  title: 'Every required provider is pinned to an exact version',
  why:
    'A range lets `terraform init` pick a newer provider with different defaults ' +
    'or a changed schema: the same code plans differently on another machine.',
  source: 'Terraform docs: Version constraints (pin providers in root modules)',
  fix: 'Pin the provider package (cdktf bindings carry the exact provider version).',
  check: (stack) => {
    const req = stack.terraform.required_providers;
    if (!isObject(req) || Object.keys(req).length === 0) return NOT_APPLICABLE;
    const f: RuleFinding[] = [];
    for (const [name, spec] of Object.entries(req)) {
      const version = isObject(spec) ? spec.version : spec;
      if (typeof version !== 'string' || !/^=?\s*\d+\.\d+\.\d+$/.test(version.trim())) {
        f.push({
          address: stack.stackName,
          message: `provider ${name} version ${JSON.stringify(version ?? null)} is not an exact version`,
        });
      }
    }
    return verdict(f);
  },
});

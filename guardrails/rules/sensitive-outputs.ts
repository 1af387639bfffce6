import { defineRule, NOT_APPLICABLE, verdict, type RuleFinding } from '../rule';
import { isReference, strings } from '../../synthesized/model';
import { CREDENTIAL_PATTERNS, isTrue, SECRET_NAME } from '../../synthesized/facts';

export default defineRule({
  id: 'ST-06',
  name: 'sensitive-outputs',
  severity: 'error',
  title: 'Outputs that carry secrets are marked sensitive',
  why:
    'Outputs are printed after every apply and land in CI logs; only ' +
    'sensitive = true keeps a client secret or token out of them.',
  source: 'Terraform docs: Output values (sensitive)',
  fix: 'Mark the output sensitive, or better, do not output the secret.',
  check: (stack) => {
    const outputs = Object.entries(stack.outputs);
    if (outputs.length === 0) return NOT_APPLICABLE;
    const f: RuleFinding[] = [];
    for (const [name, o] of outputs) {
      if (isTrue(o.sensitive)) continue;
      const secretRef = stack.references(o.value).find((r) => SECRET_NAME.test(r.attribute));
      const literal = strings(o.value).find((s) => !isReference(s) && CREDENTIAL_PATTERNS.some(([, p]) => p.test(s)));
      if (secretRef)
        f.push({
          address: `output.${name}`,
          message: `carries ${secretRef.address}.${secretRef.attribute} and is not sensitive`,
        });
      else if (literal)
        f.push({ address: `output.${name}`, message: 'carries a credential-looking literal and is not sensitive' });
    }
    return verdict(f);
  },
});

import { defineRule, NOT_APPLICABLE, verdict, type RuleFinding } from '../rule';
import { stringList } from '../../synthesized/model';
import { isProd } from '../../synthesized/facts';

export default defineRule({
  id: 'ST-04',
  name: 'prod-allowed-account-ids',
  severity: 'error',
  title: 'The prod AWS provider sets allowed_account_ids',
  why:
    'With credentials for the wrong account in the environment, ' +
    'terraform would happily create (or destroy) prod resources there.',
  source: 'Terraform AWS provider docs: allowed_account_ids',
  fix: 'Set aws.allowedAccountIds in the prod config.',
  check: (stack) => {
    const providers = stack.providers('aws');
    if (!isProd(stack) || providers.length === 0) return NOT_APPLICABLE;
    const f: RuleFinding[] = [];
    providers.forEach((p, i) => {
      if (stringList(p.allowed_account_ids).length === 0)
        f.push({
          address: `provider.aws${p.alias ? `.${String(p.alias)}` : i ? `[${i}]` : ''}`,
          message: 'allowed_account_ids is not set',
        });
    });
    return verdict(f);
  },
});

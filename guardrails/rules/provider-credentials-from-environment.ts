import { defineRule, NOT_APPLICABLE, verdict, type RuleFinding } from '../rule';
import { isObject } from '../../synthesized/model';

/** Provider arguments that carry credentials. */
const CREDENTIAL_ARGS: Record<string, string[]> = {
  okta: ['api_token', 'private_key', 'private_key_id', 'access_token', 'client_secret'],
  aws: ['access_key', 'secret_key', 'token'],
};

export default defineRule({
  id: 'ST-07',
  name: 'provider-credentials-from-environment',
  severity: 'error',
  title: 'Provider credentials come from the environment, never from the configuration',
  why:
    'A credential argument in a provider block is written into the synthesized JSON ' +
    '(and, for Okta, into every plan): anyone with the repo or a CI artifact has the org.',
  source:
    'okta provider docs: Authentication (OKTA_API_TOKEN, ' +
    'OKTA_API_PRIVATE_KEY); Terraform AWS provider docs: credentials chain',
  fix:
    'Remove the argument; set OKTA_API_TOKEN / OKTA_API_PRIVATE_KEY ' +
    'or the AWS credential chain where terraform runs.',
  check: (stack) => {
    const providers = isObject(stack.json.provider) ? Object.keys(stack.json.provider) : [];
    if (providers.length === 0) return NOT_APPLICABLE;
    const f: RuleFinding[] = [];
    for (const name of providers) {
      for (const p of stack.providers(name)) {
        for (const arg of CREDENTIAL_ARGS[name] ?? []) {
          if (p[arg] !== undefined)
            f.push({ address: `provider.${name}`, message: `${arg} is set in the provider block` });
        }
      }
    }
    return verdict(f);
  },
});

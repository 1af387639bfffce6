import { defineRule, NOT_APPLICABLE, on, verdict, type RuleFinding } from '../rule';
import { attr } from '../../synthesized/model';
import { isTrue, str, target } from '../../synthesized/facts';

export default defineRule({
  id: 'GW-16',
  name: 'custom-domain-tls',
  severity: 'error',
  title: 'A custom domain uses TLS 1.2 and its API disables the default execute-api endpoint',
  why:
    'The default endpoint bypasses whatever protects the custom domain ' +
    '(WAF, mTLS, CloudFront); older TLS policies allow downgrade attacks.',
  source: 'CKV_AWS_206 (API Gateway domain uses a modern security policy); AWS docs: disableExecuteApiEndpoint',
  fix:
    "Set security_policy = 'TLS_1_2' on the domain name and " +
    'disable_execute_api_endpoint = true on every mapped API.',
  check: (stack) => {
    const domains = stack.resources('aws_apigatewayv2_domain_name');
    const mappings = stack.resources('aws_apigatewayv2_api_mapping');
    if (domains.length === 0 && mappings.length === 0) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    for (const d of domains) {
      const policy = str(attr(d.attrs, 'domain_name_configuration', 'security_policy'));
      if (policy !== 'TLS_1_2') findings.push(on(d, `security_policy = ${policy ?? 'unset'}; expected TLS_1_2`));
    }
    for (const m of mappings) {
      const api = target(stack, m.attrs.api_id, 'aws_apigatewayv2_api');
      if (api && !isTrue(api.attrs.disable_execute_api_endpoint))
        findings.push(on(api, 'the API has a custom domain but keeps the execute-api endpoint enabled'));
    }
    return verdict(findings);
  },
});

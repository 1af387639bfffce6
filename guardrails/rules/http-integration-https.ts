import { defineRule, each, on } from '../rule';
import { isReference } from '../../synthesized/model';
import { str } from '../../synthesized/facts';

export default defineRule({
  id: 'GW-18',
  name: 'http-integration-https',
  severity: 'error',
  title: 'HTTP integrations call their back end over https',
  why: "The gateway forwards the caller's bearer token and data; over http both cross the network in clear text.",
  source: 'OWASP API8:2023 Security Misconfiguration (transport encryption)',
  fix: 'Use an https:// integration URL.',
  check: (stack) =>
    each(
      stack
        .resources('aws_apigatewayv2_integration')
        .filter(
          (i) =>
            ['HTTP_PROXY', 'HTTP'].includes(str(i.attrs.integration_type) ?? '') &&
            str(i.attrs.connection_type) !== 'VPC_LINK',
        ),
      (i) => {
        const uri = str(i.attrs.integration_uri) ?? '';
        return isReference(uri) || uri.startsWith('https://')
          ? undefined
          : on(i, `integration_uri ${uri} is not https`);
      },
    ),
});

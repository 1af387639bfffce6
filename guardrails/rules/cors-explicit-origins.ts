import { defineRule, each, on, type RuleFinding } from '../rule';
import { attr, stringList } from '../../synthesized/model';
import { isProd, isTrue } from '../../synthesized/facts';
import { originProblem } from '../../domain/oauth-clients';

export default defineRule({
  id: 'GW-15',
  name: 'cors-explicit-origins',
  severity: 'error',
  title: "CORS origins are explicit https origins: no '*', never with credentials",
  why:
    "A '*' origin lets any web page call the API from a user's browser; with " +
    'credentials it is refused by browsers or, worse, reflected by proxies.',
  source: 'OWASP API8:2023 Security Misconfiguration; AWS docs: Configuring CORS for an HTTP API',
  fix:
    'List each front-end origin (https://host[:port]) in ' +
    'gateway.cors.allowOrigins; http://localhost only outside prod.',
  check: (stack) =>
    each(
      stack.resources('aws_apigatewayv2_api').filter((api) => attr(api.attrs, 'cors_configuration') !== undefined),
      (api) => {
        const origins = stringList(attr(api.attrs, 'cors_configuration', 'allow_origins'));
        const credentials = isTrue(attr(api.attrs, 'cors_configuration', 'allow_credentials'));
        const findings: RuleFinding[] = [];
        for (const o of origins) {
          if (o.includes('*'))
            findings.push(
              on(
                api,
                credentials
                  ? `origin '${o}' with allow_credentials: any site could make credentialed calls`
                  : `origin '${o}' allows any site`,
              ),
            );
          else {
            const why = originProblem(o, !isProd(stack));
            if (why) findings.push(on(api, `origin '${o}': ${why}`));
          }
        }
        return findings;
      },
    ),
});

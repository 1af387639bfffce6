import { defineRule, each, on } from '../rule';
import { str } from '../../synthesized/facts';

export default defineRule({
  id: 'GW-11',
  name: 'lambda-permission-source-arn',
  severity: 'error',
  title: "Every Lambda permission for API Gateway is limited to the API's execution ARN",
  why: 'Without source_arn any API Gateway API in any account can invoke the function (confused deputy).',
  source: 'CKV_AWS_364 (Lambda permissions for AWS services limited by SourceArn)',
  fix: 'Set source_arn to "${aws_apigatewayv2_api.<api>.execution_arn}/*/*" (or narrower).',
  check: (stack) =>
    each(
      stack.resources('aws_lambda_permission').filter((p) => str(p.attrs.principal) === 'apigateway.amazonaws.com'),
      (p) => {
        const refs = stack.references(p.attrs.source_arn);
        const ok =
          refs.length > 0 && refs.every((r) => r.type === 'aws_apigatewayv2_api' && r.attribute === 'execution_arn');
        return ok
          ? undefined
          : on(p, `source_arn = ${JSON.stringify(p.attrs.source_arn ?? null)}; expected the API's execution_arn`);
      },
    ),
});

import { defineRule, each, on } from '../rule';
import { attr, isObject, strings } from '../../synthesized/model';

export default defineRule({
  id: 'GW-07',
  name: 'stage-access-logging',
  severity: 'error',
  title: "Every stage writes JSON access logs that include the authorizer's error",
  why:
    'Without access logs there is no record of who called what; without ' +
    '$context.authorizer.error a wave of 401s after an issuer change cannot be explained.',
  source: 'CKV_AWS_76 (API Gateway access logging); AWS docs: HTTP API logging variables',
  fix:
    'Set access_log_settings with a log group destination and a JSON ' +
    'format that includes requestId, status and $context.authorizer.error.',
  check: (stack) =>
    each(stack.resources('aws_apigatewayv2_stage'), (stage) => {
      const destination = attr(stage.attrs, 'access_log_settings', 'destination_arn');
      const format = attr(stage.attrs, 'access_log_settings', 'format');
      if (!destination || typeof format !== 'string') return on(stage, 'the stage has no access logging');
      let parsed: unknown;
      try {
        parsed = JSON.parse(format);
      } catch {
        return on(stage, 'the access-log format is not JSON');
      }
      if (!isObject(parsed as never)) return on(stage, 'the access-log format is not a JSON object');
      const values = strings(parsed as never);
      const missing = ['$context.requestId', '$context.status', '$context.authorizer.error'].filter(
        (v) => !values.includes(v),
      );
      return missing.length === 0 ? undefined : on(stage, `the access-log format lacks ${missing.join(', ')}`);
    }),
});

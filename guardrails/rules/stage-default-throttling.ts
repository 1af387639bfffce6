import { defineRule, each, on } from '../rule';
import { attr } from '../../synthesized/model';
import { num } from '../../synthesized/facts';

export default defineRule({
  id: 'GW-08',
  name: 'stage-default-throttling',
  severity: 'error',
  title: 'Every stage sets default throttling (burst and rate limits)',
  why:
    'Without stage limits one client can use the whole account quota (10,000 rps shared ' +
    'by every API in the region) and run up the bill of every integration behind it.',
  source: 'OWASP API4:2023 Unrestricted Resource Consumption; AWS docs: Throttling requests to your HTTP API',
  fix: 'Set gateway.throttling (burstLimit and rateLimit) in the config.',
  check: (stack) =>
    each(stack.resources('aws_apigatewayv2_stage'), (stage) => {
      const burst = num(attr(stage.attrs, 'default_route_settings', 'throttling_burst_limit'));
      const rate = num(attr(stage.attrs, 'default_route_settings', 'throttling_rate_limit'));
      return burst !== undefined && rate !== undefined && burst > 0 && rate > 0
        ? undefined
        : on(
            stage,
            `default_route_settings throttling is burst=${burst ?? 'unset'}, rate=${rate ?? 'unset'}; set both above 0`,
          );
    }),
});

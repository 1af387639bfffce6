import { defineRule, each, on, type RuleFinding } from '../rule';
import { attr } from '../../synthesized/model';
import { num } from '../../synthesized/facts';
import {
  HTTP_API_AUTHORIZER_QUOTA,
  HTTP_API_ROUTE_QUOTA,
  HTTP_API_STAGE_QUOTA,
  REGION_BURST_QUOTA,
  REGION_RATE_QUOTA,
} from '../../domain/aws';

const RAISE = 'request an increase in Service Quotas (service "Amazon API Gateway") before applying';

export default defineRule({
  id: 'GW-22',
  name: 'api-gateway-quotas',
  severity: 'warning',
  title: 'Each HTTP API stays within the API Gateway default quotas (routes, authorizers, stages, throttling)',
  why:
    'Past a quota the apply fails half-way (the API keeps some routes and not ' +
    'others), and stage limits above the account limit are silently capped at it.',
  source: 'AWS docs: Quotas for configuring and running an HTTP API in API Gateway',
  fix: `Split the API, or ${RAISE}; keep stage throttling within the account's per-Region limits.`,
  check: (stack) =>
    each(stack.resources('aws_apigatewayv2_api'), (api) => {
      const findings: RuleFinding[] = [];
      const count = (type: string, quota: number, what: string) => {
        const n = stack.referrers(type, 'api_id', api).length;
        if (n > quota) findings.push(on(api, `${n} ${what} exceed the quota "${what} per API" (${quota}): ${RAISE}`));
      };
      count('aws_apigatewayv2_route', HTTP_API_ROUTE_QUOTA, 'routes');
      count('aws_apigatewayv2_authorizer', HTTP_API_AUTHORIZER_QUOTA, 'authorizers');
      count('aws_apigatewayv2_stage', HTTP_API_STAGE_QUOTA, 'stages');
      for (const stage of stack.referrers('aws_apigatewayv2_stage', 'api_id', api)) {
        const burst = num(attr(stage.attrs, 'default_route_settings', 'throttling_burst_limit')) ?? 0;
        const rate = num(attr(stage.attrs, 'default_route_settings', 'throttling_rate_limit')) ?? 0;
        if (burst > REGION_BURST_QUOTA || rate > REGION_RATE_QUOTA) {
          findings.push(
            on(
              stage,
              `stage throttling burst=${burst}, rate=${rate} exceeds the account's per-Region quota ` +
                `(burst ${REGION_BURST_QUOTA}, ${REGION_RATE_QUOTA} requests per second): ${RAISE}`,
            ),
          );
        }
      }
      return findings;
    }),
});

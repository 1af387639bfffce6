import { defineRule, each, on } from '../rule';
import { num } from '../../synthesized/facts';

export default defineRule({
  id: 'GW-12',
  name: 'lambda-timeout-and-memory',
  severity: 'error',
  title: 'Lambda functions set timeout (at most 29 s behind the API) and memory explicitly',
  why:
    'The 3 s / 128 MB defaults are rarely right, and a timeout above the 30 s ' +
    'API Gateway limit returns 503 while the function keeps running (and billing).',
  source: 'AWS docs: Lambda quotas and HTTP API integration timeouts; OWASP API4:2023',
  fix: 'Set timeoutSeconds (1 to 29) and memorySizeMb on the HandlerFunction.',
  check: (stack) =>
    each(stack.resources('aws_lambda_function'), (fn) => {
      const timeout = num(fn.attrs.timeout);
      const memory = num(fn.attrs.memory_size);
      if (timeout === undefined || memory === undefined)
        return on(fn, `timeout = ${timeout ?? 'unset'}, memory_size = ${memory ?? 'unset'}; set both`);
      return timeout > 29 ? on(fn, `timeout = ${timeout} s exceeds the 30 s API Gateway integration limit`) : undefined;
    }),
});

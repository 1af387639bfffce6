import { defineRule, each, on, type RuleFinding } from '../rule';
import { attr, isObject, isReference } from '../../synthesized/model';
import { CREDENTIAL_PATTERNS, SECRET_NAME } from '../../synthesized/facts';

export default defineRule({
  id: 'GW-14',
  name: 'lambda-no-secret-env',
  severity: 'error',
  title: 'Lambda environment variables hold no secret-looking values',
  why:
    'Environment variables are plain text in the Terraform ' +
    'state, the plan, the synthesized JSON and the Lambda console.',
  source: 'CKV_AWS_45 (no hard-coded secrets in Lambda environment)',
  fix: 'Store the secret in Secrets Manager or SSM Parameter Store and pass its ARN or name instead.',
  check: (stack) =>
    each(stack.resources('aws_lambda_function'), (fn) => {
      const vars = attr(fn.attrs, 'environment', 'variables');
      if (!isObject(vars)) return undefined;
      const findings: RuleFinding[] = [];
      for (const [name, value] of Object.entries(vars)) {
        if (typeof value !== 'string' || isReference(value)) continue;
        const looksLike = CREDENTIAL_PATTERNS.find(([, p]) => p.test(value));
        if (looksLike) findings.push(on(fn, `environment variable ${name} holds ${looksLike[0]}`));
        else if (SECRET_NAME.test(name) && !/^(arn:|\/)/.test(value) && value.length >= 8) {
          findings.push(on(fn, `environment variable ${name} looks like a secret value`));
        }
      }
      return findings;
    }),
});

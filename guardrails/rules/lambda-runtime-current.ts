import { defineRule, each, on } from '../rule';
import { str } from '../../synthesized/facts';

/** Runtimes AWS supports without a published deprecation date before 2027. */
export const CURRENT_RUNTIMES = [
  'nodejs22.x',
  'nodejs24.x',
  'python3.11',
  'python3.12',
  'python3.13',
  'python3.14',
  'java17',
  'java21',
  'java25',
  'dotnet8',
  'dotnet10',
  'ruby3.3',
  'ruby3.4',
  'provided.al2023',
];

export default defineRule({
  id: 'GW-13',
  name: 'lambda-runtime-current',
  severity: 'error',
  title: 'Lambda functions use a current runtime',
  why:
    'Deprecated runtimes get no security patches, and AWS blocks creating ' +
    'and then updating functions that use them: the next deploy fails.',
  source: 'CKV_AWS_363 (deprecated Lambda runtime); AWS docs: Lambda runtime deprecation policy',
  fix: `Use one of ${CURRENT_RUNTIMES.join(', ')}.`,
  check: (stack) =>
    each(
      stack.resources('aws_lambda_function').filter((fn) => str(fn.attrs.package_type) !== 'Image'),
      (fn) => {
        const runtime = str(fn.attrs.runtime);
        return runtime && CURRENT_RUNTIMES.includes(runtime)
          ? undefined
          : on(fn, `runtime ${runtime ?? '(unset)'} is not current`);
      },
    ),
});

/**
 * Rules over all environments at once. What two environments may share, and why:
 * - an Okta org: never, when both manage it (identity.mode 'managed'). Authenticators, the default MFA and
 *   password policies, the global session policy and group names are org-wide: two stacks (two states)
 *   would overwrite each other's settings on every apply, e.g. dev's MFA phase undoing staging's. Prod may
 *   not even share its org with a gateway-only environment;
 * - an AWS account with prod: never (a copy-paste that points prod's apply at dev's resources, or dev's at
 *   prod's);
 * - an AWS account between dev and staging: allowed, with a warning. A shared non-production account is a
 *   common, deliberate layout; the stacks keep separate state keys and name every resource after
 *   gateway.apiName. It is an error only when both use one apiName (IAM role names are account-wide).
 * State never clashes: S3 keys end in the stack name, and only dev may keep local state.
 */
import type { ConfigProblem } from './load';
import type { EnvironmentConfig } from './schema';

/** Errors (the later environment gets no stack) and warnings (printed; synthesis goes on). */
export interface CrossEnvironmentResult {
  readonly errors: readonly ConfigProblem[];
  readonly warnings: readonly ConfigProblem[];
}

const orgOf = (c: EnvironmentConfig) => `${c.okta.orgName}.${c.okta.baseUrl}`;
const managed = (c: EnvironmentConfig) => c.identity.mode === 'managed';

/** Every pair of parsed environments compared; a problem is reported on prod, else on the later of the two. */
export function crossEnvironmentProblems(configs: Readonly<Record<string, EnvironmentConfig>>): CrossEnvironmentResult {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const names = Object.keys(configs);
  names.forEach((a, i) =>
    names.slice(i + 1).forEach((b) => {
      const [subject, other] = a === 'prod' ? [a, b] : [b, a];
      const s = configs[subject];
      const o = configs[other];
      const problem = (path: string, received: unknown, message: string): ConfigProblem => ({
        environment: subject,
        path,
        received: JSON.stringify(received),
        message,
      });
      const bothManaged = managed(s) && managed(o);
      if (orgOf(s) === orgOf(o) && (bothManaged || (subject === 'prod' && managed(s)))) {
        errors.push(
          problem(
            'okta.orgName',
            s.okta.orgName,
            `is ${other}'s Okta org (${orgOf(o)}); ${subject} has an org of its own` +
              (subject === 'prod'
                ? ''
                : ": two stacks managing one org overwrite each other's authenticators, " +
                  'default policies and groups on every apply'),
          ),
        );
      }
      s.aws.allowedAccountIds.forEach((account, k) => {
        if (!o.aws.allowedAccountIds.includes(account)) return;
        const path = `aws.allowedAccountIds[${k}]`;
        if (subject === 'prod') {
          errors.push(problem(path, account, `is ${other}'s AWS account; ${subject} has an account of its own`));
        } else if (s.gateway.apiName === o.gateway.apiName) {
          errors.push(
            problem(
              path,
              account,
              `is also ${other}'s AWS account, and both name their resources '${s.gateway.apiName}' ` +
                '(gateway.apiName): the IAM roles, Lambda functions and log groups would clash; ' +
                'give each environment its own apiName or account',
            ),
          );
        } else {
          warnings.push(
            problem(
              path,
              account,
              `is also ${other}'s AWS account: allowed for non-production environments, but the deploy ` +
                `credentials of either can change the other's resources`,
            ),
          );
        }
      });
    }),
  );
  return { errors, warnings };
}

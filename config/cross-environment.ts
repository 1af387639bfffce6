/**
 * Rules over all environments at once: prod must not share an Okta org or an AWS account with another
 * environment (a copy-paste that would point prod's apply at dev's resources, or dev's at prod's).
 */
import type { ConfigProblem } from './load';
import type { EnvironmentConfig } from './schema';

/** Problems of prod against every other parsed environment (empty when prod is not among them). */
export function crossEnvironmentProblems(configs: Readonly<Record<string, EnvironmentConfig>>): ConfigProblem[] {
  const prod = configs.prod;
  if (!prod) return [];
  const problems: ConfigProblem[] = [];
  const orgOf = (c: EnvironmentConfig) => `${c.okta.orgName}.${c.okta.baseUrl}`;
  for (const [environment, other] of Object.entries(configs)) {
    if (environment === 'prod') continue;
    if (prod.identity.mode === 'managed' && orgOf(other) === orgOf(prod)) {
      problems.push({
        environment: 'prod',
        path: 'okta.orgName',
        received: JSON.stringify(prod.okta.orgName),
        message: `is ${environment}'s Okta org (${orgOf(other)}); prod has an org of its own`,
      });
    }
    prod.aws.allowedAccountIds.forEach((account, i) => {
      if (other.aws.allowedAccountIds.includes(account)) {
        problems.push({
          environment: 'prod',
          path: `aws.allowedAccountIds[${i}]`,
          received: JSON.stringify(account),
          message: `is ${environment}'s AWS account; prod has an account of its own`,
        });
      }
    });
  }
  return problems;
}

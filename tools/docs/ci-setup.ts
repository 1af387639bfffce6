/**
 * The generated parts of docs/deploy-pipeline.md that say what CI needs: the Okta API scopes each
 * environment's stack requests (read for plan and drift, write for apply), the AWS permissions of the plan
 * and deploy roles, and the numbered "set up CI for this repository" procedure, whose GitHub environments,
 * secrets and variables are read from the workflows themselves. Each comes from the default environments'
 * synthesized stacks and .github/workflows, so a new resource type, scope, secret or variable changes the
 * doc, and __tests__/docs.test.ts fails until it is regenerated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ciRolePolicy, type CiRole, type PolicyDocument } from '../../release/ci-access';
import { readOktaApiScopes } from '../../release/okta-scopes';
import { PARITY_SCOPES, PREFLIGHT_SCOPES } from '../../release/org/scopes';
import { PROMOTION_ORDER } from '../../release/records';
import { stackName } from '../../domain/stack-names';

/** The synthesized JSON of each default environment, in promotion order. */
export type Stacks = ReadonlyArray<readonly [environment: string, json: Record<string, any>]>;

export function readStacks(outdir: string): Stacks {
  return PROMOTION_ORDER.map((env) => {
    const file = join(outdir, 'stacks', stackName(env), 'cdk.tf.json');
    return [env, JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>] as const;
  });
}

const code = (s: string) => `\`${s}\``;
const list = (xs: readonly string[]) => (xs.length ? xs.map(code).join(', ') : '—');

/** Per environment: the scopes plan and drift ask for, and those the apply job asks for. */
export function oktaScopesTable(stacks: Stacks): string {
  const rows = stacks.map(([env, json]) => {
    const scopes = readOktaApiScopes(stackName(env), json);
    if (!scopes) return `| ${env} | — (no Okta half) | — |`;
    return `| ${env} | ${list(scopes.read)} | ${list(scopes.write)} |`;
  });
  const missing = (xs: readonly string[], have: (s: string) => boolean) => xs.filter((x) => !have(x));
  const readOnly = new Set(stacks.flatMap(([env, json]) => readOktaApiScopes(stackName(env), json)?.read ?? []));
  return [
    '| Environment | Read-only app: plan and drift jobs | Deploy app: apply job |',
    '| --- | --- | --- |',
    ...rows,
    '',
    'The tools that read the live org ask for read scopes of their own, whatever `OKTA_API_SCOPES` holds: the',
    `preflight the apply job runs asks the **deploy app** for ${list(PREFLIGHT_SCOPES)} (grant it these`,
    'read scopes beside its write scopes: the token request names each scope), and parity,',
    `after the dev apply, asks the **read-only app** for ${list(PARITY_SCOPES)}` +
      (missing(PARITY_SCOPES, (x) => readOnly.has(x)).length
        ? ` (beyond its column: ${list(missing(PARITY_SCOPES, (x) => readOnly.has(x)))}).`
        : ' (all in its column).'),
    '',
  ].join('\n');
}

function policyTable(policy: PolicyDocument): string[] {
  const condition = (c: PolicyDocument['Statement'][number]['Condition']) =>
    c
      ? Object.entries(c)
          .flatMap(([op, kv]) => Object.entries(kv).map(([k, v]) => `${op} ${code(k)} = ${list(v)}`))
          .join('; ')
      : '';
  return [
    '| Sid | Actions | Resources |',
    '| --- | --- | --- |',
    ...policy.Statement.map((s) => {
      const when = condition(s.Condition);
      return `| ${s.Sid} | ${list(s.Action)} | ${list(s.Resource)}${when ? ` (when ${when})` : ''} |`;
    }),
  ];
}

const ROLE_TITLES: Readonly<Record<CiRole, string>> = {
  plan: 'plan role (`AWS_PLAN_ROLE_ARN`: plan and drift jobs, read-only)',
  deploy: 'deploy role (`AWS_DEPLOY_ROLE_ARN`: apply job)',
};

/** Per environment and role, the policy statements (RELEASE_RECORDS_URI as a placeholder). */
export function awsPermissions(stacks: Stacks): string {
  const out: string[] = [];
  for (const [env, json] of stacks) {
    for (const role of ['plan', 'deploy'] as const) {
      out.push(`**${env}, ${ROLE_TITLES[role]}**`, '');
      out.push(...policyTable(ciRolePolicy(role, { environment: env, json })), '');
    }
  }
  return out.join('\n');
}

type Job = { environment?: string; strategy?: { matrix?: Record<string, unknown[]> }; uses?: string; with?: any };
type Workflow = { jobs: Record<string, Job> };

/** One GitHub environment and what the workflows need there. */
export interface GithubEnvironment {
  readonly name: string;
  /** `workflow file (job id)` of each job that runs in it. */
  readonly usedBy: readonly string[];
  readonly secrets: readonly string[];
  readonly variables: readonly string[];
}

/** The GitHub environments the workflows run jobs in, with the secrets and variables those jobs reference. */
export function githubEnvironments(workflowsDir: string): {
  environments: GithubEnvironment[];
  repositorySecrets: string[];
} {
  const workflows = Object.fromEntries(
    readdirSync(workflowsDir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => [f, parse(readFileSync(join(workflowsDir, f), 'utf8')) as Workflow]),
  );
  const callers = Object.values(workflows).flatMap((wf) => Object.values(wf.jobs));
  const found = new Map<string, { usedBy: Set<string>; secrets: Set<string>; variables: Set<string> }>();
  const repositorySecrets = new Set<string>();
  for (const [file, wf] of Object.entries(workflows)) {
    for (const [id, job] of Object.entries(wf.jobs)) {
      // Secrets a caller passes by name to a reusable workflow are the repository's.
      if (job.uses) for (const m of JSON.stringify(job).matchAll(/secrets\.(\w+)/g)) repositorySecrets.add(m[1]);
      if (!job.environment) continue;
      const values = [
        ...((job.strategy?.matrix?.environment as string[] | undefined) ?? []),
        ...callers.filter((c) => c.uses === `./.github/workflows/${file}`).map((c) => String(c.with?.environment)),
      ];
      const text = JSON.stringify(job);
      for (const env of values) {
        const name = job.environment.replace(/\$\{\{\s*(inputs|matrix)\.environment\s*\}\}/, env);
        const entry = found.get(name) ?? { usedBy: new Set(), secrets: new Set(), variables: new Set() };
        entry.usedBy.add(`${file} (${id})`);
        for (const m of text.matchAll(/\$\{\{\s*secrets\.(\w+)\s*\}\}/g)) entry.secrets.add(m[1]);
        for (const m of text.matchAll(/\$\{\{\s*vars\.(\w+)\s*\}\}/g)) entry.variables.add(m[1]);
        found.set(name, entry);
      }
    }
  }
  const order = (name: string) => {
    const [env, plan] = name.split(/-(?=plan$)/);
    return PROMOTION_ORDER.indexOf(env as (typeof PROMOTION_ORDER)[number]) * 2 + (plan ? 0 : 1);
  };
  const environments = [...found.entries()]
    .sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : 1))
    .map(([name, e]) => ({
      name,
      usedBy: [...e.usedBy].sort(),
      // Repository secrets passed by name are not the environment's own.
      secrets: [...e.secrets].filter((s) => !repositorySecrets.has(s)).sort(),
      variables: [...e.variables].sort(),
    }));
  return { environments, repositorySecrets: [...repositorySecrets].sort() };
}

/** What to put in each secret, by name. */
const SECRET_VALUES: Readonly<Record<string, string>> = {
  OKTA_READ_PRIVATE_KEY: "the read-only service app's private key (PEM)",
  OKTA_DEPLOY_PRIVATE_KEY: "the deploy service app's private key (PEM)",
};

/** What to put in each variable, by name. */
const VARIABLE_VALUES: Readonly<Record<string, (env: string, json: Record<string, any>) => string>> = {
  AWS_REGION: (_env, json) => code(json.provider?.aws?.[0]?.region ?? 'the region'),
  AWS_PLAN_ROLE_ARN: (_env, json) =>
    `the plan role, ${code(`arn:aws:iam::${json.provider?.aws?.[0]?.allowed_account_ids?.[0] ?? 'ACCOUNT'}:role/…`)}`,
  AWS_DEPLOY_ROLE_ARN: (_env, json) =>
    `the deploy role, ${code(`arn:aws:iam::${json.provider?.aws?.[0]?.allowed_account_ids?.[0] ?? 'ACCOUNT'}:role/…`)}`,
  RELEASE_RECORDS_URI: () => 'the records prefix of step 2, the same in every environment',
  OKTA_READ_CLIENT_ID: () => "the read-only service app's client ID",
  OKTA_READ_PRIVATE_KEY_ID: () => "the `kid` of the read-only app's public key",
  OKTA_DEPLOY_CLIENT_ID: () => "the deploy service app's client ID",
  OKTA_DEPLOY_PRIVATE_KEY_ID: () => "the `kid` of the deploy app's public key",
  MAX_PLAN_AGE_MINUTES: () => 'optional: minutes a saved plan stays appliable (default 120)',
};

/** The numbered procedure: from nothing to a first deploy. */
export function ciSetupProcedure(stacks: Stacks, workflowsDir: string): string {
  const { environments, repositorySecrets } = githubEnvironments(workflowsDir);
  const jsonOf = (name: string) => stacks.find(([env]) => env === name.replace(/-plan$/, ''))?.[1] ?? {};
  const state = stacks.map(([env, json]) => {
    const s3 = json.terraform?.backend?.s3;
    const account = json.provider?.aws?.[0]?.allowed_account_ids?.join(', ') ?? '—';
    const where = s3 ? `${code(`s3://${s3.bucket}/${s3.key}`)} (${s3.region})` : 'local state: CI does not apply it';
    return `   | ${env} | ${account} | ${where} | ${s3?.kms_key_id ? code(s3.kms_key_id) : '—'} |`;
  });
  const okta = stacks.map(([env, json]) => {
    const p = json.provider?.okta?.[0];
    return `   | ${env} | ${p ? code(`${p.org_name}.${p.base_url}`) : '— (no Okta half)'} |`;
  });
  // Okta lets only a super administrator assign admin roles (okta_group_role).
  const rolesBound = stacks.filter(([, json]) => json.resource?.okta_group_role).map(([env]) => env);
  const envItems = environments.flatMap((e) => {
    const plan = e.name.endsWith('-plan');
    const protection = plan
      ? 'no reviewers (read-only)'
      : e.name === 'dev'
        ? 'reviewers optional'
        : '**required reviewers**, prevent self-review';
    const json = jsonOf(e.name);
    const describe = (kind: string, name: string, what: string | undefined) => {
      if (what === undefined)
        throw new Error(`the workflows use the ${kind} ${name}: say what it holds in tools/docs/ci-setup.ts`);
      return `     - ${kind} ${code(name)}: ${what}`;
    };
    return [
      `   - ${code(e.name)}: ${protection}; used by ${e.usedBy.join(', ')}`,
      ...e.secrets.map((n) => describe('secret', n, SECRET_VALUES[n])),
      ...e.variables.map((n) => describe('variable', n, VARIABLE_VALUES[n]?.(e.name, json))),
    ];
  });
  return [
    '1. **State buckets.** The bucket and KMS key each stack names in its S3 backend (from',
    "   `config/environments/`), in the environment's AWS account: versioning on, public access blocked.",
    '',
    '   | Environment | AWS account | State | KMS key |',
    '   | --- | --- | --- | --- |',
    ...state,
    '',
    '2. **Records bucket.** One S3 prefix for the convergence records and the artifacts each environment',
    '   applied, e.g. `s3://acme-identity-gateway-releases/records/` (versioning on; it must outlive every',
    '   run). It is the `RELEASE_RECORDS_URI` variable of step 6.',
    '',
    "3. **AWS roles.** In each environment's account: GitHub's OIDC identity provider",
    '   (`token.actions.githubusercontent.com`, audience `sts.amazonaws.com`) and two roles with the',
    '   policies under [AWS permissions of the CI roles](#aws-permissions-of-the-ci-roles)',
    '   (`npm run release -- iam-policy --env <env> --role plan|deploy --records-uri <uri>` prints them).',
    '   The plan role trusts only `sub` = `repo:<owner>/<repo>:environment:<env>-plan`, the deploy role only',
    '   `repo:<owner>/<repo>:environment:<env>`: the deploy role is out of reach of any job outside the',
    '   reviewed environment.',
    '',
    '4. **Okta service apps.** In each org, two API service apps (OAuth 2.0 client credentials, public key /',
    '   private key JWT; generate each key pair yourself and keep the private key only in GitHub): a',
    '   read-only app granted the read scopes of [Okta API scopes](#okta-api-scopes) and the Read-Only',
    "   Administrator role, and a deploy app granted the write scopes, the preflight's read scopes and an",
    '   admin role that can manage those resources (Okta checks the scope and the role). The provider asks',
    '   for exactly the scopes the job exports (`tools/ci/okta-scopes.sh`), the preflight and parity for',
    '   theirs, so an app missing one is refused with the scope named.',
    ...(rolesBound.length
      ? [
          `   Where the stack binds admin roles (\`okta_group_role\`: ${rolesBound.join(', ')}), only a Super`,
          '   Administrator may assign them: the deploy app needs that role there, so guard its key accordingly.',
        ]
      : []),
    '',
    '   | Environment | Okta org |',
    '   | --- | --- |',
    ...okta,
    '',
    `5. **Repository secret${repositorySecrets.length === 1 ? '' : 's'}** (Settings > Secrets and variables >`,
    `   Actions): ${list(repositorySecrets)}, a random key (\`openssl rand -base64 48\`). The plan job`,
    '   encrypts the saved plan with it and the apply job of the same run opens it; nothing else may use it.',
    "   Put no other credential at repository level: every Okta and AWS credential is an environment's.",
    '',
    '6. **GitHub environments** (Settings > Environments), each with its secrets and variables and its',
    '   deployment branch rule (Deployment branches and tags > Selected: the branch `main` and the tag',
    '   pattern `v*`), so no other ref gets these credentials, whatever a workflow on it says:',
    '',
    ...envItems,
    '',
    '7. **Branch and tag rules.** Protect `main`: changes through pull requests with the `review` check',
    '   (pull-request.yml) green. Restrict who may create `v*` tags (a tag ruleset): a release tag at the',
    '   tip of main deploys (tools/ci/require-main.sh refuses any other ref, and a tag behind main).',
    '',
    '8. **First deploy.** Merge to `main` (or run the deploy workflow from `main`). With no records yet,',
    "   dev's review shows the whole stack as new; its apply records dev, and staging and prod follow",
    '   behind their reviewers. The nightly drift workflow then checks what each environment runs.',
    '',
  ].join('\n');
}

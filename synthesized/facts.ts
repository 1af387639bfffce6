/**
 * Small facts about a synthesized stack that several rules share (which apps face users, which
 * authorization server a resource belongs to, how Okta sign-on constraints parse, ...). Everything is
 * read from the StackModel; nothing here knows the config.
 */
import { readSignOnConstraint, requiredPossession, type SignOnTier } from '../domain/okta/sign-on-constraints';
import { attr, str, stringList, type Json } from './json';
import type { StackModel, TfResource } from './model';

export const isProd = (stack: StackModel): boolean => stack.environment === 'prod';

/** Minutes of an ISO 8601 duration (PT2H, PT30M, P1D; seconds count as fractions), or undefined. */
export function isoMinutes(value: string | undefined): number | undefined {
  const m = value ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value) : null;
  if (!m || value === 'P' || value === 'PT') return undefined;
  return Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) + Number(m[4] ?? 0) / 60;
}

export { isFalse, isTrue, num, str } from './json';

/** okta_app_oauth types whose users sign in (everything but `service`). */
export const USER_FACING_APP_TYPES = ['browser', 'web', 'native'] as const;
/** Public clients: no secret can be kept, so PKCE and no client authentication. */
export const PUBLIC_APP_TYPES = ['browser', 'native'] as const;

export const oauthApps = (stack: StackModel): readonly TfResource[] => stack.resources('okta_app_oauth');
export const appType = (app: TfResource): string => str(app.attrs.type) ?? '';
export const isUserFacing = (app: TfResource): boolean =>
  (USER_FACING_APP_TYPES as readonly string[]).includes(appType(app));

/** The resource a reference attribute points to, when it is in the stack and of the expected type. */
export function target(stack: StackModel, value: Json | undefined, type: string): TfResource | undefined {
  const r = stack.resolve(value);
  return r?.target?.type === type ? r.target : undefined;
}

/** The apps an auth server policy rule grants to: the okta_app_oauth clients its policy names. */
export function ruleClients(stack: StackModel, rule: TfResource): TfResource[] {
  const policy = target(stack, rule.attrs.policy_id, 'okta_auth_server_policy');
  if (!policy) return [];
  return stack
    .references(policy.attrs.client_whitelist)
    .map((r) => stack.get(r.address))
    .filter((a): a is TfResource => a?.type === 'okta_app_oauth');
}

/** The log groups the API stages write access logs to (each once). */
export function accessLogGroups(stack: StackModel): readonly TfResource[] {
  const groups = stack
    .resources('aws_apigatewayv2_stage')
    .map((s) => target(stack, attr(s.attrs, 'access_log_settings', 'destination_arn'), 'aws_cloudwatch_log_group'))
    .filter((g): g is TfResource => g !== undefined);
  return [...new Set(groups)];
}

/** JWT authorizers of API Gateway HTTP APIs. */
export const jwtAuthorizers = (stack: StackModel): readonly TfResource[] =>
  stack.resources('aws_apigatewayv2_authorizer').filter((a) => a.attrs.authorizer_type === 'JWT');

/** The okta_auth_server a JWT authorizer's issuer points to, if any. */
export function issuerServer(stack: StackModel, authorizer: TfResource): TfResource | undefined {
  return target(stack, attr(authorizer.attrs, 'jwt_configuration', 'issuer'), 'okta_auth_server');
}

/** The okta_auth_server a scope, claim, policy or rule belongs to (through auth_server_id). */
export const serverOf = (stack: StackModel, r: TfResource): TfResource | undefined =>
  target(stack, r.attrs.auth_server_id, 'okta_auth_server');

/** Access policy rules of a server. */
export const rulesOfServer = (stack: StackModel, server: TfResource): readonly TfResource[] =>
  stack.resources('okta_auth_server_policy_rule').filter((r) => serverOf(stack, r)?.address === server.address);

export { allows } from './defaults';

/** The sensitivity tier the stack declared for an app sign-on policy (undefined for an untiered policy). */
export const tierOf = (stack: StackModel, policy: TfResource): SignOnTier | undefined =>
  stack.declarations.policyTiers[policy.address];

/** One parsed entry of an okta_app_signon_policy_rule `constraints` list (a JSON string each). */
export interface ParsedConstraint {
  readonly raw: string;
  readonly value?: { [key: string]: Json };
  readonly error?: string;
}

/** The rule's constraints, each read the one way domain/okta/sign-on-constraints.ts reads them. */
export const constraintsOf = (rule: TfResource): ParsedConstraint[] =>
  stringList(rule.attrs.constraints).map((raw) => readSignOnConstraint(raw) as ParsedConstraint);

/** Whether a parsed constraint demands phishing-resistant possession. */
export const requiresPhishingResistant = (c: { [key: string]: Json }): boolean =>
  requiredPossession(c).has('phishingResistant');

/** Whether a value is a Terraform reference to an attribute of a resource type, e.g. okta_auth_server.*.issuer. */
export function refersTo(stack: StackModel, value: Json | undefined, type: string, attribute: string): boolean {
  const refs = stack.references(value);
  return refs.length > 0 && refs.every((r) => r.type === type && r.attribute === attribute);
}

/** The priority groups of ordered Okta resources: by parent (policy or server) for rules. */
export interface PriorityGroup {
  readonly label: string;
  readonly members: readonly TfResource[];
}

/** Ordered Okta resource types and the attribute naming their parent (undefined = org-wide). */
export const ORDERED_TYPES: ReadonlyArray<readonly [type: string, parentAttr: string | undefined]> = [
  ['okta_auth_server_policy', 'auth_server_id'],
  ['okta_auth_server_policy_rule', 'policy_id'],
  ['okta_policy_signon', undefined],
  ['okta_policy_mfa', undefined],
  ['okta_policy_rule_signon', 'policy_id'],
  ['okta_policy_rule_mfa', 'policy_id'],
  ['okta_app_signon_policy_rule', 'policy_id'],
];

export function priorityGroups(stack: StackModel): PriorityGroup[] {
  const groups: PriorityGroup[] = [];
  for (const [type, parentAttr] of ORDERED_TYPES) {
    const byParent = new Map<string, TfResource[]>();
    for (const r of stack.resources(type)) {
      if (r.mode !== 'resource') continue;
      const parent = parentAttr
        ? (stack.resolve(r.attrs[parentAttr])?.ref.address ?? String(r.attrs[parentAttr] ?? '(none)'))
        : '(org)';
      byParent.set(parent, [...(byParent.get(parent) ?? []), r]);
    }
    for (const [parent, members] of byParent) groups.push({ label: `${type} of ${parent}`, members });
  }
  return groups;
}

/** Attribute or variable names that hold a secret (client_secret, DB_PASSWORD, api_token, PRIVATE_KEY, ...). */
export const SECRET_NAME =
  /(^|[_-])(secret|passw(or)?d|token|api[_-]?key|private[_-]?key|secret[_-]?key|access[_-]?key|credentials?)$/i;

/** Literal values that look like credentials (AWS keys, Okta API tokens, private keys, JWTs, bearer tokens). */
export const CREDENTIAL_PATTERNS: ReadonlyArray<readonly [what: string, pattern: RegExp]> = [
  ['an AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['a private key', /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/],
  ['an Okta API token', /(?<![A-Za-z0-9_-])00[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])/],
  ['a JSON Web Token', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['a GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36}\b/],
  ['a Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
];

/**
 * Cross-field rules against careless and hostile input that is well-formed field by field: invisible
 * characters, credentials in URLs, values from another region or account, names that collide once Okta or
 * AWS sees them. Run with every other rule (rules/index.ts), so they are collected with every other problem.
 */
import type { EnvironmentConfig, ManagedIdentity } from '../schema';
import { AWS_REGIONS, AWS_RESERVED_TAG_PREFIX, kmsArnParts, STACK_TAG_KEYS } from '../../domain/aws';
import { hasUserInfo } from '../../domain/text';
import { textProblem } from '../../domain/hostile-text';
import { pathSegmentProblem, urlAuthorityProblem, urlPath } from '../../domain/urls';
import { parameterNameClashes } from '../../domain/route-keys';
import { intervalsOverlap, ipInterval } from '../../domain/okta/network-ranges';
import type { Path, Report } from './rule';

/** Group names a claim filter is tried on: a filter that matches all of them matches every group. */
const SAMPLE_GROUP_NAMES = ['', 'Everyone', 'a', 'admins', 'Payments Operators', 'zz-9_x', '!#%&', 'Ünïcødé'];

/** All hostile-input rules of one environment's parsed config. */
export function hostileInputRules(c: EnvironmentConfig, report: Report): void {
  textRules(c, [], report);
  awsRules(c, report);
  kmsKeys(c, report);
  unreachableAlarms(c, report);
  if (c.environment === 'prod' && !c.protect) {
    report(['protect'], 'prod protects its auth server, apps, API and logs from destroy; allowed: true');
  }
  c.gateway.routes.forEach((r, i) => {
    if (r.integration.type === 'http' && hasUserInfo(r.integration.url)) {
      report(
        ['gateway', 'routes', i, 'integration', 'url'],
        'credentials in a URL are written to the plan, the state and every review: remove the user-info ' +
          '(user:password@) and authenticate the integration another way',
      );
    }
  });
  for (const { index, clashesWith, names } of parameterNameClashes(c.gateway.routes.map((r) => r.routeKey))) {
    report(
      ['gateway', 'routes', index, 'routeKey'],
      `names the path parameter ${names[1]} where route ${clashesWith} ('${c.gateway.routes[clashesWith].routeKey}') ` +
        `names it ${names[0]}; API Gateway rejects two names at one position: use the same name`,
    );
  }
  c.gateway.routes.forEach((r, i) => listedTwice(r.scopes, ['gateway', 'routes', i, 'scopes'], report));
  if (c.identity.mode === 'managed') managedIdentityRules(c.identity, report);
}

/** A value repeated in a list: harmless to Terraform but a sign of a copy-paste slip (or a later conflict). */
function listedTwice(values: readonly string[], path: Path, report: Report, what = 'value'): void {
  values.forEach((v, j) => {
    if (values.indexOf(v) < j) report([...path, j], `this ${what} is already listed at [${values.indexOf(v)}]`);
  });
}

/**
 * Every string of the config, keys included: no Terraform template syntax, invisible, control or look-alike
 * characters, broken Unicode or absurd lengths (domain/hostile-text.ts).
 */
function textRules(value: unknown, path: Path, report: Report): void {
  if (typeof value === 'string') {
    const why = textProblem(value) ?? urlProblem(value, path);
    if (why) report(path, why);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => textRules(v, [...path, i], report));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const why = textProblem(k);
      if (why) report([...path, k], `the key ${why}`);
      textRules(v, [...path, k], report);
    }
  }
}

/** Fields holding browser origins: compared with the Origin header a browser sends. */
const ORIGIN_FIELDS = ['trustedOrigins', 'allowOrigins'];

/** A URL-shaped value anywhere in the config: its host and port exist, its path has nothing normalised away. */
function urlProblem(value: string, path: Path): string | undefined {
  const origin = path.some((k) => typeof k === 'string' && ORIGIN_FIELDS.includes(k));
  return urlAuthorityProblem(value, { origin }) ?? pathSegmentProblem(urlPath(value) ?? '');
}

function awsRules(c: EnvironmentConfig, report: Report): void {
  const regions = [['aws', 'region'], ...(c.backend.type === 's3' ? [['backend', 'region']] : [])];
  for (const p of regions) {
    const region = p[0] === 'aws' ? c.aws.region : c.backend.type === 's3' ? c.backend.region : '';
    if (!AWS_REGIONS.includes(region)) report(p, `no such AWS region; allowed: ${AWS_REGIONS.join(', ')}`);
  }
  for (const tag of Object.keys(c.aws.tags)) {
    if (tag.toLowerCase().startsWith(AWS_RESERVED_TAG_PREFIX)) {
      report(['aws', 'tags', tag], `tag keys starting with '${AWS_RESERVED_TAG_PREFIX}' are reserved by AWS`);
    } else if (STACK_TAG_KEYS.some((k) => k.toLowerCase() === tag.toLowerCase())) {
      report(
        ['aws', 'tags', tag],
        `the stack sets this tag itself (${STACK_TAG_KEYS.join(', ')}), so the value would be dropped: use another key`,
      );
    }
  }
}

/** Every KMS key the config names must be in the environment's account (and the region of its user). */
function kmsKeys(c: EnvironmentConfig, report: Report): void {
  const keys: { path: Path; arn?: string; region: string }[] = [
    { path: ['gateway', 'logKmsKeyArn'], arn: c.gateway.logKmsKeyArn, region: c.aws.region },
    { path: ['audit', 'logKmsKeyArn'], arn: c.audit?.logKmsKeyArn, region: c.aws.region },
    { path: ['audit', 'alerts', 'topicKmsKeyArn'], arn: c.audit?.alerts?.topicKmsKeyArn, region: c.aws.region },
  ];
  if (c.backend.type === 's3') {
    keys.push({ path: ['backend', 'kmsKeyId'], arn: c.backend.kmsKeyId, region: c.backend.region });
  }
  for (const { path, arn, region } of keys) {
    const parts = arn === undefined ? undefined : kmsArnParts(arn);
    if (!parts) continue;
    if (parts.region !== region) {
      report(path, `the KMS key is in ${parts.region}, but its user is in ${region}: KMS keys are regional`);
    }
    // Skipped while an account id itself is malformed (that problem is reported on its own).
    const accountsValid = c.aws.allowedAccountIds.every((a) => /^\d{12}$/.test(a));
    if (accountsValid && !c.aws.allowedAccountIds.includes(parts.account)) {
      report(
        path,
        `the KMS key is in account ${parts.account}, not one of this environment's ` +
          `(${c.aws.allowedAccountIds.join(', ')}): use a key of this environment`,
      );
    }
  }
}

/** Length of the audit alarms' evaluation period (constructs/aws/audit-trail.ts default, which the stack keeps). */
const ALARM_PERIOD_SECONDS = 300;

/** An alarm threshold above what the stage can admit in one period can never fire: a silent off switch. */
function unreachableAlarms(c: EnvironmentConfig, report: Report): void {
  const most = c.gateway.throttling.rateLimit * ALARM_PERIOD_SECONDS;
  for (const [name, value] of Object.entries(c.audit?.alarmThresholds ?? {})) {
    if (value > most) {
      report(
        ['audit', 'alarmThresholds', name],
        `can never fire: the stage admits at most ${most} requests per ${ALARM_PERIOD_SECONDS} s ` +
          `(gateway.throttling.rateLimit ${c.gateway.throttling.rateLimit} per second); allowed: 1 to ${most}`,
      );
    }
  }
}

function managedIdentityRules(id: ManagedIdentity, report: Report): void {
  const byName = new Map<string, string>();
  for (const [k, g] of Object.entries(id.groups)) {
    if (!('name' in g)) continue;
    // Compared as Okta's console shows them: case, runs of spaces and Unicode composition do not tell apart.
    const name = g.name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
    const first = byName.get(name);
    if (first) report(['identity', 'groups', k, 'name'], `group '${first}' already has this Okta name`);
    else byName.set(name, k);
  }
  id.claims.forEach((cl, i) => {
    if (cl.valueType === 'GROUPS' && cl.groupFilterType && matchesEveryGroup(cl.groupFilterType, cl.value)) {
      report(
        ['identity', 'claims', i, 'value'],
        `this ${cl.groupFilterType} filter matches every group, so tokens carry all of a user's groups: ` +
          'filter on the prefix or names of the groups the API needs',
      );
    }
  });
  id.accessPolicies.forEach((pol, i) =>
    pol.rules.forEach((rule, j) => {
      listedTwice(rule.groups, ['identity', 'accessPolicies', i, 'rules', j, 'groups'], report, 'group');
      listedTwice(rule.scopes, ['identity', 'accessPolicies', i, 'rules', j, 'scopes'], report, 'scope');
    }),
  );
  id.apps.forEach((app, i) => {
    listedTwice(app.groups, ['identity', 'apps', i, 'groups'], report, 'group');
    listedTwice(
      app.jwks.map((k) => k.kid),
      ['identity', 'apps', i, 'jwks'],
      report,
      'key id (kid)',
    );
    const seen = new Set<string>();
    app.trustedOrigins.forEach((o, j) => {
      const norm = o.toLowerCase().replace(/\/$/, '');
      if (seen.has(norm)) report(['identity', 'apps', i, 'trustedOrigins', j], 'this origin is already listed');
      seen.add(norm);
    });
  });
  if (id.mfa) {
    for (const [k, zone] of Object.entries(id.mfa.networkZones.corporate)) {
      overlappingRanges(zone.gateways).forEach(({ index, other }) =>
        report(
          ['identity', 'mfa', 'networkZones', 'corporate', k, 'gateways', index],
          `overlaps ${zone.gateways[other]} of the same zone: list each address once`,
        ),
      );
    }
  }
}

function matchesEveryGroup(type: string, value: string): boolean {
  if (value.trim() === '') return false; // reported as empty by the schema
  const test = (name: string): boolean => {
    if (type === 'STARTS_WITH') return name.startsWith(value);
    if (type === 'CONTAINS') return name.includes(value);
    if (type === 'EQUALS') return name === value;
    try {
      return new RegExp(`^(?:${value})$`, 'u').test(name);
    } catch {
      return false;
    }
  };
  return SAMPLE_GROUP_NAMES.every(test);
}

function overlappingRanges(gateways: readonly string[]): { index: number; other: number }[] {
  const ranges = gateways.map(ipInterval);
  const out: { index: number; other: number }[] = [];
  ranges.forEach((r, index) => {
    const other = ranges.findIndex((o, j) => j < index && r && o && intervalsOverlap(r, o));
    if (other >= 0) out.push({ index, other });
  });
  return out;
}

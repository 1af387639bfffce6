/**
 * The posture report's sections a security lead asks for first, beyond who gets in: which events alert whom,
 * CORS, log retention and encryption, each app's client authentication, what the network zones hold,
 * suppressions and their expiry, and the break-glass accounts. One function per section, each reading the
 * synthesized stack through the read model (synthesized/read-model.ts, audit.ts) and the security view.
 */
import { auditTrailOf, type AlertTopic } from '../synthesized/audit';
import { refreshTokenRotationOf, tokenEndpointAuthMethodOf } from '../synthesized/defaults';
import type { StackModel } from '../synthesized/model';
import { ReadModel, type Zone } from '../synthesized/read-model';
import { tableSection, type Block, type Section } from './report-blocks';
import type { StackView } from './view';

/** Who a topic reaches: its subscriptions (`email security@example.com`), or that nobody subscribes. */
const reaches = (topics: readonly AlertTopic[]): string =>
  topics
    .map((t) => {
      const subs = t.subscriptions.map((s) => `${s.protocol} \`${s.endpoint}\``);
      return `${t.name} -> ${subs.join(', ') || 'no subscription in the stack'}`;
    })
    .join('; ') || 'nobody (logged only)';

/** Okta System Log events and gateway alarms, and whom each alerts. */
export function alertsSection(model: StackModel): Section {
  const trail = auditTrailOf(model);
  const blocks: Block[] = [];
  blocks.push({
    text: trail.logStream
      ? `The Okta System Log streams to AWS through "${trail.logStream.name}" (${[
          trail.logStream.type,
          trail.logStream.status,
        ]
          .filter((x) => x)
          .join(', ')}); the EventBridge rules below match its events.`
      : 'No Okta System Log stream in this stack: Okta events alert nobody from here.',
  });
  const matched = (r: (typeof trail.eventRules)[number]) =>
    [
      r.eventTypes.join(', ') || 'any event',
      r.outcomes.length ? `outcome ${r.outcomes.join(' or ')}` : '',
      r.actors.length ? `by ${r.actors.map((a) => `\`${a}\``).join(', ')}` : '',
    ]
      .filter((x) => x)
      .join('; ');
  if (trail.eventRules.length)
    blocks.push({
      table: {
        headers: ['Okta events', 'What they are', 'Alert (topic -> subscribers)', 'Logged to'],
        rows: trail.eventRules.map((r) => [
          matched(r),
          r.description ?? r.name,
          reaches(r.topics),
          r.logGroups.join(', ') || '-',
        ]),
      },
    });
  if (trail.alarms.length)
    blocks.push({
      table: {
        headers: ['Alarm', 'When', 'Alert (topic -> subscribers)'],
        rows: trail.alarms.map((a) => [
          a.name,
          a.description ?? `${a.metric} >= ${a.threshold ?? '?'} per ${a.periodSeconds ?? '?'} s`,
          reaches(a.topics),
        ]),
      },
    });
  if (!trail.eventRules.length && !trail.alarms.length) blocks.push({ text: 'No event rule or alarm alerts anyone.' });
  return { title: 'Alerts: which events alert whom', blocks };
}

/** The API's CORS configuration and the origins Okta trusts for each app. */
export function corsSection(view: StackView): Section {
  const api = view.api;
  const rows: string[][] = [];
  if (api)
    rows.push([
      `API ${api.name}`,
      api.corsOrigins.map((o) => `\`${o}\``).join(', ') || 'none (CORS off)',
      api.corsMethods.join(', ') || '-',
      api.corsCredentials ? 'yes' : 'no',
    ]);
  for (const a of view.apps)
    if (a.trustedOrigins.length)
      rows.push([
        `Okta trusted origins of ${a.label}`,
        a.trustedOrigins.map((o) => `\`${o}\``).join(', '),
        'CORS and redirects',
        '-',
      ]);
  return tableSection(
    'CORS and trusted origins',
    { headers: ['Where', 'Origins browsers may call from', 'Methods / use', 'Credentials'], rows },
    'No CORS configuration and no trusted origin.',
  );
}

/** Every log group's retention and encryption, and the alert topics' encryption. */
export function logsSection(model: StackModel, view: StackView): Section {
  const rows = view.logGroups.map((g) => [
    g.name,
    g.retentionDays ? `${g.retentionDays} days` : 'forever (no retention set)',
    g.kmsKey ? `customer-managed KMS key ${g.kmsKey}` : 'AWS-owned key (no customer-managed KMS key)',
  ]);
  for (const t of auditTrailOf(model).topics)
    rows.push([
      `SNS topic ${t.name}`,
      '-',
      t.kmsKey ? `customer-managed KMS key ${t.kmsKey}` : 'not encrypted with a customer-managed key',
    ]);
  return tableSection(
    'Logs: retention and encryption',
    { headers: ['Log group', 'Kept', 'Encrypted with'], rows },
    'No log group in this stack.',
  );
}

/** How each app proves itself to Okta: token endpoint authentication, PKCE, secrets, refresh token rotation. */
export function clientAuthenticationSection(view: StackView): Section {
  return tableSection(
    'Apps: client authentication',
    {
      headers: ['App', 'Type', 'Token endpoint authentication', 'PKCE', 'Client secret', 'Refresh tokens'],
      rows: view.apps.map((a) => {
        const method = tokenEndpointAuthMethodOf(a.resource);
        return [
          a.label,
          a.type,
          method === 'none' ? 'none (public client)' : method,
          a.pkceRequired ? 'required' : 'not required',
          a.omitSecret === true || method === 'none' || method === 'private_key_jwt' ? 'none issued' : 'issued',
          a.grantTypes.includes('refresh_token') ? refreshTokenRotationOf(a.resource) : '-',
        ];
      }),
    },
    'No OIDC app in this stack.',
  );
}

/** What a zone holds, in words: countries, proxies, IP ranges. */
function contents(z: Zone): string {
  const parts = [
    z.locations.length ? `countries ${z.locations.join(', ')}` : '',
    z.locationsExcluded.length ? `except ${z.locationsExcluded.join(', ')}` : '',
    z.proxyType ? `proxy ${z.proxyType}` : '',
    z.gateways.length ? `IP ranges ${z.gateways.join(', ')}` : '',
    z.proxies.length ? `proxies ${z.proxies.join(', ')}` : '',
    z.asns.length ? `ASNs ${z.asns.join(', ')}` : '',
  ];
  return parts.filter((p) => p).join('; ') || 'nothing';
}

/** Each network zone: what it holds and what it does (BLOCKLIST blocks org-wide; POLICY acts where a rule names it). */
export function networkZonesSection(model: StackModel): Section {
  const read = ReadModel.of(model);
  const usedBy = (z: Zone) =>
    ['okta_policy_rule_signon', 'okta_app_signon_policy_rule']
      .flatMap((type) => model.resources(type))
      .filter((r) =>
        [...stringsOf(r.attrs.network_includes), ...stringsOf(r.attrs.network_excludes)].some(
          (v) => read.zone(v)?.address === z.address,
        ),
      )
      .map((r) => {
        const policy = read.policyOf(r);
        return `${policy ? `${read.labels.of(policy)} / ` : ''}${read.labels.of(r)}`;
      });
  return tableSection(
    'Network zones',
    {
      headers: ['Zone', 'Usage', 'Status', 'Holds', 'Named by'],
      rows: read.zones.map((z) => [
        z.name,
        z.usage === 'BLOCKLIST'
          ? 'BLOCKLIST (blocks org-wide, before any policy)'
          : `${z.usage} (where a rule names it)`,
        z.status,
        contents(z),
        usedBy(z).join('; ') || (z.usage === 'BLOCKLIST' ? '- (applies by itself)' : 'no rule'),
      ]),
    },
    'No network zone in this stack.',
  );
}

const stringsOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Accepted guardrail findings with their reason and expiry, as of the report's date. */
export function suppressionsSection(model: StackModel, today?: string): Section {
  const rows = model.declarations.suppressions.map((s) => [
    s.ruleId,
    s.address,
    s.reason,
    s.expires ?? 'no expiry',
    !s.expires ? 'active, never expires' : today && s.expires < today ? `EXPIRED (an error as of ${today})` : 'active',
  ]);
  return tableSection(
    'Suppressions (accepted exceptions)',
    { headers: ['Rule', 'Resource', 'Why it is accepted', 'Expires', 'Status'], rows },
    'No suppression: every guardrail finding counts.',
  );
}

/** The break-glass accounts: who they are, what they skip, and what alerts on their sign-ins. */
export function breakGlassSection(model: StackModel, view: StackView): Section {
  const bg = view.adminSurfaces.breakGlass;
  if (!bg) return { title: 'Break-glass accounts', blocks: [{ text: 'No break-glass group is declared.' }] };
  const exempt = view.adminSurfaces.surfaces.filter((s) => s.exempt.includes(bg.group)).map((s) => s.label);
  const own = view.adminSurfaces.surfaces.flatMap((s) =>
    s.breakGlass?.groups.includes(bg.group)
      ? [
          `${s.label} (${s.breakGlass.hardwareKey ? 'password + hardware key' : 'NOT password + hardware key'}, ` +
            `re-authenticating every ${s.breakGlass.reauthenticateMinutes ?? '(default)'} min)`,
        ]
      : [],
  );
  const alerting = auditTrailOf(model).eventRules.filter((r) => r.topics.length > 0);
  const alertFor = (m: string) =>
    alerting
      .filter((r) => r.actors.includes(m))
      .map((r) => `${r.name} -> ${reaches(r.topics)}`)
      .join('; ') || 'NO ALERT on its sign-ins';
  return {
    title: 'Break-glass accounts',
    blocks: [
      {
        text:
          `Group "${bg.group}": ${bg.members.length} of at most ${bg.maxMembers} accounts, exempt from the ` +
          `administrators' rule of ${exempt.join(', ') || 'no admin surface'}; admitted by a rule of its own on ` +
          `${own.join(', ') || 'none (it reaches the surface only through rules Terraform does not manage)'}.`,
      },
      {
        table: {
          headers: ['Account', 'Sign-ins alert'],
          rows: bg.members.map((m) => [`\`${m}\``, alertFor(m)]),
        },
      },
    ],
  };
}

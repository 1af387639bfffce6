/**
 * What the tools that read a live org report, in one shape for the preflight and the parity runner:
 * `{ environment, org, findings: [{ kind, severity, subject, message }], imports: [{ to, id }] }`. A
 * `blocker` fails the command (exit 1); warnings and info never do.
 */
import type { ImportBlock } from '../../domain/imports';

export const FINDING_KINDS = [
  'classic-org',
  'password-policy-weakened',
  'password-policy-changed',
  'authenticator-in-use',
  'admin-not-covered',
  'admin-policy-shared',
  'behavior-missing',
  'behavior-inactive',
  'exists-unmanaged',
  'fastpass-off',
  'parity-mismatch',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export type Severity = 'blocker' | 'warning' | 'info';

/** The Okta object a finding is about: its kind of object, name and id. */
export interface Subject {
  /** `group`, `app`, `policy`, `authenticator`, `user`, `behavior`, `org`, `cell`, ... */
  readonly type: string;
  readonly name: string;
  readonly id?: string;
}

export interface Finding {
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly subject: Subject;
  /** What the first apply would do, and what to do instead. */
  readonly message: string;
}

export interface OrgReport {
  readonly environment: string;
  /** The org's URL. */
  readonly org: string;
  readonly findings: readonly Finding[];
  readonly imports: readonly ImportBlock[];
}

const RANK: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

/** Blockers first, then by kind, subject and message: the same org gives the same report. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const key = (f: Finding) => `${f.kind}\0${f.subject.type}\0${f.subject.name}\0${f.subject.id ?? ''}\0${f.message}`;
  return [...findings].sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0),
  );
}

export const subjectText = (s: Subject): string => `${s.type} "${s.name}"${s.id ? ` (${s.id})` : ''}`;

export const blockers = (r: OrgReport): number => r.findings.filter((f) => f.severity === 'blocker').length;

/** The report as the terminal shows it. */
export function reportText(title: string, r: OrgReport, footer: readonly string[] = []): string {
  const lines = [`${title}: ${r.environment} against ${r.org}`];
  for (const f of r.findings)
    lines.push(`${f.severity.toUpperCase()} ${f.kind} ${subjectText(f.subject)}`, `  ${f.message}`);
  const count = (s: Severity) => r.findings.filter((f) => f.severity === s).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(count('blocker'), 'blocker')}, ${plural(count('warning'), 'warning')}, ${count('info')} info` +
      (r.imports.length ? `; ${plural(r.imports.length, 'import')}` : ''),
    ...footer,
  );
  return `${lines.join('\n')}\n`;
}

/** The report as a job summary (markdown): the findings in a table, `|` and newlines escaped. */
export function reportMarkdown(title: string, r: OrgReport): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const rows = r.findings.map(
    (f) => `| ${f.severity} | \`${f.kind}\` | ${cell(subjectText(f.subject))} | ${cell(f.message)} |`,
  );
  const n = blockers(r);
  return [
    `### ${n ? '❌' : '✅'} ${title}: ${r.environment} (${r.org})`,
    '',
    rows.length ? '| Severity | Kind | Subject | What to do |' : 'Nothing found.',
    ...(rows.length ? ['| --- | --- | --- | --- |', ...rows] : []),
    '',
  ].join('\n');
}

/**
 * The posture report's sections about what the stack is and who gets in: the executive summary, MFA coverage
 * (waves, groups, authenticators, and every policy's rules in evaluation order with their priority), apps,
 * routes, token lifetimes, findings and the access matrix. One function per section.
 */
import { parseVersionName } from '../domain/semver';
import { isObject, str } from '../synthesized/json';
import type { Declarations, StackModel } from '../synthesized/model';
import { adaptivePosture } from './adaptive';
import { passwordPolicyRows } from './password-policy';
import { adminSurfaceRows } from './admin-surfaces';
import { lookupsLine } from './lookups';
import { accessExceptions, accessTables } from './access';
import type { ReviewFinding } from './findings';
import { priorityText, tableSection, type Block, type Section } from './report-blocks';
import { minutes, type StackView } from './view';

/** What the report describes and when it was made: explicit inputs, so the same input gives the same bytes. */
export interface ReportProvenance {
  /** ISO 8601 time the report stands for (the CLI: SOURCE_DATE_EPOCH, else the stack's commit date). */
  readonly generatedAt?: string;
  /** Where `generatedAt` comes from, in words (`SOURCE_DATE_EPOCH`, `commit date of 1a2b3c4`). */
  readonly generatedFrom?: string;
}

/** The stack's release version (its `stack_version` output), when it records one. */
export function stackVersion(model: StackModel): string | undefined {
  const out = model.json.output;
  const v = isObject(out) && isObject(out.stack_version) ? str(out.stack_version.value) : undefined;
  return v;
}

/** The commit a release version names, in words. */
export function commitOf(version: string | undefined): string {
  if (!version) return 'not recorded (no stack_version output)';
  try {
    const name = parseVersionName(version);
    if (name.kind === 'release') return `the commit tagged ${name.tag}`;
    if (name.kind === 'commit') {
      const since = name.untagged ? 'no release tag yet' : `${name.commitsSince} after the last release tag`;
      return `${name.abbrev} (${since})`;
    }
    return `none: ${name.reason}`;
  } catch {
    return `unknown: ${version} is not a release version of this repository`;
  }
}

/** Version, commit, time, findings and exceptions first; then the numbers a reader checks the rest against. */
export function executiveSummary(
  model: StackModel,
  view: StackView,
  findings: readonly ReviewFinding[],
  provenance: ReportProvenance,
  exceptions: { readonly rows: number; readonly cells: number },
): Section {
  const version = stackVersion(model);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const suppressions = model.declarations.suppressions;
  const expiries = suppressions.flatMap((s) => s.expires ?? []).sort();
  const enforced = view.mfa.coverage.filter((c) => c.phase === 'enforced').length;
  const generated = provenance.generatedAt
    ? `${provenance.generatedAt}${provenance.generatedFrom ? ` (${provenance.generatedFrom})` : ''}`
    : 'not recorded (set SOURCE_DATE_EPOCH)';
  const rows: string[][] = [
    ['Environment', `${view.environment} (stack ${view.stack})`],
    ['Version', version ?? 'not recorded'],
    ['Commit', commitOf(version)],
    ['Generated at', generated],
    ['Guardrail findings', `${errors} errors, ${findings.length - errors} warnings`],
    [
      'Accepted exceptions (suppressions)',
      suppressions.length
        ? `${suppressions.length}${expiries.length ? `, the first expiring ${expiries[0]}` : ', none expiring'}`
        : 'none',
    ],
    [
      "Access exceptions (cells off their tier's norm)",
      exceptions.cells
        ? `${exceptions.cells} cells in ${exceptions.rows} rows (Access matrix: exceptions only)`
        : 'none',
    ],
    ['Apps', String(view.apps.length)],
    ['Routes', String(view.routes.length)],
    ['Public routes', String(view.routes.filter((r) => r.public).length)],
    ['Custom scopes', String(view.scopes.length)],
    [
      'Scopes that require a stronger sign-in',
      view.scopes
        .filter((s) => s.requiredAssurance)
        .map((s) => `${s.name} (${s.requiredAssurance})`)
        .join(', ') || 'none',
    ],
    ['Access rules', String(view.accessRules.length)],
    ['Groups with MFA enforced', `${enforced} of ${view.mfa.coverage.length}`],
  ];
  return { title: 'Summary', blocks: [{ table: { headers: ['What', 'Value'], rows } }] };
}

export function mfaSection(model: StackModel, view: StackView): Section {
  const mfa = view.mfa;
  const blocks: Block[] = [];
  if (mfa.coverage.length === 0 && mfa.tiers.length === 0) {
    blocks.push({ text: 'This stack manages no MFA rollout (no sign-on policies, authenticators or groups).' });
  } else {
    blocks.push(...rolloutBlocks(view, model.declarations), ...policyBlocks(view));
  }
  const adminRows = adminSurfaceRows(view.adminSurfaces);
  if (adminRows.length)
    blocks.push({ table: { headers: ["Okta's own admin surface", 'Sign-in', 'Covers', 'Exempt'], rows: adminRows } });
  const lookups = lookupsLine(view.lookups);
  if (lookups) blocks.push({ text: lookups });
  // Adaptive MFA per tier (HIGH risk, device posture) and the global session's behaviours.
  if (mfa.tiers.length) {
    const adaptive = adaptivePosture(model);
    blocks.push(
      { table: { headers: ['Tier', 'At HIGH risk', 'Device posture'], rows: adaptive.rows } },
      { text: adaptive.session },
    );
  }
  // The org's default password policy as it is sent: every setting beside the guidance.
  const password = passwordPolicyRows(model);
  if (password.length)
    blocks.push({ table: { headers: ["Org's default password policy", 'Value', 'Guidance', 'Note'], rows: password } });
  return { title: 'MFA coverage', blocks };
}

const PHASE = {
  enforced: 'MFA enforced at sign-in',
  enrollment: 'enrollment only',
  none: 'not in the rollout',
} as const;

/** The waves and who each enforces (with the sign-in each group needs), and the authenticators. */
function rolloutBlocks(view: StackView, declarations: Declarations): Block[] {
  const mfa = view.mfa;
  const blocks: Block[] = [];
  const rollout = declarations.rollout;
  if (rollout) {
    const reached = rollout.waves.findIndex((w) => w.key === rollout.currentPhase);
    blocks.push({
      text:
        `Rollout waves, in order: ` +
        `${rollout.waves
          .map((w, i) => `${w.key} (${w.groups.join(', ') || 'no group'}${i <= reached ? '; enforced' : ''})`)
          .join(' -> ')}. Current phase: ${rollout.currentPhase}.`,
    });
  }
  const waveOf = (group: string) => rollout?.waves.find((w) => w.groups.includes(group))?.key ?? '-';
  blocks.push({
    table: {
      headers: ['Group', 'Wave', 'Phase', 'Because of', 'Signs in to Okta with (simulated)', 'Its apps (simulated)'],
      rows: mfa.coverage.map((c) => [
        c.group,
        waveOf(c.group),
        PHASE[c.phase],
        c.via.join('; ') || '-',
        c.oktaSignIn,
        c.appSignIns.map((a) => `${a.app}: ${a.signIn}`).join('; ') || 'assigned to no app',
      ]),
    },
  });
  if (mfa.authenticators.length) {
    blocks.push({
      table: {
        headers: ['Authenticator', 'Key', 'Status', 'Strength'],
        rows: mfa.authenticators.map((a) => [a.name, a.key, a.status, a.strength]),
      },
    });
  }
  return blocks;
}

/** Enrollment policies, global session rules and app sign-on rules, each list in Okta's evaluation order. */
function policyBlocks(view: StackView): Block[] {
  const mfa = view.mfa;
  const blocks: Block[] = [];
  for (const p of mfa.enrollment) {
    blocks.push({
      text:
        `Enrollment policy "${p.name}" (priority ${priorityText(p.priority)}, ${p.status}) for ` +
        `${p.groups.join(', ') || 'no group'}: required ${p.required.join(', ') || 'nothing'}; ` +
        `optional ${p.optional.join(', ') || 'nothing'}.`,
    });
  }
  if (mfa.sessionRules.length) {
    blocks.push({
      text:
        'Global session rules in the order Okta evaluates them (policy priority, then rule priority; ' +
        'first match wins):',
    });
    blocks.push({
      table: {
        headers: ['Priority', 'Global session rule', 'Groups', 'Access', 'MFA', 'Session lifetime', 'Idle', 'Network'],
        rows: mfa.sessionRules.map((r) => [
          `${priorityText(r.policyPriority)}.${priorityText(r.priority)}`,
          r.key,
          r.groups.join(', '),
          r.access,
          r.mfaRequired ? `required (${(r.mfaPrompt ?? 'default').toLowerCase()})` : 'not required',
          minutes(r.sessionLifetimeMinutes),
          minutes(r.sessionIdleMinutes),
          r.network,
        ]),
      },
    });
  }
  if (mfa.tiers.length) {
    blocks.push({
      text:
        'App sign-on rules per policy in the order Okta evaluates them (first match wins); the catch-all rule Okta ' +
        'keeps last applies when none matches. A looked-up policy also holds rules of its own the stack does not see.',
    });
    blocks.push({
      table: {
        headers: ['Tier (app sign-on policy)', 'Priority', 'Rule', 'Access', 'Requires', 'Groups', 'Apps'],
        rows: mfa.tiers.flatMap((t) => [
          ...t.rules.map((r) => [
            t.name,
            priorityText(r.priority),
            r.name,
            r.access,
            r.requires,
            r.groups.join(', ') || 'everyone',
            t.apps.join(', ') || '-',
          ]),
          ...(t.lookedUp
            ? []
            : [
                [
                  t.name,
                  'last',
                  'Catch-all Rule (Okta)',
                  t.catchAll ? 'ALLOW' : 'DENY',
                  t.catchAll ? 'one factor (assumed)' : 'denied',
                  'everyone',
                  t.apps.join(', ') || '-',
                ],
              ]),
        ]),
      },
    });
  }
  return blocks;
}

/** Routes an app can call: a route accepts any one of its scopes, so one shared scope suffices. */
export function routesFor(view: StackView, scopes: readonly string[]): string[] {
  return view.routes.filter((r) => !r.public && r.scopes.some((s) => scopes.includes(s))).map((r) => r.routeKey);
}

export function appsSection(view: StackView): Section {
  return {
    title: 'Apps: tier, scopes and routes',
    blocks: [
      {
        table: {
          headers: ['App', 'Type', 'Tier', 'Grants', 'Scopes it can obtain', 'Routes it can call'],
          rows: view.apps.map((a) => [
            a.label,
            a.type,
            a.tier ?? 'org default',
            a.grantTypes.join(', '),
            a.scopes.join(', ') || '-',
            routesFor(view, a.scopes).join(', ') || '-',
          ]),
        },
      },
    ],
  };
}

export function routesSection(view: StackView, declarations: Declarations): Section {
  const publicReasons = declarations.publicRoutes;
  return {
    title: 'Routes',
    blocks: [
      {
        table: {
          headers: ['Route', 'Authorization', 'Scopes (any one)', 'Throttling', 'Public because', 'Integration'],
          rows: view.routes.map((r) => [
            r.routeKey,
            r.public ? 'public' : r.authorizationType,
            r.scopes.join(', ') || '-',
            r.throttling
              ? `${r.throttling.rateLimit ?? '?'}/s, burst ${r.throttling.burstLimit ?? '?'} (${r.throttling.source})`
              : 'none',
            r.public ? (publicReasons[r.routeKey] ?? '(no reason recorded)') : '-',
            `\`${r.integration}\``,
          ]),
        },
      },
    ],
  };
}

/** Access rules in evaluation order (policy priority, then rule priority) with their lifetimes. */
export function tokenLifetimesSection(view: StackView): Section {
  return {
    title: 'Token lifetimes',
    blocks: [
      {
        text:
          'Access rules in the order the authorization server evaluates them: policies whose client list holds the ' +
          'app, by priority, then their rules by priority; the first that matches issues the token.',
      },
      {
        table: {
          headers: [
            'Priority',
            'Access rule',
            'Apps',
            'Groups',
            'Grants',
            'Access token',
            'Refresh token',
            'Refresh idle window',
          ],
          rows: view.accessRules.map((r) => [
            `${priorityText(r.policyPriority)}.${priorityText(r.priority)}`,
            r.key,
            r.clients.join(', '),
            r.groups.join(', '),
            r.grantTypes.join(', '),
            minutes(r.accessTokenLifetimeMinutes),
            r.refreshTokenLifetimeMinutes === undefined ? '-' : minutes(r.refreshTokenLifetimeMinutes),
            r.refreshTokenWindowMinutes === undefined ? '-' : minutes(r.refreshTokenWindowMinutes),
          ]),
        },
      },
    ],
  };
}

export function findingsSection(findings: readonly ReviewFinding[]): Section {
  return tableSection(
    'Guardrail findings',
    {
      headers: ['Rule', 'Severity', 'Resource', 'Finding'],
      rows: findings.map((f) => [f.ruleId, f.severity, f.address, f.message]),
    },
    'No guardrail findings.',
  );
}

/** Only the cells that differ from what the rest of their tier gets: the matrix to read first. */
export function accessExceptionsSection(rows: readonly (readonly string[])[]): Section {
  return tableSection(
    'Access matrix: exceptions only',
    { headers: ['Tier', 'Context', 'Who', 'Gets', 'Most of the tier gets', 'Routes'], rows },
    'No exceptions: in every context, everyone in a tier gets what the rest of the tier gets on every route.',
    "Cells of the access matrix that differ from their tier's norm (what most rows of the same sign-on tier get for " +
      'the route in that context), simulated from the synthesized policies. The full matrix is at the end.',
  );
}

/** The full matrix, one table per context (`npm run simulate -- --env <env> --matrix`). */
export function accessMatrixSection(model: StackModel): Section {
  const tables = accessTables(model);
  if (tables.every((t) => t.rows.length === 0))
    return { title: 'Access matrix', blocks: [{ text: "No app signs in to this stack's authorization server." }] };
  const intro =
    'Who reaches which route, with the weakest sign-in that gets through, simulated from the ' +
    'synthesized policies (see docs/simulator.md). Groups assigned to no app reach only public routes.';
  return {
    title: 'Access matrix',
    blocks: [
      { text: intro },
      ...tables.flatMap((t) => [{ text: `Context: ${t.context}.` }, { table: { headers: t.headers, rows: t.rows } }]),
    ],
  };
}

export { accessExceptions };

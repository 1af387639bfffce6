/**
 * The rule engine: runs every rule of the catalogue (guardrails and provider conformance) over StackModels,
 * applies the stack's recorded suppressions, and renders findings (a table for humans, one line each for the
 * CLI, JSON for tools).
 * The review tool calls `checkStack` / `checkStacks` with the same StackModel.
 */
import { ALL_RULES } from './catalogue';
import type { StackModel } from '../synthesized/model';
import type { Rule, RuleResult, Severity } from './rule';
import { isReasonEnough, REASON_ALLOWED } from '../domain/bounds';

/** Rule id used for findings about the suppressions themselves (unknown rule, missing reason, expired). */
export const SUPPRESSION_RULE_ID = 'SUPPRESSION';

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly stack: string;
  /** Resource address, `provider.<name>`, `output.<name>`, or the stack name for stack-level findings. */
  readonly address: string;
  readonly message: string;
  /** Set when a valid suppression covers the finding: it is shown but does not fail. */
  readonly suppressed?: { readonly reason: string; readonly expires?: string };
}

export interface StackReport {
  readonly stack: string;
  /** Every finding, suppressed ones included, sorted by severity, rule id and address. */
  readonly findings: readonly Finding[];
  /** Each rule's status on this stack, by rule id. */
  readonly statuses: Readonly<Record<string, RuleResult['status']>>;
}

export interface CheckOptions {
  /** @default ALL_RULES (the whole catalogue: guardrails and provider conformance) */
  readonly rules?: readonly Rule[];
  /** The day suppressions are checked against, `YYYY-MM-DD`. @default - today (UTC) */
  readonly today?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Runs the rules over one stack and applies its recorded suppressions. */
export function checkStack(stack: StackModel, options: CheckOptions = {}): StackReport {
  const rules = options.rules ?? ALL_RULES;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const statuses: Record<string, RuleResult['status']> = {};
  const raw: Finding[] = [];
  for (const rule of rules) {
    let result: RuleResult;
    try {
      result = rule.check(stack);
    } catch (e) {
      result = {
        status: 'non-compliant',
        findings: [{ address: stack.stackName, message: `the rule failed to run: ${(e as Error).message}` }],
      };
    }
    statuses[rule.id] = result.status;
    if (result.status !== 'non-compliant') continue;
    for (const f of result.findings)
      raw.push({
        ruleId: rule.id,
        severity: rule.severity,
        stack: stack.stackName,
        address: f.address,
        message: f.message,
      });
  }

  const findings: Finding[] = [];
  const valid: { ruleId: string; address: string; reason: string; expires?: string }[] = [];
  for (const s of stack.declarations.suppressions) {
    const problem = (message: string) =>
      findings.push({
        ruleId: SUPPRESSION_RULE_ID,
        severity: 'error',
        stack: stack.stackName,
        address: s.address || stack.stackName,
        message: `suppression of ${s.ruleId || '(no rule id)'}: ${message}`,
      });
    if (!rules.some((r) => r.id === s.ruleId) && !ALL_RULES.some((r) => r.id === s.ruleId)) problem('unknown rule id');
    else if (!isReasonEnough(s.reason)) problem(`${REASON_ALLOWED} is required`);
    else if (s.expires !== undefined && !DATE.test(s.expires))
      problem(`expires = ${s.expires} is not a YYYY-MM-DD date`);
    else if (s.expires !== undefined && s.expires < today) problem(`expired on ${s.expires}`);
    else valid.push(s);
  }
  for (const f of raw) {
    const s = valid.find((v) => v.ruleId === f.ruleId && v.address === f.address);
    findings.push(s ? { ...f, suppressed: { reason: s.reason, expires: s.expires } } : f);
  }
  for (const s of valid) {
    if (!raw.some((f) => f.ruleId === s.ruleId && f.address === s.address)) {
      findings.push({
        ruleId: SUPPRESSION_RULE_ID,
        severity: 'warning',
        stack: stack.stackName,
        address: s.address,
        message: `suppression of ${s.ruleId} matches no finding: remove it`,
      });
    }
  }
  return { stack: stack.stackName, findings: sortFindings(findings), statuses };
}

/** Runs the rules over several stacks. */
export function checkStacks(stacks: readonly StackModel[], options: CheckOptions = {}): StackReport[] {
  return stacks.map((s) => checkStack(s, options));
}

/** Findings that fail a run: errors that are not suppressed. */
export function failing(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' && !f.suppressed);
}

/** One line per finding: rule id, severity, stack, resource address, message. */
export function formatLine(f: Finding): string {
  const severity = f.suppressed
    ? `${f.severity} (suppressed: ` +
      `${f.suppressed.reason}${f.suppressed.expires ? `, until ${f.suppressed.expires}` : ''})`
    : f.severity;
  return `${f.ruleId}  ${severity}  ${f.stack}  ${f.address}  ${f.message}`;
}

/** A readable table of findings (for synth output). */
export function formatTable(findings: readonly Finding[]): string {
  const head = ['Rule', 'Severity', 'Stack', 'Resource', 'Message'];
  const rows = findings.map((f) => [
    f.ruleId,
    f.suppressed ? `${f.severity} (suppressed)` : f.severity,
    f.stack,
    f.address,
    f.message,
  ]);
  const widths = head.map((h, i) => Math.min(Math.max(h.length, ...rows.map((r) => r[i].length)), i === 4 ? 120 : 70));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 };

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.ruleId.localeCompare(b.ruleId, 'en', { numeric: true }) ||
      a.address.localeCompare(b.address) ||
      a.message.localeCompare(b.message),
  );
}

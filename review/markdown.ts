/**
 * Renders a Review as a pull-request comment: a summary table per environment with badges, the items
 * that weaken security first (one plain sentence each), replacements and destroys, guardrail findings,
 * what got stronger, then the attribute-level details in collapsible sections.
 */
import type { ResourceChange } from './diff';
import type { Review, StackReview } from './review';
import { htmlText, maskCredentials, mdCode, mdSentence, mdText } from './escape';

/** Marks the comment so CI updates it instead of adding another. */
export const COMMENT_MARKER = '<!-- identity-gateway-review -->';

/** GitHub refuses comments over 65536 characters; details are cut to stay under. */
const MAX_CHARS = 60000;

/** Heading and marker of the rendered review (release notes and rollbacks use their own). */
export interface RenderOptions {
  /** @default 'Identity gateway: review of the synthesized stacks' */
  readonly title?: string;
  /** @default COMMENT_MARKER */
  readonly marker?: string;
}

export function renderMarkdown(review: Review, options: RenderOptions = {}): string {
  const title = options.title ?? 'Identity gateway: review of the synthesized stacks';
  const lines: string[] = [options.marker ?? COMMENT_MARKER, `## ${title}`, ''];
  lines.push(
    `Compared ${mdCode(review.base)} (base) with ${mdCode(review.head)} ` +
      `(head), from the synthesized Terraform JSON alone.`,
    '',
  );
  const changed = review.stacks.filter((s) => s.status !== 'unchanged');
  if (changed.length === 0) {
    lines.push('No changes to any synthesized stack.');
    return lines.join('\n') + '\n';
  }

  lines.push(
    '| Environment | Resources | Security | Replaced | Protected destroyed | Guardrail findings |',
    '|---|---|---|---|---|---|',
  );
  for (const s of review.stacks) lines.push(summaryRow(s));
  lines.push('');

  const items = (pick: (s: StackReview) => string[]) =>
    review.stacks.flatMap((s) => pick(s).map((t) => `- **${mdText(s.environment)}**: ${t}`));

  const weakens = items((s) => [
    ...s.posture.filter((p) => p.direction === 'weaken').map((p) => mdSentence(p.sentence)),
    ...s.access.filter((a) => a.kind === 'weakens').map((a) => mdSentence(a.sentence)),
  ]);
  if (weakens.length) lines.push('### 🔴 Weakens security', '', ...weakens, '');

  const widens = items((s) => s.access.filter((a) => a.kind === 'widens').map((a) => mdSentence(a.sentence)));
  if (widens.length)
    lines.push('### ↗ Access widens (simulated: who reaches what they could not before)', '', ...widens, '');

  const risky = items((s) =>
    s.resources.flatMap((r) => [
      ...(r.destroysProtected
        ? [
            r.kind === 'changed'
              ? `⛔ must destroy the protected ${mdCode(r.subject)} to replace it: Terraform refuses the ` +
                `plan while prevent_destroy is set, and without it the resource is deleted and recreated.`
              : `⛔ destroys the protected ${mdCode(r.subject)}: its block is gone, ` +
                `so prevent_destroy no longer stops Terraform from deleting it.`,
          ]
        : []),
      ...(r.replacement.length
        ? [`🟠 replaces ${mdCode(r.subject)}: ${r.replacement.map(mdSentence).join('; ')}.`]
        : []),
    ]),
  );
  if (risky.length) lines.push('### 🟠 Replaced or destroyed', '', ...risky, '');

  const introduced = items((s) =>
    s.findings.introduced.map(
      (f) =>
        `${f.severity === 'error' ? '🔴' : '🟡'} new ${f.severity} ` +
        `**${f.ruleId}** on ${mdCode(f.address)}: ${mdSentence(f.message)}`,
    ),
  );
  const fixed = items((s) =>
    s.findings.fixed.map((f) => `✅ fixed **${f.ruleId}** on ${mdCode(f.address)}: ${mdSentence(f.message)}`),
  );
  if (introduced.length || fixed.length) lines.push('### Guardrail findings', '', ...introduced, ...fixed, '');

  const strengthens = items((s) => [
    ...s.posture.filter((p) => p.direction === 'strengthen').map((p) => mdSentence(p.sentence)),
    ...s.access.filter((a) => a.kind === 'strengthens').map((a) => mdSentence(a.sentence)),
  ]);
  if (strengthens.length) lines.push('### 🟢 Strengthens security', '', ...strengthens, '');

  const narrows = items((s) => s.access.filter((a) => a.kind === 'narrows').map((a) => mdSentence(a.sentence)));
  if (narrows.length)
    lines.push('### ↘ Access narrows (simulated: who no longer reaches what they could)', '', ...narrows, '');

  const other = items((s) => s.posture.filter((p) => p.direction === 'neutral').map((p) => mdSentence(p.sentence)));
  if (other.length) lines.push('### Other changes', '', ...other, '');

  const head = lines.join('\n') + '\n';
  let details = '';
  for (const s of changed) {
    const block = stackDetails(s);
    if (head.length + details.length + block.length > MAX_CHARS) {
      details +=
        `\n_Details of ${mdText(s.stack)} and later stacks are cut to keep this comment under GitHub's size limit; ` +
        'run `npm run review` locally for all of them._\n';
      break;
    }
    details += block;
  }
  return head + details;
}

function summaryRow(s: StackReview): string {
  const c = s.counts;
  const env = mdText(s.environment);
  if (s.status === 'unchanged') return `| ${env} | no change | | | | |`;
  const resources =
    `+${c.added} / −${c.removed} / ` +
    `~${c.changed}${s.status === 'added' ? ' (new stack)' : s.status === 'removed' ? ' (stack removed)' : ''}`;
  const security =
    [
      c.weakens ? `🔴 ${c.weakens} weaken${c.weakens === 1 ? 's' : ''}` : '',
      c.widens ? `↗ ${c.widens} widen${c.widens === 1 ? 's' : ''}` : '',
      c.strengthens ? `🟢 ${c.strengthens} strengthen${c.strengthens === 1 ? 's' : ''}` : '',
      c.narrows ? `↘ ${c.narrows} narrow${c.narrows === 1 ? 's' : ''}` : '',
    ]
      .filter((x) => x)
      .join(' · ') || '—';
  const replaced = c.replaced ? `🟠 ${c.replaced}` : '—';
  const destroyed = c.destroyed ? `⛔ ${c.destroyed}` : '—';
  const newErrors = s.findings.introduced.filter((f) => f.severity === 'error').length;
  const newWarnings = c.findingsIntroduced - newErrors;
  const findings =
    [
      newErrors ? `🔴 ${newErrors} new error${newErrors === 1 ? '' : 's'}` : '',
      newWarnings ? `🟡 ${newWarnings} new warning${newWarnings === 1 ? '' : 's'}` : '',
      c.findingsFixed ? `✅ ${c.findingsFixed} fixed` : '',
    ]
      .filter((x) => x)
      .join(' · ') || '—';
  return `| ${env} | ${resources} | ${security} | ${replaced} | ${destroyed} | ${findings} |`;
}

function stackDetails(s: StackReview): string {
  const c = s.counts;
  const imported = s.resources.filter((r) => r.kind === 'imported').length;
  const out: string[] = [
    `<details><summary><b>${htmlText(s.stack)}</b>: ${c.added} ` +
      `added, ${c.removed} removed, ${c.changed} changed${imported ? `, ${imported} imported` : ''}</summary>`,
    '',
  ];
  for (const r of s.resources) out.push(...resourceDetails(r), '');
  out.push('</details>', '');
  return out.join('\n') + '\n';
}

const SIGN: Record<ResourceChange['kind'], string> = {
  added: '+',
  removed: '−',
  changed: '~',
  readdressed: '→',
  imported: '⇐',
};

function resourceDetails(r: ResourceChange): string[] {
  const tags = [r.replacement.length ? 'replaced' : '', r.destroysProtected ? 'protected, destroyed' : ''].filter(
    (x) => x,
  );
  const where = r.baseAddress ? `${mdCode(r.baseAddress)} → ${mdCode(r.address)}` : mdCode(r.address);
  const out = [
    `**${SIGN[r.kind]} ${mdText(r.subject)}** ${r.kind} (${where})${tags.length ? ` **${tags.join(', ')}**` : ''}`,
    '',
  ];
  if (r.attributes.length === 0)
    return r.kind === 'readdressed' ? [...out, 'Same attributes under a new address.'] : out;
  if (r.kind === 'added' || r.kind === 'removed' || r.kind === 'imported') {
    out.push('| Attribute | Value |', '|---|---|');
    for (const a of r.attributes)
      out.push(`| ${mdCode(a.path)} | ${cell(r.kind === 'removed' ? a.before : a.after)} |`);
    return out;
  }
  out.push('| Attribute | Before | After |', '|---|---|---|');
  for (const a of r.attributes) {
    out.push(
      `| ${mdCode(a.path)}${a.forcesReplacement ? ' ⚠️ forces replacement' : ''} ` +
        `| ${cell(a.before)} | ${cell(a.after)} |`,
    );
  }
  return out;
}

function cell(v: string | undefined): string {
  if (v === undefined) return '_unset_';
  const masked = maskCredentials(v);
  return mdCode(masked.length > 140 ? `${masked.slice(0, 137)}...` : masked);
}

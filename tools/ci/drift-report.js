/**
 * Usage: node drift-report.js <refresh-only plan as JSON> <stack>
 * Reads `terraform show -json` of a refresh-only plan and prints, as markdown, what drifted: each resource
 * changed or deleted outside Terraform with the attributes that differ (paths only: values stay in the
 * redacted plan text), and outputs whose value the plan would change. Exit code: 0 nothing changed,
 * 1 infrastructure drift (resource_drift), 2 only outputs change (the state holds another artifact's
 * outputs than the one compared: not drift, a wrong comparison). Plain Node.js, no dependencies.
 */
'use strict';
const { readFileSync } = require('node:fs');

const MAX_PATHS = 20;
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Attribute paths whose values differ between two JSON values (`a.b[0].c`), sorted. */
function changedPaths(before, after, path = '') {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => changedPaths(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    return Array.from({ length: n }, (_, i) => changedPaths(before[i], after[i], `${path}[${i}]`)).flat();
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [path || '(whole object)'];
}

const changes = (actions) => !(actions || []).every((a) => a === 'no-op' || a === 'read');

/** What a refresh-only plan says drifted. */
function driftReport(plan) {
  const resources = (plan.resource_drift || [])
    .filter((r) => changes(r.change && r.change.actions))
    .map((r) => {
      const actions = r.change.actions.join('+');
      const deleted = r.change.actions.includes('delete') && r.change.after == null;
      return {
        address: r.address,
        actions: deleted ? 'deleted outside Terraform' : actions,
        attributes: deleted ? [] : changedPaths(r.change.before, r.change.after),
      };
    })
    .sort((a, b) => (a.address < b.address ? -1 : 1));
  const outputs = Object.entries(plan.output_changes || {})
    .filter(([, c]) => changes(c.actions))
    .map(([name]) => name)
    .sort();
  // A refresh-only plan's prior_state holds the outputs re-evaluated from the configuration (Terraform 1.11):
  // the state's own value is the `before` of a changed output.
  const outputsOf = (plan.prior_state && plan.prior_state.values && plan.prior_state.values.outputs) || {};
  const changed = (plan.output_changes || {}).stack_version;
  const stateVersion =
    changed && changes(changed.actions)
      ? changed.before
      : outputsOf.stack_version
        ? outputsOf.stack_version.value
        : undefined;
  return { resources, outputs, stateVersion };
}

const code = (s) => `\`${String(s).replace(/`/g, "'")}\``;

function renderDrift(report, stack) {
  const lines = [];
  if (report.resources.length > 0) {
    lines.push(`### ⚠️ Drift in ${stack}`, '');
    lines.push(
      `${report.resources.length} resource(s) changed outside Terraform since ${stack}` +
        `${report.stateVersion ? ` (${report.stateVersion})` : ''} was applied:`,
      '',
    );
    lines.push('| Resource | Change | Attributes that differ |', '| --- | --- | --- |');
    for (const r of report.resources) {
      const shown = r.attributes.slice(0, MAX_PATHS).map(code).join(', ');
      const more = r.attributes.length > MAX_PATHS ? `, and ${r.attributes.length - MAX_PATHS} more` : '';
      lines.push(`| ${code(r.address)} | ${r.actions} | ${shown || '—'}${more} |`);
    }
    lines.push('');
  }
  if (report.outputs.length > 0) {
    lines.push(
      `Outputs the comparison would change: ${report.outputs.map(code).join(', ')}` +
        (report.resources.length > 0
          ? ' (values that follow from the drift above).'
          : `: the state holds the outputs of ${report.stateVersion || 'another version'}, not of the artifact ` +
            'compared, so this is not drift but a comparison with the wrong artifact.'),
      '',
    );
  }
  return lines.join('\n');
}

if (require.main === module) {
  const [file, stack] = process.argv.slice(2);
  const report = driftReport(JSON.parse(readFileSync(file, 'utf8')));
  process.stdout.write(renderDrift(report, stack || 'the stack'));
  process.exitCode = report.resources.length > 0 ? 1 : report.outputs.length > 0 ? 2 : 0;
}

module.exports = { changedPaths, driftReport, renderDrift };

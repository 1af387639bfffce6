/**
 * The guardrails (and the provider-conformance rules, guardrails/conformance/) as part of
 * `npm run synth` / `cdktf synth`: after app.synth(), every synthesized stack is checked as it was written
 * (what ships is what is checked). The caller passes the stacks it read (stacks/app.ts `synthesizeApp`
 * reads each once, from cdk.tf.json, or with `cdktf synth --hcl` from the stack's own toTerraform(), which is
 * what cdktf rendered the HCL from).
 */
import { checkStacks, failing, formatTable, type Finding } from './engine';
import type { StackModel } from '../synthesized/model';

export interface SynthCheck {
  readonly findings: readonly Finding[];
  /** Whether an unsuppressed error was found (synth must exit non-zero). */
  readonly failed: boolean;
  /** The stacks with an unsuppressed error: their output must not be left deployable. */
  readonly failedStacks: readonly string[];
  /** What to print: the table of findings and a one-line verdict; empty when there is nothing to say. */
  readonly output: string;
}

export function checkAfterSynth(stacks: readonly StackModel[], today?: string): SynthCheck {
  const findings = checkStacks(stacks, { today }).flatMap((r) => r.findings);
  const errors = failing(findings);
  const warnings = findings.filter((f) => f.severity === 'warning' && !f.suppressed).length;
  const failedStacks = [...new Set(errors.map((f) => f.stack))].sort();
  if (findings.length === 0) return { findings, failed: false, failedStacks, output: '' };
  const verdict =
    errors.length > 0
      ? `Guardrails: ${errors.length} error(s), ${warnings} warning(s). Fix ` +
        `the errors or suppress them with a reason in the environment's config.`
      : `Guardrails: no errors, ${warnings} warning(s).`;
  return { findings, failed: errors.length > 0, failedStacks, output: `${formatTable(findings)}\n${verdict}\n` };
}

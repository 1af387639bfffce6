/**
 * The guardrails as part of `npm run synth` / `cdktf synth`: after app.synth(), every synthesized
 * stack is checked from its written cdk.tf.json (what ships is what is checked).
 */
import { join } from 'node:path';
import { checkStacks, failing, formatTable, type Finding } from './engine';
import { StackModel } from './model';

export interface SynthCheck {
  readonly findings: readonly Finding[];
  /** Whether an unsuppressed error was found (synth must exit non-zero). */
  readonly failed: boolean;
  /** What to print: the table of findings and a one-line verdict; empty when there is nothing to say. */
  readonly output: string;
}

export function checkAfterSynth(outdir: string, stackNames: readonly string[], today?: string): SynthCheck {
  const stacks = stackNames.map((name) => StackModel.fromFile(join(outdir, 'stacks', name, 'cdk.tf.json'), name));
  const findings = checkStacks(stacks, { today }).flatMap((r) => r.findings);
  const errors = failing(findings);
  const warnings = findings.filter((f) => f.severity === 'warning' && !f.suppressed).length;
  if (findings.length === 0) return { findings, failed: false, output: '' };
  const verdict =
    errors.length > 0
      ? `Guardrails: ${errors.length} error(s), ${warnings} warning(s). Fix the errors or suppress them with a reason in the environment's config.`
      : `Guardrails: no errors, ${warnings} warning(s).`;
  return { findings, failed: errors.length > 0, output: `${formatTable(findings)}\n${verdict}\n` };
}

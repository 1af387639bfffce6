/**
 * Benchmark child: synthesizes one generated config exactly as `npm run synth` synthesizes an
 * environment (build, synth, guardrails), then reports its own peak memory on stdout as JSON.
 * Usage: node -r ./tools/register.js bench/synth-config.ts <config.json> <outdir>
 */
import { readFileSync } from 'node:fs';
import { buildApp } from '../stacks/app';
import { checkAfterSynth } from '../guardrails/synth';

const [configFile, outdir] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configFile, 'utf8'));
const { app, stacks, problems } = buildApp({ environments: { prod: config }, version: '0.0.0-bench', outdir });
if (problems.length > 0) throw new Error(`invalid config ${configFile}: ${problems.length} problem(s)`);
app.synth();
const guardrails = checkAfterSynth(
  app.outdir,
  Object.values(stacks).map((s) => s.node.id),
);
process.stdout.write(
  `${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, guardrailsFailed: guardrails.failed })}\n`,
);

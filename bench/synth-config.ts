/**
 * Benchmark child: synthesizes one generated config exactly as `npm run synth` synthesizes an
 * environment (build, synth, guardrails), then reports its own peak memory on stdout as JSON.
 * Usage: node -r ./tools/register.js bench/synth-config.ts <config.json> <outdir>
 */
import { readFileSync } from 'node:fs';
import { buildApp, synthesizeApp } from '../stacks/app';

const [configFile, outdir] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configFile, 'utf8'));
const built = buildApp({ environments: { prod: config }, version: '0.0.0-bench', outdir });
const names = Object.values(built.stacks).map((s) => s.node.id);
const written = synthesizeApp(built.app, names, built.outdir, { configs: built.configs, guardrails: true });
const problems = [...built.problems, ...written.problems];
if (problems.length > 0) throw new Error(`invalid config ${configFile}: ${problems.length} problem(s)`);
process.stdout.write(
  `${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, guardrailsFailed: written.guardrails!.failed })}\n`,
);

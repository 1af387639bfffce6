/**
 * `npm run bench`: measures synth, tests, type-checking, guardrails, review and the access matrix, each
 * figure the median of several runs, checks them against the budgets, prints a table and writes
 * bench/results.json. Generated scale configs live in a temporary directory and are removed after.
 *
 * Options: --runs N (default 3) for every figure; --skip-tests to leave out `npm test` (the slowest).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { changeTenPlaces, generateConfig, type ScaleSpec } from './generate';

const ROOT = join(__dirname, '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
const skipTests = args.includes('--skip-tests');
const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };
delete env.CDKTF_OUTDIR;
const node = process.execPath;
const register = ['-r', join(ROOT, 'tools', 'register.js')];

interface Timing {
  readonly medianMs: number;
  readonly runsMs: number[];
}

/** Runs a command `n` times and returns the median wall time; fails loudly on a non-zero exit. */
function time(label: string, command: string, argv: string[], n = runs): Timing & { stdout: string } {
  const runsMs: number[] = [];
  let stdout = '';
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, argv, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) {
      throw new Error(`${label} failed (exit ${r.status}):\n${(r.stderr || r.stdout || '').slice(-4000)}`);
    }
    runsMs.push(Math.round(ms));
    stdout = r.stdout;
    process.stderr.write(`  ${label}: run ${i + 1}/${n} ${Math.round(ms)} ms\n`);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)], runsMs, stdout };
}

const work = mkdtempSync(join(tmpdir(), 'igw-bench-'));
const results: Record<string, unknown> = {};
const budgets: { name: string; value: string; budget: string; pass: boolean }[] = [];
const budget = (name: string, value: string, limit: string, pass: boolean) => budgets.push({ name, value, budget: limit, pass });
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

try {
  process.stderr.write('Synth of the three default environments\n');
  const synth = time('npm run synth', 'npm', ['run', '--silent', 'synth']);
  const reference = time('cdktf synth with ts-node (template)', 'npx', ['cdktf', 'synth', '--app', 'npx ts-node main.ts', '--output', join(work, 'reference.out')]);
  const ratio = reference.medianMs / synth.medianMs;
  results.synth = { npmRunSynth: synth, templateCdktfTsNode: reference, speedup: Number(ratio.toFixed(2)) };
  budget('three-environment synth (npm run synth)', s(synth.medianMs), '<= 2.5 s', synth.medianMs <= 2500);
  budget('faster than the template (cdktf-cli + ts-node)', `${ratio.toFixed(1)}x (${s(reference.medianMs)})`, '>= 2x', ratio >= 2);

  process.stderr.write('Type-check and tests\n');
  const tsc = time('tsc --noEmit (cold)', node, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--incremental', 'false']);
  results.typecheck = tsc;
  if (!skipTests) {
    const tests = time('npm test', 'npm', ['test', '--silent']);
    results.npmTest = tests;
    budget('npm test', s(tests.medianMs), '<= 60 s', tests.medianMs <= 60000);
  }

  process.stderr.write('Scale\n');
  const specs: Record<string, ScaleSpec> = {
    'S: 100 routes, 20 apps, 5 groups': { routes: 100, apps: 20, groups: 5 },
    'M: 500 routes, 100 apps, 20 groups': { routes: 500, apps: 100, groups: 20 },
    'L: 1,000 routes, 200 apps, 50 groups': { routes: 1000, apps: 200, groups: 50 },
    'XL: 2,000 routes, 200 apps, 50 groups': { routes: 2000, apps: 200, groups: 50 },
  };
  const scale: Record<string, unknown> = {};
  const outdirs: Record<string, string> = {};
  for (const [label, spec] of Object.entries(specs)) {
    const file = join(work, `${spec.routes}-${spec.apps}-${spec.groups}.json`);
    writeFileSync(file, JSON.stringify(generateConfig(spec)));
    const outdir = join(work, `${spec.routes}-${spec.apps}-${spec.groups}.out`);
    const t = time(`synth ${label}`, node, [...register, join(ROOT, 'bench', 'synth-config.ts'), file, outdir]);
    const { maxRssKb } = JSON.parse(t.stdout.trim().split('\n').pop()!);
    const bytes = statSync(join(outdir, 'stacks', 'identity-gateway-prod', 'cdk.tf.json')).size;
    scale[label] = { ...spec, synth: { medianMs: t.medianMs, runsMs: t.runsMs }, peakRssMb: Math.round(maxRssKb / 1024), synthesizedBytes: bytes };
    outdirs[label] = outdir;
  }
  results.scale = scale;
  const L = scale['L: 1,000 routes, 200 apps, 50 groups'] as { synth: Timing; peakRssMb: number };
  const XL = scale['XL: 2,000 routes, 200 apps, 50 groups'] as { synth: Timing };
  budget('1,000 routes + 200 apps: synth', s(L.synth.medianMs), '<= 6 s', L.synth.medianMs <= 6000);
  budget('1,000 routes + 200 apps: peak RSS', `${L.peakRssMb} MB`, '<= 1,536 MB', L.peakRssMb <= 1536);
  const growth = XL.synth.medianMs / L.synth.medianMs;
  budget('linear growth: 2,000-route synth / 1,000-route synth', `${growth.toFixed(2)}x`, '<= 2.3x', growth <= 2.3);

  process.stderr.write('Guardrails, access matrix and review on the 1,000-route output\n');
  const lOut = outdirs['L: 1,000 routes, 200 apps, 50 groups'];
  const check = time('guardrail check (1,000 routes)', node, [...register, join(ROOT, 'guardrails', 'cli.ts'), 'check', '--dir', lOut]);
  results.guardrailCheck = { medianMs: check.medianMs, runsMs: check.runsMs };
  budget('guardrail check of the 1,000-route output', s(check.medianMs), '<= 1 s', check.medianMs <= 1000);

  const matrix = time('access matrix (1,000 routes)', node, [...register, join(ROOT, 'simulator', 'cli.ts'), '--dir', lOut, '--env', 'prod', '--matrix']);
  results.accessMatrix = { medianMs: matrix.medianMs, runsMs: matrix.runsMs };
  budget('full access matrix of the 1,000-route output (npm run simulate -- --matrix)', s(matrix.medianMs), '<= 2 s', matrix.medianMs <= 2000);

  const changedFile = join(work, 'changed.json');
  writeFileSync(changedFile, JSON.stringify(changeTenPlaces(generateConfig(specs['L: 1,000 routes, 200 apps, 50 groups']))));
  const changedOut = join(work, 'changed.out');
  time('synth changed 1,000-route config', node, [...register, join(ROOT, 'bench', 'synth-config.ts'), changedFile, changedOut], 1);
  const review = time('review diff (two 1,000-route outputs, ten changes)', node, [...register, join(ROOT, 'review', 'cli.ts'), '--base-dir', lOut, '--head-dir', changedOut, '--json']);
  const reviewed = JSON.parse(review.stdout);
  results.reviewDiff = { medianMs: review.medianMs, runsMs: review.runsMs };
  budget('review diff of two 1,000-route outputs', s(review.medianMs), '<= 1 s', review.medianMs <= 1000);
  if (!reviewed) throw new Error('review produced no JSON');

  results.machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
  results.runs = runs;
  results.budgets = budgets;
  results.allBudgetsPass = budgets.every((b) => b.pass);
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

  const rows = [
    ['Measure', 'Median', 'Budget', ''],
    ['---', '---', '---', '---'],
    ...budgets.map((b) => [b.name, b.value, b.budget, b.pass ? 'pass' : 'FAIL']),
    ['tsc --noEmit (cold)', s(tsc.medianMs), '-', ''],
    ...Object.entries(scale).map(([label, v]) => {
      const x = v as { synth: Timing; peakRssMb: number; synthesizedBytes: number };
      return [`synth ${label}`, `${s(x.synth.medianMs)}, ${x.peakRssMb} MB RSS, ${(x.synthesizedBytes / 1e6).toFixed(1)} MB JSON`, '-', ''];
    }),
  ];
  process.stdout.write(`${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n\nMedians of ${runs} run(s); written to bench/results.json.\n`);
  if (!results.allBudgetsPass) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

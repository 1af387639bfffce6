/**
 * `npm run bench`: measures synth, tests, type-checking, guardrails, review, the access matrix and the
 * preflight against the Okta stand-in, each figure the median of several runs, checks them against the
 * budgets (bench/report.ts) and prints a table. Generated scale configs live in a temporary directory
 * and are removed after.
 *
 * Options: --runs N (default 3) for every figure; --skip-tests to leave out `npm test` (the slowest);
 * --write to replace the committed bench/results.json (figures only) with this run's figures (without
 * it nothing is written, so a quick `--runs 1` never overwrites the committed results).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { changeTenPlaces, generateConfig } from './generate';
import { benchOptions, failedBudgets, performanceTable, SCALE_SPECS } from './report';
import type { BenchResults, ScaleFigures, Timing } from './report';
import { runCommand, UsageError, type Command } from '../domain/cli';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { tscOf } = require('../tools/typecheck') as { tscOf: (root: string) => string };

const ROOT = join(__dirname, '..');
let { runs, skipTests, write } = { runs: 3, skipTests: false, write: false };
const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };
delete env.CDKTF_OUTDIR;
const node = process.execPath;
const register = ['-r', join(ROOT, 'tools', 'register.js')];

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

const timing = (t: Timing): Timing => ({ medianMs: t.medianMs, runsMs: t.runsMs });

/** The preflight of a synth output against the Okta stand-in (bench/preflight.ts), once per run. */
function preflightFigures(outdir: string): NonNullable<BenchResults['preflight']> {
  process.stderr.write('Preflight of the 1,000-route output against the Okta stand-in\n');
  const preflights = Array.from({ length: runs }, (_, i) => {
    const argv = [...register, join(ROOT, 'bench', 'preflight.ts'), outdir];
    const t = time(`preflight (1,000 routes) ${i + 1}/${runs}`, node, argv, 1);
    return JSON.parse(t.stdout.trim().split('\n').pop()!) as { ms: number; maxRateShare: number; requests: number };
  });
  const ms = preflights.map((p) => p.ms);
  return {
    medianMs: [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)],
    runsMs: ms,
    maxRateShare: Math.max(...preflights.map((p) => p.maxRateShare)),
    requests: preflights[0].requests,
  };
}

/** Every figure, checked against the budgets; returns the exit code (1 over budget). */
function measure(): number {
  const work = mkdtempSync(join(tmpdir(), 'igw-bench-'));
  const results: Record<string, unknown> = {};
  let code = 0;

  try {
    process.stderr.write('Synth of the three default environments\n');
    const synth = time('npm run synth', 'npm', ['run', '--silent', 'synth']);
    const reference = time('cdktf synth with ts-node (template)', 'npx', [
      'cdktf',
      'synth',
      '--app',
      'npx ts-node main.ts',
      '--output',
      join(work, 'reference.out'),
    ]);
    const ratio = reference.medianMs / synth.medianMs;
    results.synth = {
      npmRunSynth: timing(synth),
      templateCdktfTsNode: timing(reference),
      speedup: Number(ratio.toFixed(2)),
    };

    process.stderr.write('Type-check and tests\n');
    const tsc = time('tsc --noEmit (cold)', node, [tscOf(ROOT), '--noEmit', '--incremental', 'false']);
    results.typecheck = timing(tsc);
    if (!skipTests) {
      const tests = time('npm test', 'npm', ['test', '--silent']);
      results.npmTest = timing(tests);
    }

    process.stderr.write('Scale\n');
    const specs = SCALE_SPECS;
    const scale: Record<string, ScaleFigures> = {};
    const outdirs: Record<string, string> = {};
    for (const [label, spec] of Object.entries(specs)) {
      const file = join(work, `${spec.routes}-${spec.apps}-${spec.groups}.json`);
      writeFileSync(file, JSON.stringify(generateConfig(spec)));
      const outdir = join(work, `${spec.routes}-${spec.apps}-${spec.groups}.out`);
      const t = time(`synth ${label}`, node, [...register, join(ROOT, 'bench', 'synth-config.ts'), file, outdir]);
      const { maxRssKb } = JSON.parse(t.stdout.trim().split('\n').pop()!);
      const bytes = statSync(join(outdir, 'stacks', 'identity-gateway-prod', 'cdk.tf.json')).size;
      const peakRssMb = Math.round(maxRssKb / 1024);
      scale[label] = { ...spec, synth: timing(t), peakRssMb, synthesizedBytes: bytes };
      outdirs[label] = outdir;
    }
    results.scale = scale;

    process.stderr.write('Guardrails, access matrix and review on the 1,000-route output\n');
    const lOut = outdirs['L: 1,000 routes, 200 apps, 50 groups'];
    const check = time('guardrail check (1,000 routes)', node, [
      ...register,
      join(ROOT, 'guardrails', 'cli.ts'),
      'check',
      '--dir',
      lOut,
    ]);
    results.guardrailCheck = timing(check);

    const matrix = time('access matrix (1,000 routes)', node, [
      ...register,
      join(ROOT, 'simulator', 'cli.ts'),
      '--dir',
      lOut,
      '--env',
      'prod',
      '--matrix',
    ]);
    results.accessMatrix = timing(matrix);

    const changedFile = join(work, 'changed.json');
    writeFileSync(
      changedFile,
      JSON.stringify(changeTenPlaces(generateConfig(specs['L: 1,000 routes, 200 apps, 50 groups']))),
    );
    const changedOut = join(work, 'changed.out');
    time(
      'synth changed 1,000-route config',
      node,
      [...register, join(ROOT, 'bench', 'synth-config.ts'), changedFile, changedOut],
      1,
    );
    const review = time('review diff (two 1,000-route outputs, ten changes)', node, [
      ...register,
      join(ROOT, 'review', 'cli.ts'),
      '--base-dir',
      lOut,
      '--head-dir',
      changedOut,
      '--json',
    ]);
    const reviewed = JSON.parse(review.stdout);
    results.reviewDiff = timing(review);
    if (!reviewed) throw new Error('review produced no JSON');

    results.preflight = preflightFigures(lOut);

    results.machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    };
    results.runs = runs;
    const figures = results as unknown as BenchResults;
    process.stdout.write(performanceTable(figures));
    if (write) {
      writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(figures, null, 2)}\n`);
      process.stdout.write('Written to bench/results.json; run `npm run docs` to update docs/performance.md.\n');
    } else {
      process.stdout.write('Not written (pass --write to replace bench/results.json).\n');
    }
    const failed = failedBudgets(figures);
    if (failed.length) {
      process.stderr.write(`Over budget: ${failed.join('; ')}\n`);
      code = 1;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return code;
}

const USAGE =
  'usage: npm run bench [-- --runs N] [--skip-tests] [--write]\n' +
  '  --runs N       runs per figure (default 3)\n' +
  '  --skip-tests   leave out npm test\n' +
  '  --write        replace bench/results.json with these figures';

/** `npm run bench`. */
export const cli: Command = {
  name: 'bench',
  usage: USAGE,
  run: (argv) => {
    try {
      ({ runs, skipTests, write } = benchOptions(argv));
    } catch (e) {
      throw new UsageError((e as Error).message, { cause: e });
    }
    return measure();
  },
};

if (require.main === module) process.exitCode = runCommand(cli, process.argv.slice(2));

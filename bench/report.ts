/**
 * The benchmark's figures (bench/results.json holds these and nothing else), its budgets and the table
 * that `npm run bench` prints and docs/performance.md carries. Pure: no timing happens here.
 */

/** One measured command: the median and every run, in milliseconds. */
export interface Timing {
  readonly medianMs: number;
  readonly runsMs: readonly number[];
}

/** One generated scale config and what synthesizing it cost. */
export interface ScaleFigures {
  readonly routes: number;
  readonly apps: number;
  readonly groups: number;
  readonly synth: Timing;
  readonly peakRssMb: number;
  readonly synthesizedBytes: number;
}

/** bench/results.json. */
export interface BenchResults {
  readonly synth: { readonly npmRunSynth: Timing; readonly templateCdktfTsNode: Timing; readonly speedup: number };
  readonly typecheck: Timing;
  /** @default - not measured (`--skip-tests`) */
  readonly npmTest?: Timing;
  /** Keyed by the scale labels of SCALE_SPECS. */
  readonly scale: Readonly<Record<string, ScaleFigures>>;
  readonly guardrailCheck: Timing;
  /** @default - not measured (results from before the access-matrix figure existed) */
  readonly accessMatrix?: Timing;
  readonly reviewDiff: Timing;
  /**
   * `npm run preflight` of the 1,000-route output against the Okta stand-in (bench/preflight.ts): its wall
   * time, the largest share of an endpoint's rate limit it used in one window, and its requests.
   * @default - not measured (results from before the preflight existed)
   */
  readonly preflight?: Timing & { readonly maxRateShare: number; readonly requests: number };
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel?: string;
    readonly memoryGb: number;
    readonly node: string;
  };
  readonly runs: number;
}

/** The options of `npm run bench`. */
export interface BenchOptions {
  /** Runs per figure. @default 3 */
  readonly runs: number;
  /** Leave out `npm test` (the slowest figure). @default false */
  readonly skipTests: boolean;
  /** Replace the committed bench/results.json with this run's figures. @default false */
  readonly write: boolean;
}

/** Parses `npm run bench` arguments; refuses an unknown option or a bad run count, naming it. */
export function benchOptions(argv: readonly string[]): BenchOptions {
  const known = new Set(['--runs', '--skip-tests', '--write']);
  const unknown = argv.filter((a, i) => a.startsWith('--') && !known.has(a) && argv[i - 1] !== '--runs');
  if (unknown.length) throw new Error(`unknown option ${unknown.join(', ')}; allowed: ${[...known].join(', ')}`);
  const at = argv.indexOf('--runs');
  const runs = at < 0 ? 3 : Number(argv[at + 1]);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs "${argv[at + 1] ?? ''}": a whole number of at least 1`);
  }
  return { runs, skipTests: argv.includes('--skip-tests'), write: argv.includes('--write') };
}

/** The scale configs the benchmark generates, by label. */
export const SCALE_SPECS = {
  'S: 100 routes, 20 apps, 5 groups': { routes: 100, apps: 20, groups: 5 },
  'M: 500 routes, 100 apps, 20 groups': { routes: 500, apps: 100, groups: 20 },
  'L: 1,000 routes, 200 apps, 50 groups': { routes: 1000, apps: 200, groups: 50 },
  'XL: 2,000 routes, 200 apps, 50 groups': { routes: 2000, apps: 200, groups: 50 },
} as const;
const L = 'L: 1,000 routes, 200 apps, 50 groups';
const XL = 'XL: 2,000 routes, 200 apps, 50 groups';

type Unit = 's' | 'MB' | 'x' | '%';

/** A budget: a figure read from the results, its unit and the limit it must stay within. */
export interface Budget {
  readonly name: string;
  readonly unit: Unit;
  readonly limit: number;
  /** true: the figure must be at most the limit; false: at least. */
  readonly atMost: boolean;
  /** The figure, or undefined when the results do not hold it. */
  readonly measure: (r: BenchResults) => number | undefined;
}

const seconds = (t: Timing | undefined) => (t ? t.medianMs / 1000 : undefined);

const atMost = (name: string, unit: Unit, limit: number, measure: Budget['measure']): Budget => ({
  name,
  unit,
  limit,
  atMost: true,
  measure,
});

export const BUDGETS: readonly Budget[] = [
  atMost('three-environment synth (npm run synth)', 's', 2.5, (r) => seconds(r.synth.npmRunSynth)),
  { ...atMost('faster than the template (cdktf-cli + ts-node)', 'x', 2, (r) => r.synth.speedup), atMost: false },
  atMost('npm test', 's', 60, (r) => seconds(r.npmTest)),
  atMost('1,000 routes + 200 apps: synth', 's', 6, (r) => seconds(r.scale[L]?.synth)),
  atMost('1,000 routes + 200 apps: peak RSS', 'MB', 1536, (r) => r.scale[L]?.peakRssMb),
  atMost('linear growth: 2,000-route synth / 1,000-route synth', 'x', 2.3, (r) =>
    r.scale[XL] && r.scale[L] ? r.scale[XL].synth.medianMs / r.scale[L].synth.medianMs : undefined,
  ),
  atMost('guardrail check of the 1,000-route output', 's', 1, (r) => seconds(r.guardrailCheck)),
  atMost('full access matrix of the 1,000-route output (npm run simulate -- --env <env> --matrix)', 's', 2, (r) =>
    seconds(r.accessMatrix),
  ),
  atMost('review diff of two 1,000-route outputs', 's', 1, (r) => seconds(r.reviewDiff)),
  atMost('preflight of the 1,000-route, 200-app, 50-group stack against the Okta stand-in', 's', 30, (r) =>
    seconds(r.preflight),
  ),
  atMost(
    "preflight: largest share of an endpoint's rate limit used in one window",
    '%',
    0.5,
    (r) => r.preflight?.maxRateShare,
  ),
];

/** A figure with its unit, as the table shows it. */
export function format(value: number, unit: Unit): string {
  if (unit === 's') return `${value.toFixed(2)} s`;
  if (unit === 'x') return `${value.toFixed(2)}x`;
  if (unit === '%') return `${Math.round(value * 100)} %`;
  return `${Math.round(value).toLocaleString('en-US')} MB`;
}

/** Whether a measured figure is within its budget (a figure not measured is not a failure). */
export function withinBudget(budget: Budget, results: BenchResults): boolean | undefined {
  const v = budget.measure(results);
  if (v === undefined) return undefined;
  return budget.atMost ? v <= budget.limit : v >= budget.limit;
}

/** Every budget a measured figure exceeds, by name. */
export const failedBudgets = (results: BenchResults): string[] =>
  BUDGETS.filter((b) => withinBudget(b, results) === false).map((b) => b.name);

/** The table of budgets and figures, with the runs and the machine under it (markdown). */
export function performanceTable(r: BenchResults): string {
  const budgetRows = BUDGETS.map((b) => {
    const v = b.measure(r);
    const ok = withinBudget(b, r);
    const limit = `${b.atMost ? '<=' : '>='} ${format(b.limit, b.unit)}`;
    const verdict = ok === undefined ? '' : ok ? 'pass' : 'FAIL';
    return [b.name, v === undefined ? 'not measured' : format(v, b.unit), limit, verdict];
  });
  const scaleRows = Object.entries(r.scale).map(([label, x]) => [
    `synth ${label}`,
    `${format(x.synth.medianMs / 1000, 's')}, ${x.peakRssMb} MB RSS, ${(x.synthesizedBytes / 1e6).toFixed(1)} MB JSON`,
    '-',
    '',
  ]);
  const rows = [
    ['Measure', 'Median', 'Budget', ''],
    ['---', '---', '---', '---'],
    ...budgetRows,
    ['template synth (cdktf-cli + ts-node)', format(r.synth.templateCdktfTsNode.medianMs / 1000, 's'), '-', ''],
    ['tsc --noEmit (cold)', format(r.typecheck.medianMs / 1000, 's'), '-', ''],
    ...scaleRows,
  ];
  const m = r.machine;
  const machine = `${m.cpus} CPUs${m.cpuModel ? ` (${m.cpuModel})` : ''}, ${m.memoryGb} GiB, Node.js ${m.node}`;
  return `${rows.map((row) => `| ${row.join(' | ')} |`).join('\n')}\n\nMedians of ${r.runs} run(s) on ${machine}.\n`;
}

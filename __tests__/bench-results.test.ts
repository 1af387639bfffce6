/**
 * bench/results.json holds figures only, every budget can be read from it, and `npm run bench` writes it
 * only when asked (`--write`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGETS, benchOptions, failedBudgets, performanceTable, type BenchResults } from '../bench/report';

const raw = readFileSync(join(__dirname, '..', 'bench', 'results.json'), 'utf8');
const results = JSON.parse(raw) as BenchResults;

/** Every leaf of a JSON value with its path. */
const leaves = (v: unknown, path = ''): [string, unknown][] =>
  v !== null && typeof v === 'object'
    ? Object.entries(v as object).flatMap(([k, x]) => leaves(x, `${path}.${k}`))
    : [[path, v]];

test('GIVEN the committed results THEN they are figures: numbers, except the machine description', () => {
  const notNumbers = leaves(results).filter(([path, v]) => typeof v !== 'number' && !path.startsWith('.machine.'));
  expect(notNumbers).toEqual([]);
  expect(raw).not.toMatch(/stdout|\\u001b|budget/i);
});

test('GIVEN the committed results THEN every budget is measured, and the ones over budget say FAIL', () => {
  // The figures are committed as measured, over budget or not: docs/performance.md (generated from them,
  // and checked current by docs.test) shows each failing budget as FAIL rather than the file hiding it.
  const unmeasured = BUDGETS.filter((b) => b.measure(results) === undefined).map((b) => b.name);
  expect(unmeasured).toEqual([]);
  const table = performanceTable(results);
  for (const name of failedBudgets(results)) expect(table).toMatch(new RegExp(`\\| ${escape(name)} \\|.*\\| FAIL \\|`));
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('fails: a figure over its budget is reported and shown as FAIL', () => {
  const fast: BenchResults = {
    ...results,
    npmTest: { medianMs: 50000, runsMs: [50000] },
    reviewDiff: { medianMs: 900, runsMs: [900] },
  };
  expect(failedBudgets(fast)).toEqual([]);
  const slow: BenchResults = { ...fast, reviewDiff: { medianMs: 1500, runsMs: [1500] } };
  expect(failedBudgets(slow)).toEqual(['review diff of two 1,000-route outputs']);
  expect(performanceTable(slow)).toContain('| review diff of two 1,000-route outputs | 1.50 s | <= 1.00 s | FAIL |');
});

describe('npm run bench options', () => {
  test('GIVEN --runs 1 WHEN parsed THEN nothing is written unless --write is given', () => {
    expect(benchOptions(['--runs', '1'])).toEqual({ runs: 1, skipTests: false, write: false });
    expect(benchOptions(['--runs', '1', '--skip-tests', '--write'])).toEqual({ runs: 1, skipTests: true, write: true });
    expect(benchOptions([])).toEqual({ runs: 3, skipTests: false, write: false });
  });

  test('fails: a bad run count or an unknown option, named', () => {
    expect(() => benchOptions(['--runs', '0'])).toThrow('--runs "0": a whole number of at least 1');
    expect(() => benchOptions(['--runs'])).toThrow('--runs "": a whole number of at least 1');
    expect(() => benchOptions(['--write-results'])).toThrow('unknown option --write-results');
  });
});

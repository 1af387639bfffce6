/**
 * Jest's test order, with the files that take longest on the wall clock first. Jest orders by the durations
 * of the previous run, which a fresh clone (CI) does not have: it then runs the largest files first, and a
 * small file that waits on Terraform or on `npm run synth` for 15-25 s could start last and leave one core
 * idle at the end. The slow files are named here (measured; see docs/performance.md), ahead of Jest's own
 * order for the rest; with durations known, Jest's order would put them first anyway.
 */
'use strict';
const { existsSync } = require('node:fs');
const { join, relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/** Slowest first, relative to the project root. */
const SLOW = [
  '__tests__/release-cli.test.ts',
  '__tests__/terraform.test.ts',
  '__tests__/release-version.test.ts',
  '__tests__/synth-cli.test.ts',
  '__tests__/review.test.ts',
  '__tests__/hostile-cli.test.ts',
  '__tests__/guardrails-check.test.ts',
  '__tests__/simulator-review.test.ts',
  // Mostly waits on the bash, terraform stand-in, openssl, git and npm processes it starts.
  '__tests__/ci-scripts.test.ts',
];

class SlowFirst extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    const rank = (test) => SLOW.indexOf(relative(test.context.config.rootDir, test.path));
    const missing = SLOW.filter((f) => ordered[0] && !existsSync(join(ordered[0].context.config.rootDir, f)));
    if (missing.length > 0) throw new Error(`tools/jest-sequencer.js names test files that do not exist: ${missing}`);
    const slow = ordered.filter((t) => rank(t) >= 0).sort((a, b) => rank(a) - rank(b));
    return [...slow, ...ordered.filter((t) => rank(t) < 0)];
  }
}

module.exports = SlowFirst;

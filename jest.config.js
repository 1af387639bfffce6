/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // The default environments are synthesized once per run and shared (__tests__/support/fixture.ts).
  globalSetup: '<rootDir>/__tests__/support/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.ts',
  // cdktf's creation stacks are not source-mapped (a third of a synthesizing test's time); errors still are.
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/stack-traces.ts'],
  // Terraform tests spawn processes; two workers match the two cores CI has.
  maxWorkers: 2,
  // The files that wait longest on child processes start first, also in a fresh clone (no timing cache).
  testSequencer: '<rootDir>/tools/jest-sequencer.js',
  testTimeout: 120000,
};

/**
 * The synthesized default environments, shared by every test file of a run. Jest's global setup
 * (global-setup.ts) synthesizes them once, the way `npm run synth` does (buildApp, so the `//`
 * declarations and the Lambda assets are on disk), and passes the directory in FIXTURE_DIR_VARIABLE.
 * This module only reads that output: it loads neither cdktf nor the stacks, so a test that checks the
 * synthesized JSON does not pay for loading them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentName } from '../../config/schema';
import { stackName } from '../../domain/stack-names';
import type { TfJson } from './tf-json';

/** The environment variable that carries the fixture's root directory to the test workers. */
export const FIXTURE_DIR_VARIABLE = 'IDENTITY_GATEWAY_TEST_SYNTH_DIR';
/** Where the temp directory was before the run got its own (global-setup.ts): for caches that outlive a run. */
export const OUTSIDE_TMPDIR_VARIABLE = 'IDENTITY_GATEWAY_TEST_OUTSIDE_TMPDIR';
/** The name prefix of a run's own temp directory. */
export const RUN_DIR_PREFIX = 'igw-test-run-';
/** The release version every fixture stack is synthesized with. */
export const FIXTURE_VERSION = '0.0.0-test';

/** `defaults`: the embedded configs; `gateway-only`: the same with identity.mode = external. */
export type FixtureVariant = 'defaults' | 'gateway-only';

/** The fixture's root, as the global setup passed it on. */
function fixtureRoot(): string {
  const root = process.env[FIXTURE_DIR_VARIABLE];
  if (!root) {
    throw new Error(
      `${FIXTURE_DIR_VARIABLE} is not set: the shared fixture is synthesized by jest's globalSetup ` +
        '(__tests__/support/global-setup.ts); run the tests with jest.config.js',
    );
  }
  return root;
}

/** The cdktf output directory of a variant (holds stacks/<stack>/cdk.tf.json). Read only: it is shared. */
export const fixtureOutdir = (variant: FixtureVariant = 'defaults'): string => join(fixtureRoot(), variant);

/** The synthesized directory of one stack. Read only: copy it before changing anything. */
export const fixtureStackDir = (env: EnvironmentName, variant: FixtureVariant = 'defaults'): string =>
  join(fixtureOutdir(variant), 'stacks', stackName(env));

const texts = new Map<string, string>();
/** A fresh copy of a stack's cdk.tf.json as written (with the `//` blocks): callers may change it. */
export function synthesizedJson(
  env: EnvironmentName,
  variant: FixtureVariant = 'defaults',
): TfJson & Record<string, any> {
  const file = join(fixtureStackDir(env, variant), 'cdk.tf.json');
  if (!texts.has(file)) texts.set(file, readFileSync(file, 'utf8'));
  return JSON.parse(texts.get(file)!);
}

/** Drops every `//` (cdktf metadata) member, as cdktf's Testing.synth does. */
export function withoutMetadata<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutMetadata) as T;
  if (value === null || typeof value !== 'object') return value;
  const kept = Object.entries(value).filter(([k]) => k !== '//');
  return Object.fromEntries(kept.map(([k, v]) => [k, withoutMetadata(v)])) as T;
}

/** A stack's Terraform JSON without cdktf metadata: what `synthStack(env)` returns for the defaults. */
export const stackJson = (env: EnvironmentName, variant: FixtureVariant = 'defaults'): TfJson =>
  withoutMetadata(synthesizedJson(env, variant));

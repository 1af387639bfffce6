/**
 * Convergence records: proof that an environment applied a version and that a second plan afterwards was
 * empty. `record` writes one after checking the evidence itself (the second plan, as `terraform show
 * -json` prints it: no resource or output changes, and the state's stack_version output is the version);
 * `promote-check` refuses a version the previous environment does not run converged. One JSON file per
 * stack (`<records dir>/<stack>.json`: the current record and the history), kept wherever the pipeline
 * keeps durable files (see docs/releases.md).
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readJsonObject, RELEASE_JSON_LIMITS } from '../domain/read-json';
import { join } from 'node:path';
import { stackName } from '../domain/stack-names';
import type { Manifest } from './manifest';

export const RECORD_FORMAT = 'identity-gateway-convergence-record/1';

/** Deployment order: each environment receives only what the one before it runs converged. */
export const PROMOTION_ORDER = ['dev', 'staging', 'prod'] as const;

/** How many earlier records a file keeps. */
const HISTORY = 50;

export interface ConvergenceRecord {
  readonly environment: string;
  readonly stack: string;
  readonly version: string;
  /**
   * The commit the applied artifact was synthesized from (the apply job's GITHUB_SHA). The version names it
   * too, but a release tag added later changes what the commit's version is: the record keeps the commit.
   */
  readonly commit?: string;
  /** sha256 of the cdk.tf.json that was applied, when the artifact was at hand. */
  readonly stackSha256?: string;
  /** What the evidence showed: resources in the converged plan. */
  readonly resources: number;
  readonly recordedAt: string;
}

export interface RecordFile {
  readonly format: typeof RECORD_FORMAT;
  readonly current: ConvergenceRecord;
  /** Earlier records, newest first. */
  readonly history: readonly ConvergenceRecord[];
}

const NO_CHANGE = new Set(['no-op', 'read']);

/**
 * Checks a second plan (`terraform show -json <plan>`) of `stack`: converged and applied at `version`.
 * Returns the number of resources it covers; throws naming what still changes or what the state runs.
 */
export function checkConvergedPlan(plan: any, stack: string, version: string): number {
  const pending = [
    ...((plan?.resource_changes ?? []) as any[])
      .filter((c) => !(c.change?.actions ?? []).every((a: string) => NO_CHANGE.has(a)))
      .map((c) => `${c.address} (${c.change.actions.join('+')})`),
    ...Object.entries((plan?.output_changes ?? {}) as Record<string, any>)
      .filter(([, c]) => !(c.actions ?? []).every((a: string) => a === 'no-op'))
      .map(([name, c]) => `output ${name} (${c.actions.join('+')})`),
  ];
  if (pending.length) {
    throw new Error(`${stack} has not converged at ${version}: the second plan still changes ${pending.join(', ')}`);
  }
  const applied = plan?.prior_state?.values?.outputs?.stack_version?.value;
  if (applied !== version) {
    const runs = applied === undefined ? 'no stack_version output (never applied?)' : `stack_version ${applied}`;
    throw new Error(`${stack}'s state has ${runs}, not ${version}: apply ${version} before recording it`);
  }
  return (plan.resource_changes ?? []).length;
}

const recordPath = (dir: string, environment: string) => join(dir, `${stackName(environment)}.json`);

export function readRecord(dir: string, environment: string): RecordFile | undefined {
  const file = recordPath(dir, environment);
  if (!existsSync(file)) return undefined;
  const r = readJsonObject(file, RELEASE_JSON_LIMITS) as unknown as RecordFile;
  if (r.format !== RECORD_FORMAT) throw new Error(`${file} is not a convergence record (format ${String(r.format)})`);
  return r;
}

/** Writes `record` as the environment's current record (the previous one moves to the history). */
export function writeRecord(dir: string, record: ConvergenceRecord): string {
  const before = readRecord(dir, record.environment);
  const file: RecordFile = {
    format: RECORD_FORMAT,
    current: record,
    history: before ? [before.current, ...before.history].slice(0, HISTORY) : [],
  };
  mkdirSync(dir, { recursive: true });
  const path = recordPath(dir, record.environment);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(file, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
  return path;
}

/** One line per environment: what it runs according to its record. */
export function environmentsLine(dir: string): string {
  return PROMOTION_ORDER.map((env) => {
    const r = readRecord(dir, env)?.current;
    return `${env} runs ${r ? `${r.version} (converged ${r.recordedAt})` : 'no recorded version'}`;
  }).join('; ');
}

/**
 * Refuses (throws) unless the environment before `environment` runs `version` converged, and, with a
 * manifest, ran exactly that manifest's artifact. Returns the line to print when promotion may go ahead.
 */
export function promoteCheck(dir: string, environment: string, version: string, manifest?: Manifest): string {
  const i = PROMOTION_ORDER.indexOf(environment as (typeof PROMOTION_ORDER)[number]);
  if (i < 1)
    throw new Error(
      `cannot promote to ${environment}: promotion targets are ` +
        `${PROMOTION_ORDER.slice(1).join(', ')} (dev deploys every commit)`,
    );
  const previous = PROMOTION_ORDER[i - 1];
  const refuse = (why: string) =>
    new Error(`refusing to promote ${version} to ${environment}: ${why}. ${environmentsLine(dir)}`);
  const record = readRecord(dir, previous)?.current;
  if (!record) throw refuse(`${previous} has no convergence record in ${dir}`);
  if (record.version !== version) throw refuse(`${previous} runs ${record.version}, not ${version}`);
  if (manifest) {
    if (manifest.version !== version) throw refuse(`the manifest is for ${manifest.version}`);
    const want = manifest.stacks[stackName(previous)]?.sha256;
    if (record.stackSha256 && want && record.stackSha256 !== want) {
      throw refuse(
        `${previous} applied an artifact with sha256 ${record.stackSha256}, the manifest of ${version} says ${want}`,
      );
    }
  }
  const ok = `ok: ${previous} runs ${version} converged (recorded ${record.recordedAt})`;
  return `${ok}; promote it to ${environment}. ${environmentsLine(dir)}`;
}

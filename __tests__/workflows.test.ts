/**
 * The GitHub Actions workflows, tested for what can be tested without GitHub: they parse, every npm
 * script they run exists, and every stack they name is a real one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENT_NAMES } from '../config/schema';
import { stackName } from '../stacks/identity-gateway-stack';

const DIR = join(__dirname, '..', '.github', 'workflows');
const scripts = Object.keys((JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
const stacks = ENVIRONMENT_NAMES.map(stackName);

type Workflow = { on: unknown; jobs: Record<string, Job> };
type Job = { uses?: string; with?: Record<string, unknown>; environment?: unknown; strategy?: { matrix?: Record<string, unknown[]> }; steps?: { run?: string; uses?: string }[] };

const workflows: Record<string, Workflow> = {};
for (const file of readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f))) {
  workflows[file] = parse(readFileSync(join(DIR, file), 'utf8')) as Workflow;
}

/** Every `${{ matrix.x }}` / `${{ inputs.x }}` value a job can take. */
function expansions(file: string, job: Job): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(job.strategy?.matrix ?? {})) out[`matrix.${k}`] = v.map(String);
  // Reusable workflows: the values their callers pass.
  for (const [other, wf] of Object.entries(workflows)) {
    for (const caller of Object.values(wf.jobs)) {
      if (caller.uses === `./.github/workflows/${file}`) {
        for (const [k, v] of Object.entries(caller.with ?? {})) (out[`inputs.${k}`] ??= []).push(String(v));
      }
    }
    void other;
  }
  return out;
}

function expand(text: string, values: Record<string, string[]>): string[] {
  const m = /\$\{\{\s*([\w.]+)\s*\}\}/.exec(text);
  if (!m) return [text];
  const options = values[m[1]];
  if (!options) return [text.replace(m[0], `<${m[1]}>`)];
  return options.flatMap((v) => expand(text.replace(m[0], v), values));
}

describe('GitHub workflows', () => {
  test('there are pull request, deploy and drift workflows and each parses', () => {
    expect(Object.keys(workflows)).toEqual(expect.arrayContaining(['pull-request.yml', 'deploy.yml', 'deploy-environment.yml', 'drift.yml']));
    for (const wf of Object.values(workflows)) {
      expect(wf.on).toBeDefined();
      expect(Object.keys(wf.jobs).length).toBeGreaterThan(0);
    }
  });

  test.each(Object.keys(workflows))('%s runs only npm scripts that exist', (file) => {
    const runs = Object.values(workflows[file].jobs).flatMap((j) => (j.steps ?? []).map((s) => s.run ?? ''));
    const used = runs.flatMap((r) => [...r.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]));
    for (const s of used) expect(scripts).toContain(s);
  });

  test.each(Object.keys(workflows))('%s names only real stacks', (file) => {
    for (const job of Object.values(workflows[file].jobs)) {
      const values = expansions(file, job);
      const text = JSON.stringify(job);
      // Where a stack is named: cdktf commands, synth output paths, the STACK variable.
      const named = [
        ...text.matchAll(/cdktf (?:diff|deploy|synth|destroy|plan) (identity-gateway-(?:\$\{\{[^}]*\}\}|[\w-])+)/g),
        ...text.matchAll(/stacks\/(identity-gateway-(?:\$\{\{[^}]*\}\}|[\w-])+)/g),
        ...text.matchAll(/"STACK":"(identity-gateway-(?:\$\{\{[^}]*\}\}|[\w-])+)"/g),
      ].map((m) => m[1]);
      for (const n of named) {
        for (const name of expand(n, values)) expect(stacks).toContain(name);
      }
    }
  });

  test('pull requests are reviewed against the base branch, commented once, and fail on guardrail errors', () => {
    const steps = workflows['pull-request.yml'].jobs.review.steps ?? [];
    const runs = steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/npm ci/);
    expect(runs).toMatch(/npm run synth/);
    expect(runs).toMatch(/npm test/);
    expect(runs).toMatch(/npm run --silent review -- --base "origin\/\$\{\{ github.base_ref \}\}"/);
    expect(runs).toMatch(/npm run check/);
    expect(JSON.stringify(steps)).toContain('<!-- identity-gateway-review -->');
  });

  test('deploys go dev -> staging -> prod, each behind its GitHub environment, with OIDC and a plan first', () => {
    const jobs = workflows['deploy.yml'].jobs as Record<string, Job & { needs?: string }>;
    expect(jobs.staging.needs).toBe('dev');
    expect(jobs.prod.needs).toBe('staging');
    expect(['dev', 'staging', 'prod'].map((e) => jobs[e].with?.environment)).toEqual(['dev', 'staging', 'prod']);
    const deploy = workflows['deploy-environment.yml'];
    const job = deploy.jobs.deploy;
    expect(job.environment).toBe('${{ inputs.environment }}');
    expect(JSON.stringify(deploy)).toContain('"id-token":"write"');
    const runs = (job.steps ?? []).map((s) => s.run ?? '');
    const plan = runs.findIndex((r) => r.includes('cdktf diff'));
    const apply = runs.findIndex((r) => r.includes('cdktf deploy'));
    expect(plan).toBeGreaterThan(-1);
    expect(apply).toBeGreaterThan(plan);
  });

  test('drift runs a refresh-only plan per environment with -detailed-exitcode on a schedule', () => {
    const wf = workflows['drift.yml'];
    expect(JSON.stringify(wf.on)).toContain('schedule');
    expect(wf.jobs.drift.strategy?.matrix?.environment).toEqual([...ENVIRONMENT_NAMES]);
    expect(JSON.stringify(wf.jobs.drift.steps)).toMatch(/terraform plan -refresh-only -detailed-exitcode/);
  });
});

/**
 * The GitHub Actions workflows, tested for what can be tested without GitHub: each workflow and the setup
 * action passes the workflow / action schema (@action-validator/core, offline from the lockfile), every
 * third-party action is pinned to a full commit SHA with its version, every npm script and tools/ci
 * script they run exists, every stack they name is real, and the delivery rules hold: plan then apply
 * per environment, apply behind the environment, only environments with S3 state applied or drift-checked,
 * no Okta API token anywhere.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { ENVIRONMENTS } from '../config/environments';
import { ENVIRONMENT_NAMES } from '../config/schema';
import { stackName } from '../domain/stack-names';

const ROOT = join(__dirname, '..');
const DIR = join(ROOT, '.github', 'workflows');
const ACTION = join(ROOT, '.github', 'actions', 'setup', 'action.yml');
const scripts = Object.keys(
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
);
const stacks = ENVIRONMENT_NAMES.map(stackName);
/** Environments whose state is remote: the only ones CI may apply or drift-check. */
const REMOTE = ENVIRONMENT_NAMES.filter((e) => ENVIRONMENTS[e].backend.type === 's3');

type Step = { run?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = {
  uses?: string;
  with?: Record<string, unknown>;
  needs?: string | string[];
  environment?: unknown;
  env?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown[]> };
  steps?: Step[];
};
type Workflow = { on: unknown; jobs: Record<string, Job> };

const texts: Record<string, string> = {};
const workflows: Record<string, Workflow> = {};
for (const file of readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f))) {
  texts[file] = readFileSync(join(DIR, file), 'utf8');
  workflows[file] = parse(texts[file]) as Workflow;
}
const actionText = readFileSync(ACTION, 'utf8');
const allTexts: Record<string, string> = { ...texts, 'actions/setup/action.yml': actionText };
const runsOf = (file: string) =>
  Object.values(workflows[file].jobs).flatMap((j) => (j.steps ?? []).map((s) => s.run ?? ''));

/** Every `${{ matrix.x }}` / `${{ inputs.x }}` value a job can take. */
function expansions(file: string, job: Job): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(job.strategy?.matrix ?? {})) out[`matrix.${k}`] = v.map(String);
  // Reusable workflows: the values their callers pass.
  for (const wf of Object.values(workflows)) {
    for (const caller of Object.values(wf.jobs)) {
      if (caller.uses === `./.github/workflows/${file}`) {
        for (const [k, v] of Object.entries(caller.with ?? {})) (out[`inputs.${k}`] ??= []).push(String(v));
      }
    }
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
  test('there are pull request, deploy (plan + apply) and drift workflows', () => {
    expect(Object.keys(workflows).sort()).toEqual([
      'apply-environment.yml',
      'deploy.yml',
      'drift.yml',
      'plan-environment.yml',
      'pull-request.yml',
      'release-artifact.yml',
      'release.yml',
    ]);
  });

  test.each(Object.keys(texts))('%s passes the GitHub workflow schema', (file) => {
    expect(validateWorkflow(texts[file]).errors).toEqual([]);
  });

  test('the setup action passes the GitHub action schema', () => {
    expect(validateAction(actionText).errors).toEqual([]);
  });

  test('fails: the schema validator rejects a job with a misspelt key (it is really checking)', () => {
    const broken = texts['drift.yml'].replace('runs-on:', 'runs_on:');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  test.each(Object.keys(allTexts))('%s pins every third-party action to a full commit SHA with its version', (file) => {
    const uses = [...allTexts[file].matchAll(/^\s*-?\s*uses:\s*(\S+)(.*)$/gm)].map((m) => ({
      ref: m[1],
      comment: m[2].trim(),
    }));
    for (const { ref, comment } of uses.filter((u) => !u.ref.startsWith('./'))) {
      expect(`${ref} ${comment}`).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
      // Where the action's repository is mirrored on this machine, the SHA must be the tag's commit.
      const [, owner, name, sha] = /^([\w-]+)\/([\w-]+)@([0-9a-f]{40})/.exec(ref)!;
      const mirror = join('/work/.mirror', `${owner}+${name}`, 'repo');
      if (existsSync(mirror)) {
        const tag = comment.replace(/^# /, '');
        expect(execFileSync('git', ['-C', mirror, 'rev-parse', `${tag}^{commit}`], { encoding: 'utf8' }).trim()).toBe(
          sha,
        );
      }
    }
  });

  test.each(Object.keys(workflows))('%s runs only npm scripts and tools/ci scripts that exist', (file) => {
    const runs = runsOf(file).join('\n');
    for (const m of runs.matchAll(/npm run (?:--silent )?([\w:-]+)/g)) expect(scripts).toContain(m[1]);
    for (const m of runs.matchAll(/(tools\/ci\/[\w.-]+)/g)) expect(existsSync(join(ROOT, m[1]))).toBe(true);
  });

  test.each(Object.keys(workflows))('%s names only real stacks', (file) => {
    for (const job of Object.values(workflows[file].jobs)) {
      const values = expansions(file, job);
      const text = JSON.stringify(job);
      const named = [
        ...text.matchAll(/cdktf (?:diff|deploy|synth|destroy|plan) (identity-gateway-(?:\$\{\{[^}]*\}\}|[\w-])+)/g),
        ...text.matchAll(/stacks\/(identity-gateway-(?:\$\{\{[^}]*\}\}|[\w-])+)/g),
      ].map((m) => m[1]);
      for (const n of named) {
        for (const name of expand(n, values)) expect(stacks).toContain(name);
      }
    }
  });

  test('no workflow uses an Okta API token (local use only) or applies with cdktf --auto-approve', () => {
    for (const text of Object.values(allTexts)) {
      expect(text).not.toContain('OKTA_API_TOKEN');
      expect(text).not.toMatch(/auto-approve/);
    }
  });

  test("pull requests synthesize, test, check and review, post one comment keyed by the review's own marker", () => {
    const runs = runsOf('pull-request.yml').join('\n');
    expect(runs).toMatch(/step\.sh Synthesize npm run synth/);
    expect(runs).toMatch(/step\.sh Tests npm test/);
    expect(runs).toMatch(/step\.sh Guardrails npm run check/);
    expect(runs).toMatch(/npm run --silent review -- --base "\$BASE_REF"/);
    // The marker is defined once (review/markdown.ts) and read from the review's first line.
    expect(texts['pull-request.yml']).not.toContain('<!-- identity-gateway-review -->');
    expect(texts['pull-request.yml']).toContain("body.split('\\n', 1)[0]");
  });

  test('every job installs through the setup action, which caches providers keyed by the committed lock file', () => {
    expect(actionText).toMatch(
      /key: terraform-providers-\$\{\{ runner.os \}\}-\$\{\{ hashFiles\('stacks\/terraform.lock.hcl'\) \}\}/,
    );
    expect(actionText).toContain('TF_PLUGIN_CACHE_DIR');
    expect(existsSync(join(ROOT, 'stacks', 'terraform.lock.hcl'))).toBe(true);
    for (const file of ['pull-request.yml', 'plan-environment.yml', 'apply-environment.yml', 'drift.yml']) {
      expect(JSON.stringify(workflows[file].jobs)).toContain('./.github/actions/setup');
    }
  });

  test('deploy builds one release artifact, then plans and applies every environment in promotion order', () => {
    const jobs = workflows['deploy.yml'].jobs;
    expect(jobs.release.uses).toBe('./.github/workflows/release-artifact.yml');
    const order = Object.entries(jobs)
      .filter(([id]) => id !== 'release')
      .map(([id, j]) => ({ id, j, env: j.with?.environment, kind: j.uses?.includes('plan-') ? 'plan' : 'apply' }));
    // Every environment CI applies keeps remote state, and CI applies them all: dev, then staging, then prod.
    expect(REMOTE).toEqual([...ENVIRONMENT_NAMES]);
    expect(order.map((o) => `${o.kind} ${o.env}`)).toEqual(REMOTE.flatMap((e) => [`plan ${e}`, `apply ${e}`]));
    order.forEach((o, i) => {
      const needs = ([] as string[]).concat(o.j.needs ?? []);
      expect(needs).toContain('release');
      if (i > 0) expect(needs).toContain(order[i - 1].id);
      // One version for the whole run: the artifact's.
      expect(o.j.with?.version).toBe('${{ needs.release.outputs.version }}');
    });
  });

  test(
    'the release artifact is synthesized once, checked, given ' +
      'its manifest and uploaded; no other deploy job synthesizes',
    () => {
      const steps = workflows['release-artifact.yml'].jobs.build.steps ?? [];
      const at = (re: RegExp) => steps.findIndex((s) => re.test(s.run ?? s.uses ?? ''));
      expect(at(/npm run synth/)).toBeGreaterThan(-1);
      expect(at(/npm run synth/)).toBeLessThan(at(/npm run check/));
      expect(at(/npm run check/)).toBeLessThan(at(/release -- manifest/));
      expect(at(/release -- manifest/)).toBeLessThan(at(/upload-artifact/));
      expect(steps[at(/upload-artifact/)].with).toMatchObject({ name: 'release' });
      for (const file of ['plan-environment.yml', 'apply-environment.yml']) {
        expect(runsOf(file).join('\n')).not.toMatch(/npm run synth/);
        const job = Object.values(workflows[file].jobs)[0];
        const js = job.steps ?? [];
        const i = js.findIndex((x) => /download-artifact/.test(x.uses ?? '') && x.with?.name === 'release');
        expect(i).toBeGreaterThan(-1);
        expect(js[i + 1].run).toMatch(/release -- verify --manifest release-manifest\.json --env "\$ENVIRONMENT"/);
      }
    },
  );

  test('staging and prod refuse a version the environment before them has not applied and converged', () => {
    for (const file of ['plan-environment.yml', 'apply-environment.yml']) {
      const steps = Object.values(workflows[file].jobs)[0].steps ?? [];
      const check = steps.find((x) => /promote-check/.test(x.run ?? ''));
      expect(check?.run).toMatch(
        /release-records\.sh pull[\s\S]*promote-check --env "\$ENVIRONMENT" --version "\$VERSION"/,
      );
      expect(JSON.stringify(check)).toContain("inputs.environment != 'dev'");
    }
    const apply = workflows['apply-environment.yml'].jobs.apply.steps ?? [];
    const at = (re: RegExp) => apply.findIndex((s) => re.test(s.run ?? s.uses ?? ''));
    expect(at(/promote-check/)).toBeLessThan(at(/apply\.sh/));
    expect(at(/apply\.sh/)).toBeLessThan(at(/release -- record/));
    expect(apply[at(/release -- record/)].run).toMatch(
      /converge\.tfplan[\s\S]*rm -f second-plan\.json[\s\S]*release-records\.sh push/,
    );
  });

  test(
    'the plan job saves the plan with tools/ci/plan.sh ' + 'after guardrails and the review, and uploads the bundle',
    () => {
      const job = workflows['plan-environment.yml'].jobs.plan;
      expect(job.environment).toBe('${{ inputs.environment }}-plan');
      const steps = job.steps ?? [];
      const at = (re: RegExp) => steps.findIndex((s) => re.test(s.run ?? s.uses ?? ''));
      expect(at(/require-env\.sh/)).toBeGreaterThan(-1);
      expect(at(/release -- verify/)).toBeLessThan(at(/npm run check/));
      expect(at(/npm run check/)).toBeLessThan(at(/review/));
      expect(at(/review/)).toBeLessThan(at(/plan\.sh/));
      expect(at(/plan\.sh/)).toBeLessThan(at(/upload-artifact/));
      expect(steps[at(/upload-artifact/)].with).toMatchObject({
        name: 'plan-identity-gateway-${{ inputs.environment }}',
        'include-hidden-files': true,
      });
    },
  );

  test(
    'the apply job waits for the environment, applies the ' +
      'downloaded plan with tools/ci/apply.sh, remote state only',
    () => {
      const job = workflows['apply-environment.yml'].jobs.apply;
      expect(job.environment).toBe('${{ inputs.environment }}');
      expect(job.env?.MAX_PLAN_AGE_MINUTES).toBe('${{ vars.MAX_PLAN_AGE_MINUTES }}');
      const steps = job.steps ?? [];
      const at = (re: RegExp) => steps.findIndex((s) => re.test(s.run ?? s.uses ?? ''));
      expect(at(/require-remote-state\.sh/)).toBeGreaterThan(at(/release -- verify/));
      expect(at(/download-artifact/)).toBeLessThan(at(/apply\.sh/));
      expect(steps.some((s) => /terraform (plan|apply)/.test(s.run ?? ''))).toBe(false);
      expect(JSON.stringify(workflows['apply-environment.yml'])).toContain('"id-token":"write"');
    },
  );

  test(
    'drift checks every remote-state environment nightly with ' +
      "the plan job's credentials, through tools/ci/drift.sh",
    () => {
      const wf = workflows['drift.yml'];
      expect(JSON.stringify(wf.on)).toContain('schedule');
      expect(wf.jobs.drift.strategy?.matrix?.environment).toEqual(REMOTE);
      expect(wf.jobs.drift.environment).toBe('${{ matrix.environment }}-plan');
      expect(runsOf('drift.yml').join('\n')).toContain('tools/ci/drift.sh "$STACK_DIR"');
      const plan = workflows['plan-environment.yml'].jobs.plan.env ?? {};
      const drift = wf.jobs.drift.env ?? {};
      for (const k of ['OKTA_API_CLIENT_ID', 'OKTA_API_PRIVATE_KEY_ID', 'OKTA_API_PRIVATE_KEY', 'AWS_PLAN_ROLE_ARN'])
        expect(drift[k]).toBe(plan[k]);
    },
  );
});

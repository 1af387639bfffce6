/**
 * The GitHub Actions workflows, tested for what can be tested without GitHub: each workflow and the setup
 * action passes the workflow / action schema (@action-validator/core, offline from the lockfile), every
 * third-party action is pinned to a full commit SHA with its version, every npm script and tools/ci
 * script they run exists, every stack they name is real, and the delivery rules hold: plan then apply
 * per environment, apply behind the environment, only environments with S3 state applied or drift-checked,
 * no Okta API token anywhere, plan and drift jobs without any apply credential, concurrency per
 * environment, the review base and the drift baseline from the records, a failure reason in every job's
 * summary, the provider cache saved from main.
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

type Step = {
  id?: string;
  name?: string;
  if?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
};
type Concurrency = { group: string; 'cancel-in-progress'?: boolean };
type Job = {
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: unknown;
  needs?: string | string[];
  environment?: unknown;
  concurrency?: Concurrency;
  env?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown[]> };
  steps?: Step[];
};
type Workflow = { on: any; concurrency?: unknown; jobs: Record<string, Job> };

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
      'parity-environment.yml',
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
      // owner/name, or an action inside that repository (actions/cache/restore), at the tag's commit
      expect(`${ref} ${comment}`).toMatch(/^[\w-]+\/[\w-]+(\/[\w-]+)*@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
      // Where the action's repository is mirrored on this machine, the SHA must be the tag's commit.
      const [, owner, name, sha] = /^([\w-]+)\/([\w-]+)(?:\/[\w-]+)*@([0-9a-f]{40})/.exec(ref)!;
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

  test(
    'deploy builds one release artifact, then plans and applies every environment in promotion order, ' +
      'with parity after the dev apply',
    () => {
      const jobs = workflows['deploy.yml'].jobs;
      expect(jobs.release.uses).toBe('./.github/workflows/release-artifact.yml');
      const order = Object.entries(jobs)
        .filter(([id]) => id !== 'release')
        .map(([id, j]) => ({
          id,
          j,
          env: j.with?.environment,
          kind: /\/(\w+)-environment\.yml$/.exec(j.uses ?? '')?.[1],
        }));
      // Every environment CI applies keeps remote state, and CI applies them all: dev, then staging, then prod.
      expect(REMOTE).toEqual([...ENVIRONMENT_NAMES]);
      expect(order.map((o) => `${o.kind} ${o.env}`)).toEqual(
        REMOTE.flatMap((e) => [`plan ${e}`, `apply ${e}`, ...(e === 'dev' ? ['parity dev'] : [])]),
      );
      order.forEach((o, i) => {
        const needs = ([] as string[]).concat(o.j.needs ?? []);
        expect(needs).toContain('release');
        if (i > 0) expect(needs).toContain(order[i - 1].id);
        // One version for the whole run: the artifact's.
        expect(o.j.with?.version).toBe('${{ needs.release.outputs.version }}');
      });
    },
  );

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
      const at = (re: RegExp) => steps.findIndex((s) => re.test(s.run ?? ''));
      expect(steps[at(/promote-check/)].run).toMatch(/promote-check --env "\$ENVIRONMENT" --version "\$VERSION"/);
      expect(steps[at(/promote-check/)].if).toContain("inputs.environment != 'dev'");
      // Every environment's records are pulled, dev's included, and before the check reads them.
      expect(at(/release-records\.sh pull/)).toBeGreaterThan(-1);
      expect(at(/release-records\.sh pull/)).toBeLessThan(at(/promote-check/));
      expect(steps[at(/release-records\.sh pull/)].if).toBeUndefined();
    }
    const apply = workflows['apply-environment.yml'].jobs.apply.steps ?? [];
    const at = (re: RegExp) => apply.findIndex((s) => re.test(s.run ?? s.uses ?? ''));
    expect(at(/promote-check/)).toBeLessThan(at(/apply\.sh/));
    expect(at(/apply\.sh/)).toBeLessThan(at(/record\.sh/));
    // record.sh pulls the records itself right before writing (tested in ci-scripts.test.ts): dev keeps its history.
    expect(apply[at(/record\.sh/)].run).toBe('tools/ci/record.sh "$ENVIRONMENT" "$VERSION" "$STACK_DIR"');
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
        // The bundle holds the plan encrypted (plan.sh, PLAN_BUNDLE_KEY) and lives one day.
        'retention-days': 1,
      });
      expect(steps[at(/require-env\.sh/)].run).toContain('PLAN_BUNDLE_KEY');
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
      expect(runsOf('drift.yml').join('\n')).toContain('tools/ci/drift.sh "$STACK_DIR" "$DEPLOYED_VERSION"');
      const plan = workflows['plan-environment.yml'].jobs.plan.env ?? {};
      const drift = wf.jobs.drift.env ?? {};
      for (const k of ['OKTA_API_CLIENT_ID', 'OKTA_API_PRIVATE_KEY_ID', 'OKTA_API_PRIVATE_KEY', 'AWS_PLAN_ROLE_ARN'])
        expect(drift[k]).toBe(plan[k]);
    },
  );
});

/** The secrets and variables a text references (`secrets.X`, `vars.X`). */
const credentialsIn = (text: string) =>
  new Set([...text.matchAll(/\$\{\{\s*((?:secrets|vars)\.\w+)\s*\}\}/g)].map((m) => m[1]));
/** What plan, drift and apply jobs may all hold: none of it can write Okta, AWS resources or the state. */
const SHARED = new Set(['vars.AWS_REGION', 'vars.RELEASE_RECORDS_URI', 'secrets.PLAN_BUNDLE_KEY']);
/** The apply job's secrets and variables that a read-only job must never reference. */
const applyOnly = () => [...credentialsIn(texts['apply-environment.yml'])].filter((c) => !SHARED.has(c));
/** The apply credentials a plan or drift workflow's text references (empty: read-only). */
const readOnlyViolations = (text: string) => applyOnly().filter((c) => credentialsIn(text).has(c));

describe('read-only plan and drift jobs', () => {
  test('plan and drift jobs reference no apply secret or variable: their credentials are the read-only ones', () => {
    expect(applyOnly()).toEqual(
      expect.arrayContaining([
        'vars.OKTA_DEPLOY_CLIENT_ID',
        'vars.OKTA_DEPLOY_PRIVATE_KEY_ID',
        'secrets.OKTA_DEPLOY_PRIVATE_KEY',
        'vars.AWS_DEPLOY_ROLE_ARN',
      ]),
    );
    for (const file of ['plan-environment.yml', 'drift.yml']) {
      expect(readOnlyViolations(texts[file])).toEqual([]);
      const env = Object.values(workflows[file].jobs)[0].env ?? {};
      expect(env).toMatchObject({
        OKTA_API_CLIENT_ID: '${{ vars.OKTA_READ_CLIENT_ID }}',
        OKTA_API_PRIVATE_KEY_ID: '${{ vars.OKTA_READ_PRIVATE_KEY_ID }}',
        OKTA_API_PRIVATE_KEY: '${{ secrets.OKTA_READ_PRIVATE_KEY }}',
        AWS_PLAN_ROLE_ARN: '${{ vars.AWS_PLAN_ROLE_ARN }}',
      });
    }
    // ...and the apply job holds no read-only credential in place of its own
    expect([...credentialsIn(texts['apply-environment.yml'])].filter((c) => /READ|PLAN_ROLE/.test(c))).toEqual([]);
  });

  test('fails: a plan job that references an apply secret is caught, naming it', () => {
    const leaked = texts['plan-environment.yml'].replace(
      '${{ secrets.OKTA_READ_PRIVATE_KEY }}',
      '${{ secrets.OKTA_DEPLOY_PRIVATE_KEY }}',
    );
    expect(readOnlyViolations(leaked)).toEqual(['secrets.OKTA_DEPLOY_PRIVATE_KEY']);
  });

  test('plan and drift ask Okta for read scopes, only apply for write scopes; no secret is inherited wholesale', () => {
    for (const file of ['plan-environment.yml', 'drift.yml'])
      expect(runsOf(file).join('\n')).toContain('tools/ci/okta-scopes.sh "$STACK_DIR" read');
    const apply = runsOf('apply-environment.yml').join('\n');
    expect(apply).toContain('tools/ci/okta-scopes.sh "$STACK_DIR" write');
    // The scopes are exported before the step that runs Terraform.
    const steps = workflows['apply-environment.yml'].jobs.apply.steps ?? [];
    const at = (re: RegExp) => steps.findIndex((s) => re.test(s.run ?? ''));
    expect(at(/okta-scopes\.sh/)).toBeLessThan(at(/apply\.sh/));
    // Callers pass PLAN_BUNDLE_KEY by name, never every repository secret; parity needs none.
    for (const job of Object.values(workflows['deploy.yml'].jobs).filter((j) => j.uses !== undefined && j.with)) {
      if (job.uses === './.github/workflows/parity-environment.yml') expect(job.secrets).toBeUndefined();
      else expect(job.secrets).toEqual({ PLAN_BUNDLE_KEY: '${{ secrets.PLAN_BUNDLE_KEY }}' });
    }
    expect(texts['deploy.yml']).not.toContain('secrets: inherit');
  });
});

describe('the live org: preflight before every apply, parity after the dev apply', () => {
  const steps = () => workflows['apply-environment.yml'].jobs.apply.steps ?? [];
  const at = (re: RegExp) => steps().findIndex((s) => re.test(s.run ?? s.uses ?? ''));

  test(
    'the apply job runs the preflight after the credentials, the plan bundle and the scopes, ' +
      'right before the apply',
    () => {
      expect(steps()[at(/preflight\.sh/)]).toMatchObject({
        id: 'preflight',
        run: 'tools/ci/preflight.sh "$STACK_DIR" plan-bundle',
      });
      expect(steps()[at(/preflight\.sh/)].if).toBeUndefined();
      expect(at(/configure-aws-credentials/)).toBeLessThan(at(/preflight\.sh/));
      expect(steps().findIndex((s) => s.id === 'download-plan')).toBeLessThan(at(/preflight\.sh/));
      expect(at(/okta-scopes\.sh/)).toBeLessThan(at(/preflight\.sh/));
      // Nothing between the preflight and the apply: a blocker stops the job before anything is written.
      expect(at(/apply\.sh/)).toBe(at(/preflight\.sh/) + 1);
    },
  );

  test('parity runs after the dev apply, read-only, and the staging plan waits for it', () => {
    const deploy = workflows['deploy.yml'].jobs;
    const parity = Object.entries(deploy).find(([, j]) => j.uses === './.github/workflows/parity-environment.yml')!;
    expect(parity[0]).toBe('dev-parity');
    expect(parity[1].with?.environment).toBe('dev');
    expect(parity[1].needs).toContain('dev-apply');
    expect(deploy['staging-plan'].needs).toContain('dev-parity');
    const job = workflows['parity-environment.yml'].jobs.parity;
    expect(job.environment).toBe('${{ inputs.environment }}-plan');
    expect(readOnlyViolations(texts['parity-environment.yml'])).toEqual([]);
    expect(job.env).toMatchObject({
      OKTA_API_CLIENT_ID: '${{ vars.OKTA_READ_CLIENT_ID }}',
      OKTA_API_PRIVATE_KEY: '${{ secrets.OKTA_READ_PRIVATE_KEY }}',
    });
    const ps = job.steps ?? [];
    const p = (re: RegExp) => ps.findIndex((s) => re.test(s.run ?? s.uses ?? ''));
    expect(p(/release -- verify/)).toBeLessThan(p(/parity\.sh/));
    expect(ps[p(/parity\.sh/)].run).toBe('tools/ci/parity.sh "$STACK_DIR"');
    // The replay holds the environment's apply group: the org does not change under it.
    expect(job.concurrency).toEqual({ group: 'apply-${{ inputs.environment }}', 'cancel-in-progress': false });
  });
});

/** Every concurrency group a job of `file` runs in for environment `env` (workflow-level and job-level). */
function groupsOf(deploy: Workflow, file: string, env: string): string[] {
  const job = Object.values(workflows[file].jobs)[0];
  return [deploy.concurrency, job.concurrency]
    .filter((c): c is Concurrency | string => c !== undefined)
    .map((c) => (typeof c === 'string' ? c : c.group).replace('${{ inputs.environment }}', env));
}

describe('concurrency', () => {
  test('one group per environment: a pending prod approval never holds dev or staging back', () => {
    const deploy = workflows['deploy.yml'];
    expect(deploy.concurrency).toBeUndefined();
    const prodApply = groupsOf(deploy, 'apply-environment.yml', 'prod');
    for (const env of ['dev', 'staging'])
      for (const file of ['plan-environment.yml', 'apply-environment.yml'])
        expect(groupsOf(deploy, file, env).filter((g) => prodApply.includes(g))).toEqual([]);
  });

  test('fails: one deploy-wide group (as before) puts a later dev deploy behind a waiting prod approval', () => {
    const single = { ...workflows['deploy.yml'], concurrency: { group: 'deploy', 'cancel-in-progress': false } };
    const prodApply = groupsOf(single, 'apply-environment.yml', 'prod');
    expect(groupsOf(single, 'plan-environment.yml', 'dev').filter((g) => prodApply.includes(g))).toEqual(['deploy']);
  });

  test('superseded plans and drift checks are cancelled; an apply never is', () => {
    expect(workflows['plan-environment.yml'].jobs.plan.concurrency).toEqual({
      group: 'plan-${{ inputs.environment }}',
      'cancel-in-progress': true,
    });
    expect(workflows['apply-environment.yml'].jobs.apply.concurrency).toEqual({
      group: 'apply-${{ inputs.environment }}',
      'cancel-in-progress': false,
    });
    expect(workflows['drift.yml'].jobs.drift.concurrency).toEqual({
      group: 'drift-${{ matrix.environment }}',
      'cancel-in-progress': true,
    });
  });
});

describe('what the review and the drift check compare with', () => {
  test('no workflow reads github.event.before (forty zeros on the first push, unreachable after a force-push)', () => {
    for (const text of Object.values(texts)) expect(text).not.toMatch(/event\.before/);
  });

  test(
    'the plan job reviews against what its environment runs: ' + "the record's artifact, nothing on a first deploy",
    () => {
      const steps = workflows['plan-environment.yml'].jobs.plan.steps ?? [];
      const at = (re: RegExp) => steps.findIndex((s) => re.test(s.run ?? ''));
      expect(steps[at(/release-records\.sh fetch/)].run).toContain('release-records.sh fetch "$ENVIRONMENT" deployed');
      expect(at(/release-records\.sh fetch/)).toBeLessThan(at(/deploy-review/));
      expect(steps[at(/deploy-review/)].run).toMatch(
        /release -- deploy-review --env "\$ENVIRONMENT" --stored deployed --out review\.md/,
      );
      expect(at(/deploy-review/)).toBeLessThan(at(/plan\.sh/));
    },
  );

  test('drift compares the artifact the environment runs, from full history, and never synthesizes main', () => {
    const job = workflows['drift.yml'].jobs.drift;
    const steps = job.steps ?? [];
    expect(steps[0].with).toMatchObject({ 'fetch-depth': 0 });
    expect(runsOf('drift.yml').join('\n')).not.toMatch(/npm run synth/);
    const deployed = steps.find((s) => s.id === 'deployed')!;
    expect(deployed.run).toMatch(/release-records\.sh pull[\s\S]*release-records\.sh fetch "\$ENVIRONMENT" stored/);
    expect(deployed.run).toMatch(/release -- deployed --env "\$ENVIRONMENT" --stored stored --out "\$DEPLOYED_DIR"/);
    expect(job.env?.STACK_DIR).toBe('deployed/stacks/identity-gateway-${{ matrix.environment }}');
    expect(steps.find((s) => s.id === 'drift')?.env?.DEPLOYED_VERSION).toBe('${{ steps.deployed.outputs.version }}');
  });
});

describe('refs, releases and the provider cache', () => {
  test('a release tag deploys too, and the release job refuses any ref but main and a tag at its tip', () => {
    expect(workflows['deploy.yml'].on.push).toEqual({ branches: ['main'], tags: ['v*'] });
    const steps = workflows['release-artifact.yml'].jobs.build.steps ?? [];
    expect(steps[0].with).toMatchObject({ 'fetch-depth': 0 });
    expect(steps[1].run).toBe('tools/ci/require-main.sh');
  });

  test('the setup action only restores the provider cache; the plan job saves it from main after downloading', () => {
    expect(actionText).toContain('actions/cache/restore@');
    expect(actionText).not.toMatch(/uses: actions\/cache@/);
    const steps = workflows['plan-environment.yml'].jobs.plan.steps ?? [];
    const save = steps.findIndex((s) => (s.uses ?? '').startsWith('actions/cache/save@'));
    expect(save).toBeGreaterThan(steps.findIndex((s) => /plan\.sh/.test(s.run ?? '')));
    expect(steps[save].if).toContain("github.ref == 'refs/heads/main'");
    expect(steps[save].if).toContain("steps.setup.outputs.provider-cache-hit != 'true'");
    expect(steps[save].with?.key).toBe('${{ steps.setup.outputs.provider-cache-key }}');
  });
});

describe('failure reasons', () => {
  const jobs = Object.entries(workflows).flatMap(([file, wf]) =>
    Object.entries(wf.jobs)
      .filter(([, j]) => j.steps)
      .map(([id, j]) => [`${file} ${id}`, j] as const),
  );

  test.each(jobs)('%s: every step has an id and the last step names the failed ones in the summary', (_n, job) => {
    const steps = job.steps!;
    expect(steps.filter((s) => !s.id).map((s) => s.name ?? s.uses)).toEqual([]);
    const last = steps[steps.length - 1];
    expect(last).toMatchObject({ if: 'failure()', run: 'tools/ci/failure-summary.sh' });
    expect(last.env?.STEPS).toBe('${{ toJSON(steps) }}');
  });

  test.each(jobs)('%s: every command runs through a tools/ci script, which writes its failure reason', (_n, job) => {
    const lines = job
      .steps!.flatMap((s) => (s.run ?? '').split('\n'))
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const ok = (l: string) => /^(tools\/ci\/|cat review\.md >>|echo |version="\$\(npm run --silent version)/.test(l);
    expect(lines.filter((l) => !ok(l))).toEqual([]);
  });
});

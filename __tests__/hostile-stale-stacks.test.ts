/**
 * An environment dropped from the environments index (issue 13): its stack directory, left in cdktf.out by
 * an earlier synth, is removed by the next synth, and check/review/simulate refuse an output directory
 * that still holds a stack its last synth did not produce. Nothing that is not this project's stack output
 * is ever removed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../config/environments';
import { buildApp, synthesizeApp } from '../stacks/app';
import { StackModel } from '../synthesized/model';
import { FIXTURE_VERSION, fixtureOutdir, fixtureStackDir } from './support/fixture';

const ROOT = join(__dirname, '..');
let work: string;
beforeAll(() => (work = mkdtempSync(join(tmpdir(), 'hostile-stale-'))));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('GIVEN a cdktf.out holding the stack of an environment dropped since (qa)', () => {
  let outdir: string;
  let elsewhere: string;
  beforeAll(() => {
    outdir = join(work, 'synth');
    const stacks = join(outdir, 'stacks');
    mkdirSync(stacks, { recursive: true });
    cpSync(fixtureStackDir('dev'), join(stacks, 'identity-gateway-qa'), { recursive: true });
    // Not this project's stack output: another prefix, no Terraform file, a symlink.
    mkdirSync(join(stacks, 'other-project-qa'));
    writeFileSync(join(stacks, 'other-project-qa', 'cdk.tf.json'), '{}');
    mkdirSync(join(stacks, 'identity-gateway-notes'));
    writeFileSync(join(stacks, 'identity-gateway-notes', 'README'), 'mine');
    elsewhere = join(work, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'cdk.tf.json'), '{}');
    symlinkSync(elsewhere, join(stacks, 'identity-gateway-linked'));
    const { app, stacks: built } = buildApp({
      environments: { dev: ENVIRONMENTS.dev },
      version: FIXTURE_VERSION,
      outdir,
    });
    synthesizeApp(
      app,
      Object.values(built).map((s) => s.node.id),
    );
  });

  test('WHEN synthesizing THEN the stale stack directory is gone and only the stack of this run is left', () => {
    expect(existsSync(join(outdir, 'stacks', 'identity-gateway-qa'))).toBe(false);
    expect(existsSync(join(outdir, 'stacks', 'identity-gateway-dev', 'cdk.tf.json'))).toBe(true);
  });

  test('WHEN synthesizing THEN nothing else under stacks/ is touched (other names, non-stack dirs, symlinks)', () => {
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual([
      'identity-gateway-dev',
      'identity-gateway-linked',
      'identity-gateway-notes',
      'other-project-qa',
    ]);
    expect(readdirSync(elsewhere)).toEqual(['cdk.tf.json']);
  });
});

describe('GIVEN an output directory copied with a stack its manifest does not list', () => {
  let dir: string;
  beforeAll(() => {
    dir = join(work, 'copied');
    cpSync(fixtureOutdir(), dir, { recursive: true });
    cpSync(fixtureStackDir('dev'), join(dir, 'stacks', 'identity-gateway-qa'), { recursive: true });
  });

  test('fails to load it, naming the stale directory and the manifest', () => {
    expect(() => StackModel.loadDir(dir)).toThrow(
      `Stack directory ${join(dir, 'stacks', 'identity-gateway-qa')} is stale: the last synth ` +
        `(${join(dir, 'manifest.json')}) did not produce it, so its environment is no longer configured ` +
        '(dropped from config/environments/index.ts?). Run npm run synth, which removes it',
    );
  });

  test('fails npm run check with exit 2 and the same sentence, checking nothing', () => {
    const r = spawnSync(
      process.execPath,
      ['-r', join(ROOT, 'tools', 'register.js'), join(ROOT, 'guardrails', 'cli.ts'), 'check', '--dir', dir],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('identity-gateway-qa is stale: the last synth');
    expect(r.stdout).toBe('');
  });

  test('loads the same directory once the stale stack is gone', () => {
    rmSync(join(dir, 'stacks', 'identity-gateway-qa'), { recursive: true });
    expect(StackModel.loadDir(dir).map((s) => s.stackName)).toEqual([
      'identity-gateway-dev',
      'identity-gateway-prod',
      'identity-gateway-staging',
    ]);
  });
});

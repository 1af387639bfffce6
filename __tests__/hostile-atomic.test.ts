/**
 * Atomic synth output (issue 13): a staged App (what main.ts builds) lets cdktf write into a staging
 * directory; every finished file is renamed into the output directory, so a crash mid-write never leaves a
 * truncated cdk.tf.json there. The output is byte-identical to an in-place synth, and what Terraform keeps
 * in a stack directory (.terraform, the lock file) survives.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ENVIRONMENTS } from '../config/environments';
import { buildApp, synthesizeApp } from '../stacks/app';
import { FIXTURE_VERSION } from './support/fixture';

const STACK = 'identity-gateway-dev';
let work: string;
beforeAll(() => (work = mkdtempSync(join(tmpdir(), 'hostile-atomic-'))));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file under dir (relative path -> content), skipping what Terraform itself keeps there. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) =>
    readdirSync(d).forEach((e) => {
      const p = join(d, e);
      if (e.startsWith('.terraform')) return;
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'base64');
    });
  walk(dir);
  return out;
}

/** A dev-only build into `outdir`, staged or not. */
const build = (outdir: string, staged: boolean) =>
  buildApp({ environments: { dev: ENVIRONMENTS.dev }, version: FIXTURE_VERSION, outdir, staged });

/** An output directory whose dev stack holds an earlier, truncated synth and Terraform's own files. */
function earlierOutput(name: string): string {
  const outdir = join(work, name);
  const dir = join(outdir, 'stacks', STACK);
  mkdirSync(join(dir, '.terraform', 'providers'), { recursive: true });
  mkdirSync(join(dir, 'assets', 'Handlers_whoami_Code_EB198FD7', 'old'), { recursive: true });
  writeFileSync(join(dir, '.terraform.lock.hcl'), '# lock\n');
  writeFileSync(join(dir, 'cdk.tf.json'), '{"resource": {"aws_');
  return outdir;
}

describe('GIVEN a staged synth over an earlier output', () => {
  let outdir: string;
  let seenDuringSynth: string | undefined;
  beforeAll(() => {
    outdir = earlierOutput('staged');
    const { app, stacks, outdir: target } = build(outdir, true);
    expect(target).toBe(outdir);
    expect(app.outdir).not.toBe(outdir);
    const synth = app.synth.bind(app);
    jest.spyOn(app, 'synth').mockImplementation(() => {
      synth();
      // cdktf has written everything by now: the output directory must still hold the earlier file.
      seenDuringSynth = readFileSync(join(outdir, 'stacks', STACK, 'cdk.tf.json'), 'utf8');
    });
    synthesizeApp(
      app,
      Object.values(stacks).map((s) => s.node.id),
      outdir,
    );
  });

  test('cdktf never writes into the output directory itself: files arrive there by rename', () => {
    expect(seenDuringSynth).toBe('{"resource": {"aws_');
  });

  test('the output is byte-identical to an in-place synth, and no staging directory is left', () => {
    const inPlace = join(work, 'in-place');
    const { app, stacks } = build(inPlace, false);
    synthesizeApp(
      app,
      Object.values(stacks).map((s) => s.node.id),
    );
    expect(tree(outdir)).toEqual(tree(inPlace));
    expect(readdirSync(outdir).sort()).toEqual(['manifest.json', 'stacks']);
  });

  test("Terraform's own files in the stack directory are kept; the earlier assets are replaced", () => {
    const dir = join(outdir, 'stacks', STACK);
    expect(readFileSync(join(dir, '.terraform.lock.hcl'), 'utf8')).toBe('# lock\n');
    expect(existsSync(join(dir, '.terraform', 'providers'))).toBe(true);
    expect(readdirSync(join(dir, 'assets', 'Handlers_whoami_Code_EB198FD7'))).not.toContain('old');
  });
});

describe('GIVEN a staged synth that fails while cdktf writes', () => {
  test('fails naming the output directory, leaves no stack of this run and no staging directory', () => {
    const outdir = earlierOutput('failing');
    const { app } = build(outdir, true);
    jest.spyOn(app, 'synth').mockImplementation(() => {
      mkdirSync(join(app.outdir, 'stacks', STACK), { recursive: true });
      writeFileSync(join(app.outdir, 'stacks', STACK, 'cdk.tf.json'), '{"resource": {"aws_lam');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    expect(() => synthesizeApp(app, [STACK], outdir)).toThrow(
      `writing the synthesized stacks to ${outdir} failed (ENOSPC: no space left on device, write); ` +
        'no stack was left there',
    );
    expect(readdirSync(outdir)).toEqual(['stacks']);
    expect(readdirSync(join(outdir, 'stacks'))).toEqual([]);
  });
});

describe('GIVEN staging directories left behind by a killed synth', () => {
  test('the next staged build removes those of dead processes and keeps one of a running synth', () => {
    const outdir = join(work, 'abandoned');
    const dead = join(outdir, '.synth-4194305-abc123');
    const running = join(outdir, `.synth-${process.ppid}-def456`);
    mkdirSync(join(dead, 'stacks'), { recursive: true });
    mkdirSync(running, { recursive: true });
    const { app } = build(outdir, true);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(running)).toBe(true);
    rmSync(app.outdir, { recursive: true, force: true });
  });
});

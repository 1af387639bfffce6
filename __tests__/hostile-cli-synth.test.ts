/**
 * A synth that cannot write (full disk, read-only output) leaves no partial or stale stack behind, and a
 * JSON synth after an HCL one (or the reverse) leaves exactly one stack file per directory.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../config/environments';
import { buildApp, synthesizeApp } from '../stacks/app';
import { FIXTURE_VERSION } from './support/fixture';
import { writeFileAtomic } from '../domain/write-atomic';

const STACK = 'identity-gateway-dev';
const roots: string[] = [];
afterAll(() => roots.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A dev-only app writing into a fresh directory whose dev stack already holds `files` (stale output). */
function devApp(files: Record<string, string>, hcl = false) {
  const outdir = mkdtempSync(join(tmpdir(), 'hostile-synth-'));
  roots.push(outdir);
  const dir = join(outdir, 'stacks', STACK);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const saved = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = String(hcl);
  try {
    const { app } = buildApp({ environments: { dev: ENVIRONMENTS.dev }, version: FIXTURE_VERSION, outdir });
    return { app, dir };
  } finally {
    if (saved === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = saved;
  }
}

describe('synth output safety', () => {
  test('GIVEN a stale cdk.tf WHEN synthesizing JSON THEN only cdk.tf.json remains', () => {
    const { app, dir } = devApp({ 'cdk.tf': 'resource "x" "y" {}' });
    synthesizeApp(app, [STACK]);
    expect(readdirSync(dir).filter((f) => f.startsWith('cdk.tf'))).toEqual(['cdk.tf.json']);
  });

  test('GIVEN a stale cdk.tf.json WHEN synthesizing HCL THEN only cdk.tf remains', () => {
    const { app, dir } = devApp({ 'cdk.tf.json': '{}' }, true);
    synthesizeApp(app, [STACK]);
    expect(readdirSync(dir).filter((f) => f.startsWith('cdk.tf'))).toEqual(['cdk.tf']);
  });

  test('fails with the output directory named and no partial stack left when the disk is full', () => {
    const { app, dir } = devApp({ 'cdk.tf.json': '{"stale": true}' });
    jest.spyOn(app, 'synth').mockImplementation(() => {
      writeFileSync(join(dir, 'cdk.tf.json'), '{"resource": {"aws_');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    expect(() => synthesizeApp(app, [STACK])).toThrow(
      `writing the synthesized stacks to ${app.outdir} failed (ENOSPC: no space left on device, write); ` +
        'no stack was left there',
    );
    expect(existsSync(dir)).toBe(false);
  });

  test('fails without leaving the stack when a real write fails (cdk.tf.json blocked by a directory)', () => {
    const { app, dir } = devApp({});
    mkdirSync(join(dir, 'cdk.tf.json'));
    expect(() => synthesizeApp(app, [STACK])).toThrow(/writing the synthesized stacks to .* failed \(EISDIR/);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('atomic writes (review --out, reports, release manifests and notes)', () => {
  test('fails naming the file and leaves neither it nor a temporary file when the write cannot happen', () => {
    const root = mkdtempSync(join(tmpdir(), 'hostile-atomic-'));
    roots.push(root);
    const target = join(root, 'review.md');
    mkdirSync(target); // a directory where the file should go: the rename fails after the temp file is written
    expect(() => writeFileAtomic(target, 'text')).toThrow(`cannot write ${target}: `);
    expect(readdirSync(root)).toEqual(['review.md']);
  });

  test('GIVEN an existing file WHEN rewritten THEN it holds the whole new text', () => {
    const root = mkdtempSync(join(tmpdir(), 'hostile-atomic-'));
    roots.push(root);
    const target = join(root, 'a', 'manifest.json');
    writeFileAtomic(target, 'old');
    writeFileAtomic(target, 'new text');
    expect(readFileSync(target, 'utf8')).toBe('new text');
    expect(readdirSync(join(root, 'a'))).toEqual(['manifest.json']);
  });
});

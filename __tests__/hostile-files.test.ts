/**
 * Files that are not what synth writes, handed to check/review/simulate/report (issue 13): a cdk.tf.json
 * that is a link to a device, a pipe or a directory, a symlinked stack directory, a file given as the
 * output directory; an --out target that is a device, pipe, directory or link. Each is refused at once, naming
 * the path, where a read would hang or crash and a rename would replace a device or link.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../config/environments';
import { buildApp, synthesizeApp } from '../stacks/app';
import { StackModel } from '../synthesized/model';
import { writeFileAtomic } from '../domain/write-atomic';
import { readManifest } from '../release/manifest';
import { FIXTURE_VERSION, fixtureStackDir } from './support/fixture';

const ROOT = join(__dirname, '..');
const STACK = 'identity-gateway-dev';
let work: string;
beforeAll(() => (work = mkdtempSync(join(tmpdir(), 'hostile-files-'))));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An output directory whose dev stack's cdk.tf.json is made by `make` (given its path). */
function outputWith(name: string, make: (file: string) => void): { dir: string; file: string } {
  const dir = join(work, name);
  mkdirSync(join(dir, 'stacks', STACK), { recursive: true });
  const file = join(dir, 'stacks', STACK, 'cdk.tf.json');
  make(file);
  return { dir, file };
}
const suffix = '; expected a Terraform JSON object (run npm run synth)';

describe('GIVEN a cdk.tf.json that is not a regular file', () => {
  test('fails at once for a link to /dev/zero (a read would never end), naming the file', () => {
    const { dir, file } = outputWith('zero', (f) => symlinkSync('/dev/zero', f));
    expect(() => StackModel.loadDir(dir)).toThrow(
      `${file}: it is a symbolic link, and synth writes only regular files`,
    );
  });

  test.each([
    ['a named pipe (a read would block)', (f: string) => execFileSync('mkfifo', [f])],
    ['a directory', (f: string) => mkdirSync(f)],
  ])('fails at once for %s, naming the file', (_, make) => {
    const { dir, file } = outputWith(`special-${readdirSync(work).length}`, make);
    expect(() => StackModel.loadDir(dir)).toThrow(
      `${file}: it is not a regular file (a directory, device or pipe)${suffix}`,
    );
  });
});

describe('GIVEN a symlink where a stack directory belongs', () => {
  let dir: string;
  let target: string;
  beforeAll(() => {
    dir = join(work, 'linked');
    mkdirSync(join(dir, 'stacks'), { recursive: true });
    target = join(work, 'elsewhere');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'mine');
    symlinkSync(target, join(dir, 'stacks', STACK));
  });

  test('fails to load it, naming the link', () => {
    expect(() => StackModel.loadDir(dir)).toThrow(
      `${join(dir, 'stacks', STACK)} is a symbolic link: synth writes only real directories`,
    );
  });

  test('fails to synthesize through it, removing the link but never what it points to', () => {
    const { app, outdir } = buildApp({
      environments: { dev: ENVIRONMENTS.dev },
      version: FIXTURE_VERSION,
      outdir: dir,
      staged: true,
    });
    expect(() => synthesizeApp(app, [STACK], outdir)).toThrow(
      `(${join(dir, 'stacks', STACK)} is a symbolic link: synth writes only real directories; remove the link); ` +
        'no stack was left there',
    );
    expect(readdirSync(target)).toEqual(['keep.txt']);
    expect(readdirSync(join(dir, 'stacks'))).toEqual([]);
  });
});

describe('GIVEN a file where the output directory belongs', () => {
  test('fails naming it', () => {
    const file = join(fixtureStackDir('dev'), 'cdk.tf.json');
    expect(() => StackModel.loadDir(join(file, '..', '..', '..', 'manifest.json'))).toThrow(
      /manifest\.json is a file: give the synth output directory$/,
    );
  });
});

describe('GIVEN an --out target that is not a regular file (review, report, release manifest)', () => {
  test.each([
    ['a named pipe', (f: string) => execFileSync('mkfifo', [f])],
    ['a directory', (f: string) => mkdirSync(f)],
    ['a symbolic link (as /dev/stdout is)', (f: string) => symlinkSync(join(work, 'nowhere'), f)],
  ])('fails for %s without replacing it', (what, make) => {
    const target = join(work, `out-${what.length}`);
    make(target);
    expect(() => writeFileAtomic(target, 'text')).toThrow(
      `cannot write ${target}: it exists and is not a regular file (a directory, link, device, pipe or socket)`,
    );
    expect(lstatSync(target).isFile()).toBe(false);
  });
});

describe('GIVEN npm run simulate on unreadable synth output', () => {
  test('fails with exit 2 like check and review, naming the path, without the usage line', () => {
    const r = spawnSync(
      process.execPath,
      ['-r', join(ROOT, 'tools', 'register.js'), join(ROOT, 'simulator', 'cli.ts'), '--dir', '/dev/null', '--matrix'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect([r.status, r.stderr]).toEqual([
      2,
      'simulate: --dir /dev/null: is a special file, not a folder (the synthesized stacks: run npm run synth first)\n',
    ]);
  });
});

describe('GIVEN a release file that is not a release JSON object', () => {
  test.each([
    ['truncated', '{"format": 1, "stacks": {', /: not valid JSON \(truncated\?\): /],
    ['an array', '[1]', /: the top level is an array$/],
  ])('fails reading a %s manifest, naming the file', (_, text, why) => {
    const file = join(work, `manifest-${text.length}.json`);
    writeFileSync(file, text);
    expect(() => readManifest(file)).toThrow(new RegExp(`^${file.replace(/[.]/g, '\\.')}${why.source}`));
  });

  test('fails reading a directory given as the manifest, naming it', () => {
    expect(() => readManifest(work)).toThrow(`${work}: it is not a regular file (a directory, device or pipe)`);
  });
});

describe('GIVEN a CDKTF_CONTEXT_JSON that is not JSON', () => {
  test('fails to build the app with a sentence naming the variable, not a parser stack trace', () => {
    const saved = process.env.CDKTF_CONTEXT_JSON;
    process.env.CDKTF_CONTEXT_JSON = '{';
    try {
      expect(() =>
        buildApp({ environments: {}, version: FIXTURE_VERSION, outdir: join(work, 'context'), staged: true }),
      ).toThrow(/^CDKTF_CONTEXT_JSON is not JSON \(.*\); unset it; nothing was synthesized$/);
      expect(readdirSync(work)).not.toContain('context');
    } finally {
      if (saved === undefined) delete process.env.CDKTF_CONTEXT_JSON;
      else process.env.CDKTF_CONTEXT_JSON = saved;
    }
  });
});

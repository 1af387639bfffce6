/**
 * Tools that would answer a typo calmly (issue 26, classes 4 and 5): every argument that names something (a ref,
 * a folder, a file, a manifest, a version, an environment) must exist and agree with the rest, or the command
 * exits 2 naming it; an ordered pair in the wrong order is refused; a manifest is checked against the versions
 * written inside the stacks it describes; an environment variable naming a folder that is a file is refused,
 * naming the variable and the path.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand, pathVariableProblems, type Command } from '../domain/cli';
import { main as release } from '../release/cli';
import { MANIFEST_FORMAT, stackArtifacts } from '../release/manifest';
import { cli as simulate } from '../simulator/cli';
import { cli as report } from '../review/report-cli';
import { cli as check } from '../guardrails/cli';
import { reviewCommand } from '../review/cli';
import { fixtureOutdir, fixtureStackDir } from './support/fixture';

const ROOT = join(__dirname, '..');
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hostile-tools-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const io = () => {
  const r = { out: '', err: '' };
  return { r, io: { out: (s: string) => (r.out += s), err: (s: string) => (r.err += s) } };
};
const rel = (...argv: string[]) => {
  const { r, io: o } = io();
  return { code: release(argv, ROOT, o), ...r };
};
const cmd = (c: Command, ...argv: string[]) => {
  const { r, io: o } = io();
  return { code: runCommand(c, argv, o), ...r };
};
/** A synth output holding dev's fixture stack, its stack_version set to `version`. */
function outputOf(name: string, version: string): string {
  const dir = join(work, name);
  const stack = join(dir, 'stacks', 'identity-gateway-dev');
  mkdirSync(stack, { recursive: true });
  const json = JSON.parse(readFileSync(join(fixtureStackDir('dev'), 'cdk.tf.json'), 'utf8'));
  json.output.stack_version.value = version;
  writeFileSync(join(stack, 'cdk.tf.json'), JSON.stringify(json));
  return dir;
}

describe('GIVEN release notes asked the wrong way', () => {
  test('fails (exit 2) for --from newer than --to, and for the same version twice', () => {
    const swapped = rel('notes', '--from', '1.2.0', '--to', '1.1.0');
    expect(swapped.code).toBe(2);
    expect(swapped.err).toContain('--from 1.2.0 is newer than --to 1.1.0: the release notes goes from the older');
    const same = rel('notes', '--from', '1.1.0', '--to', '1.1.0');
    expect([same.code, same.err]).toEqual([2, expect.stringContaining('--from and --to are both 1.1.0')]);
  });

  test('fails (exit 2) for a --from-dir that does not exist, or that holds another version', () => {
    const missing = rel('notes', '--from', '1.0.0', '--to', '1.1.0', '--from-dir', join(work, 'typo'));
    expect([missing.code, missing.err]).toEqual([
      2,
      expect.stringContaining(`--from-dir ${join(work, 'typo')}: no such folder`),
    ]);
    const other = outputOf('other', '1.0.5');
    const wrong = rel(
      'notes',
      '--from',
      '1.0.0',
      '--to',
      '1.1.0',
      '--from-dir',
      other,
      '--to-dir',
      outputOf('b', '1.1.0'),
    );
    expect([wrong.code, wrong.err]).toEqual([
      2,
      expect.stringContaining(`--from-dir ${other}: holds identity-gateway-dev of 1.0.5, not of 1.0.0`),
    ]);
  });

  test('fails (exit 2) for an --env neither artifact has, instead of empty notes', () => {
    const r = rel(
      'notes',
      '--from',
      '1.0.0',
      '--to',
      '1.1.0',
      '--env',
      'prod',
      '--from-dir',
      outputOf('from', '1.0.0'),
      '--to-dir',
      outputOf('to', '1.1.0'),
    );
    expect([r.code, r.err]).toEqual([
      2,
      expect.stringContaining('--env prod: the --from artifact has no identity-gateway-prod'),
    ]);
  });

  test('fails (exit 2) for a rollback "back" to a newer version', () => {
    const r = rel('rollback', '--env', 'dev', '--to', '1.2.0', '--current', '1.1.0');
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('--to 1.2.0 is newer than --current 1.1.0')]);
  });
});

describe('GIVEN status with a misspelt name', () => {
  const state = () => {
    const f = join(work, 'dev.tfstate');
    writeFileSync(f, JSON.stringify({ version: 4, outputs: { stack_version: { value: '1.0.0' } }, resources: [] }));
    return f;
  };
  test.each([
    ['--main', ['--main', 'mian'], '--main mian: no such branch, tag or commit'],
    ['--records-dir', ['--records-dir', '/nonexistent/releses'], '--records-dir /nonexistent/releses: no such folder'],
    ['--state-file', ['--state-file', '/nonexistent/x.tfstate'], '--state-file /nonexistent/x.tfstate: no such file'],
    ['--dir', ['--dir', '/nonexistent/cdktf.ot'], '--dir /nonexistent/cdktf.ot: no such folder'],
  ])('fails (exit 2) for a %s that names nothing, instead of "nothing found"', (_, args, why) => {
    const r = rel(
      'status',
      '--env',
      'dev',
      ...(['--state-file', '--dir'].includes(args[0]) ? [] : ['--state-file', state()]),
      ...args,
    );
    expect([r.code, r.err]).toEqual([2, expect.stringContaining(why)]);
  });
});

describe('GIVEN a manifest', () => {
  const manifest = (version: string, stacks = stackArtifacts(fixtureOutdir())) => {
    const f = join(work, `manifest-${version}.json`);
    writeFileSync(
      f,
      JSON.stringify({ format: MANIFEST_FORMAT, version, commit: 'x', inputs: { sha256: '', paths: [] }, stacks }),
    );
    return f;
  };

  test('fails (exit 1) when the stacks it describes carry another version, checksums matching or not', () => {
    const r = rel('verify', '--manifest', manifest('1.1.0'), '--dir', fixtureOutdir(), '--artifact-only');
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'identity-gateway-dev: stacks/identity-gateway-dev/cdk.tf.json says stack_version 0.0.0-test, ' +
        'the manifest says 1.1.0',
    );
  });

  test('passes for the stacks it describes, and fails (exit 2) for a manifest file that is not there', () => {
    expect(rel('verify', '--manifest', manifest('0.0.0-test'), '--dir', fixtureOutdir(), '--artifact-only').code).toBe(
      0,
    );
    const r = rel('verify', '--manifest', join(work, 'release-manifset.json'), '--artifact-only');
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('release-manifset.json: no such file')]);
  });
});

describe('GIVEN simulate, review and report with a misspelt name', () => {
  test('fails (exit 2) naming it: a --dir, a --base ref, a --base-dir, a report --dir, an --out that is a file', () => {
    expect(cmd(simulate, '--env', 'dev', '--matrix', '--dir', join(work, 'nope'))).toMatchObject({ code: 2 });
    const base = cmd(reviewCommand(ROOT), '--base', 'origin/mian-typo');
    expect([base.code, base.err]).toEqual([
      2,
      expect.stringContaining('--base origin/mian-typo: no such commit, branch or tag'),
    ]);
    expect(cmd(reviewCommand(ROOT), '--base-dir', join(work, 'nope')).err).toContain('no such folder');
    expect(cmd(report, '--dir', join(work, 'nope'))).toMatchObject({ code: 2 });
    const file = join(work, 'a-file');
    writeFileSync(file, '');
    expect(cmd(report, '--dir', fixtureOutdir(), '--out', file).err).toContain(
      `--out ${file}: is a file, not a folder`,
    );
  });
});

describe('GIVEN an environment variable naming a folder that is a file', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ['CDKTF_OUTDIR', 'RELEASE_RECORDS_DIR', 'TMPDIR']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  test.each(['CDKTF_OUTDIR', 'RELEASE_RECORDS_DIR', 'TMPDIR'])(
    'fails (exit 2) for %s, naming it and the path',
    (name) => {
      const file = join(work, `${name}.file`);
      writeFileSync(file, '');
      process.env[name] = file;
      const r = cmd(check, 'check');
      expect([r.code, r.err]).toEqual([
        2,
        expect.stringMatching(new RegExp(`^check: ${name}=${file} is a file, not a folder`)),
      ]);
    },
  );

  test('fails for a TMPDIR that does not exist; a CDKTF_OUTDIR not there yet is fine (synth makes it)', () => {
    expect(pathVariableProblems({ TMPDIR: join(work, 'gone') })).toEqual([
      `TMPDIR=${join(work, 'gone')} does not exist; it names the folder for temporary files`,
    ]);
    expect(pathVariableProblems({ CDKTF_OUTDIR: join(work, 'new') })).toEqual([]);
  });

  test('check reads CDKTF_OUTDIR when no --dir is given, as synth writes there', () => {
    const out = join(work, 'outdir');
    cpSync(fixtureOutdir(), out, { recursive: true });
    process.env.CDKTF_OUTDIR = out;
    expect(cmd(check, 'check').out).toMatch(/^.*3 stack\(s\)/m);
  });
});

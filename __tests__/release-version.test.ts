/**
 * The release version: derived from git alone (same commit, same version, in any clone), its fallbacks
 * marked, bad tags and versions refused; and what it does to synthesis: two syntheses of one version are
 * identical, two versions differ only in the version fields.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ENVIRONMENTS } from '../config/environments';
import { INPUT_PATHS } from '../release/manifest';
import { compareSemver, parseSemver, parseVersionName } from '../release/semver';
import { commitOfVersion, releaseVersion } from '../release/version';
import { buildApp } from '../stacks/app';
import { stackName } from '../domain/stack-names';
import { ENVIRONMENT_NAMES } from '../config/schema';
import { FIXTURE_VERSION, synthesizedJson } from './support/fixture';

const ROOT = join(__dirname, '..');
let work: string;
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();

/** A repository with package.json 0.1.0 and `commits` commits (files c1, c2, ...). */
function repo(name: string, commits: number): string {
  const dir = join(work, name);
  mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'package.json'), '{ "version": "0.1.0" }\n');
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n*.log\n');
  for (let i = 1; i <= commits; i++) {
    writeFileSync(join(dir, `c${i}`), `${i}\n`);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `c${i}`);
  }
  return dir;
}
const abbrev = (dir: string, ref = 'HEAD') => git(dir, 'rev-parse', ref).slice(0, 7);

let synthA: Record<string, unknown>;
let synthB: Record<string, unknown>;
let synthOther: Record<string, unknown>;
let loaded: string[];

/** Every stack's JSON of an app built with `version`, keyed by stack. */
function synthesizeAll(version: string, label: string): Record<string, unknown> {
  const outdir = join(work, label);
  const { app, stacks } = buildApp({ environments: ENVIRONMENTS, version, outdir });
  app.synth();
  return Object.fromEntries(
    Object.values(stacks).map((s) => [
      s.node.id,
      JSON.parse(readFileSync(join(outdir, 'stacks', s.node.id, 'cdk.tf.json'), 'utf8')),
    ]),
  );
}

/** Paths (a.b[0].c) whose values differ between two JSON values. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b ? [] : [path];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((k) =>
    differences((a as any)[k], (b as any)[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k),
  );
}

/**
 * The project files main.ts loads: everything that shapes the synthesized JSON. Its imports are static (the
 * lint forbids require() in TypeScript and nothing uses import()), so all of them are loaded before its first
 * statement runs. The child runs main.ts's command with an argument, which it refuses (exit 2) before building
 * anything, and lists the module cache on exit: the same list as a full synthesis, for a quarter of the CPU.
 */
function modulesMainLoads(): Promise<string[]> {
  const script =
    "process.argv.splice(1, Infinity, 'main.ts', '--list-modules'); " +
    "process.on('exit', () => require('node:fs').writeSync(1, JSON.stringify(Object.keys(require.cache)))); " +
    "process.exitCode = require('./domain/cli.ts').runCommand(require('./main.ts').cli, ['--list-modules']);";
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['-r', './tools/register.js', '-e', script], { cwd: ROOT }, (e, out, err) => {
      if (e?.code !== 2 || !err.includes('unknown argument --list-modules: npm run synth takes no arguments'))
        return reject(new Error(`main.ts did not load and refuse the argument (exit ${e?.code ?? 0}): ${err}`));
      resolve((JSON.parse(out) as string[]).map((f) => relative(ROOT, f)));
    }),
  );
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'igw-version-'));
  const child = modulesMainLoads(); // meanwhile
  synthA = synthesizeAll('1.4.0+3.g1a2b3c4', 'a');
  synthB = synthesizeAll('1.4.0+3.g1a2b3c4', 'b');
  // The other version: the run's shared fixture, synthesized with FIXTURE_VERSION by the global setup.
  synthOther = Object.fromEntries(ENVIRONMENT_NAMES.map((env) => [stackName(env), synthesizedJson(env)]));
  loaded = (await child).filter((f) => !f.startsWith('node_modules') && !f.startsWith('..'));
}, 60000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('release version from git', () => {
  test('GIVEN no release tag THEN package.json version, untagged, commit count and commit', () => {
    const dir = repo('untagged', 2);
    expect(releaseVersion(dir)).toMatchObject({
      version: `0.1.0+untagged.2.g${abbrev(dir)}`,
      source: 'untagged',
      dirty: false,
    });
  });

  test('GIVEN a tagged commit THEN exactly X.Y.Z; after it X.Y.Z+N.gabc1234; the same in another clone', () => {
    const dir = repo('tagged', 1);
    git(dir, 'tag', 'v1.4.0');
    expect(releaseVersion(dir).version).toBe('1.4.0');
    writeFileSync(join(dir, 'c2'), '2\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'c2');
    const version = `1.4.0+1.g${abbrev(dir)}`;
    expect(releaseVersion(dir).version).toBe(version);
    git(work, 'clone', '-q', dir, 'tagged-clone');
    expect(releaseVersion(join(work, 'tagged-clone')).version).toBe(version);
    expect(commitOfVersion(dir, version)).toBe(git(dir, 'rev-parse', 'HEAD'));
    expect(commitOfVersion(dir, '1.4.0')).toBe(git(dir, 'rev-parse', 'v1.4.0^{commit}'));
  });

  test('the highest semver release tag wins (1.10.0 over 1.9.0; a release over its pre-release)', () => {
    const dir = repo('highest', 2);
    git(dir, 'tag', 'v1.10.0', 'HEAD~1');
    git(dir, 'tag', 'v1.9.0');
    git(dir, 'tag', 'v1.10.0-rc.1');
    expect(releaseVersion(dir).version).toBe(`1.10.0+1.g${abbrev(dir)}`);
    expect(compareSemver(parseSemver('1.10.0-rc.2')!, parseSemver('1.10.0-rc.10')!)).toBeLessThan(0);
  });

  test('a dirty tree is marked .dirty (tracked or untracked); ignored files and a node_modules link are not', () => {
    const dir = repo('dirty', 1);
    git(dir, 'tag', 'v2.0.0');
    writeFileSync(join(dir, 'debug.log'), 'ignored\n');
    symlinkSync(work, join(dir, 'node_modules'));
    expect(releaseVersion(dir).version).toBe('2.0.0');
    writeFileSync(join(dir, 'new-file'), 'x\n');
    expect(releaseVersion(dir)).toMatchObject({ version: `2.0.0+0.g${abbrev(dir)}.dirty`, dirty: true });
    expect(() => commitOfVersion(dir, `2.0.0+0.g${abbrev(dir)}.dirty`)).toThrow(
      'names no commit: built from a working tree with uncommitted changes',
    );
  });

  test('without git: package.json version marked +nogit, and the explanation says so', () => {
    const dir = join(work, 'nogit');
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), '{ "version": "3.1.0" }\n');
    expect(releaseVersion(dir)).toMatchObject({ version: '3.1.0+nogit', source: 'package.json' });
    expect(releaseVersion(dir).explanation).toContain("package.json's version; no git repository");
  });

  test('a shallow clone is marked +shallow (its tags and counts are incomplete), never a guessed count', () => {
    const dir = repo('deep', 3);
    git(dir, 'tag', 'v1.0.0', 'HEAD~2');
    git(work, 'clone', '-q', '--depth', '1', `file://${dir}`, 'shallow');
    const shallow = join(work, 'shallow');
    expect(releaseVersion(shallow)).toMatchObject({ version: `0.1.0+shallow.g${abbrev(dir)}`, source: 'shallow' });
    expect(releaseVersion(shallow).explanation).toContain('fetch-depth: 0');
  });

  test('fails on a release tag that is not semver, naming the tag', () => {
    const dir = repo('badtag', 1);
    git(dir, 'tag', 'v1.4');
    expect(() => releaseVersion(dir)).toThrow('release tag "v1.4" (reachable from');
    expect(() => releaseVersion(dir)).toThrow('is not semver');
  });

  test('fails on versions that do not parse or name another commit', () => {
    expect(() => parseVersionName('1.4')).toThrow('version "1.4" does not parse');
    expect(() => parseVersionName('1.4.0+build.7')).toThrow(
      'version "1.4.0+build.7" is not a release version of this repository',
    );
    const dir = repo('names', 2);
    git(dir, 'tag', 'v1.0.0', 'HEAD~1');
    expect(() => commitOfVersion(dir, '9.9.9')).toThrow('version 9.9.9: no release tag v9.9.9 in this repository');
    expect(() => commitOfVersion(dir, `1.0.0+5.g${abbrev(dir)}`)).toThrow(
      `names commit ${abbrev(dir)}, whose release version is 1.0.0+1.g${abbrev(dir)}`,
    );
  });
});

describe('synthesis carries the version', () => {
  test('GIVEN one version WHEN synthesized twice THEN byte-identical', () => {
    expect(JSON.stringify(synthB)).toBe(JSON.stringify(synthA));
  });

  test('GIVEN two versions THEN the stacks differ only in the version fields', () => {
    expect(Object.keys(synthOther).sort()).toEqual([
      'identity-gateway-dev',
      'identity-gateway-prod',
      'identity-gateway-staging',
    ]);
    for (const [stack, json] of Object.entries(synthA)) {
      const diff = differences(json, synthOther[stack])
        .filter((p) => !p.startsWith('//'))
        .map((p) => p.replace(/^resource\.okta_auth_server\.[^.]+\./, 'resource.okta_auth_server.*.'));
      expect({ stack, diff: diff.sort() }).toEqual({
        stack,
        diff: [
          'output.stack_version.value',
          'provider.aws[0].default_tags[0].tags.StackVersion',
          'resource.okta_auth_server.*.description',
        ],
      });
    }
  });

  test('every stack carries the version: output, AWS default tag, the release in the auth server description', () => {
    for (const json of Object.values(synthOther) as any[]) {
      expect(json.output.stack_version.value).toBe(FIXTURE_VERSION);
      expect(json.provider.aws[0].default_tags[0].tags.StackVersion).toBe(FIXTURE_VERSION);
      const servers = Object.values(json.resource.okta_auth_server ?? {}) as any[];
      expect(servers.length).toBeGreaterThan(0);
      for (const s of servers) expect(s.description.endsWith(` (release ${FIXTURE_VERSION})`)).toBe(true);
    }
    // The release part only: a commit after 1.4.0 describes the server as release 1.4.0.
    const a = Object.values((synthA['identity-gateway-prod'] as any).resource.okta_auth_server)[0] as any;
    expect(a.description).toMatch(/ \(release 1\.4\.0\)$/);
  });

  test('fails to build with a version that does not parse, before anything is written', () => {
    expect(() => buildApp({ environments: ENVIRONMENTS, version: 'v1.4', outdir: join(work, 'bad') })).toThrow(
      'release version "v1.4" does not parse: expected semver X.Y.Z[-pre][+build]; nothing was synthesized',
    );
  });

  test('the release manifest inputs cover every project file main.ts loads', () => {
    expect(loaded.length).toBeGreaterThan(20);
    const uncovered = loaded.filter((f) => !INPUT_PATHS.some((p) => f === p || f.startsWith(`${p}/`)));
    expect(uncovered).toEqual([]);
  });
});

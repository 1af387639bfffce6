/**
 * The release version of a commit, from git alone: the highest semver release tag `vX.Y.Z` reachable
 * from it, the number of commits since and the abbreviated commit (`1.4.0+3.g1a2b3c4`); exactly `X.Y.Z`
 * on a clean tagged commit. The same commit gives the same version on every machine (no dates, a fixed
 * abbreviation length). Fallbacks are marked in the version itself: `+untagged.N.g…` before the first
 * tag (package.json's version as the base), `+shallow.g…` in a shallow clone, `+nogit` without git, and
 * `.dirty` when tracked or untracked (not ignored) files differ from the commit.
 */
import { InputError } from '../domain/cli';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ABBREV, compareSemver, parseSemver, parseVersionName, type SemVer } from './semver';

export type VersionSource = 'tag' | 'untagged' | 'shallow' | 'package.json';

export interface ReleaseVersion {
  readonly version: string;
  readonly source: VersionSource;
  /** Full commit id (absent without git). */
  readonly commit?: string;
  /** The release tag the version counts from. */
  readonly tag?: string;
  readonly dirty: boolean;
  /** How the version was derived, in one line. */
  readonly explanation: string;
}

/** Release tags: `v` and a digit. Every such tag must be semver. */
const TAG_PATTERN = 'v[0-9]*';

/** Runs git in `repo` and returns its trimmed stdout; throws on a non-zero exit. */
export function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function isGitRepo(repo: string): boolean {
  try {
    return git(repo, 'rev-parse', '--is-inside-work-tree') === 'true';
  } catch {
    return false;
  }
}

/** package.json's version, which must be a plain `X.Y.Z`. */
export function packageVersion(repo: string): string {
  const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version?: string };
  const v = version === undefined ? undefined : parseSemver(version);
  if (!v || v.build.length) throw new Error(`package.json version "${version}" is not semver X.Y.Z`);
  return version!;
}

/** Reachable release tags, highest first; throws on a release tag that is not semver. */
export function releaseTags(repo: string, commit: string): { tag: string; semver: SemVer }[] {
  const tags = git(repo, 'tag', '--merged', commit, '--list', TAG_PATTERN)
    .split('\n')
    .filter((t) => t);
  return tags
    .map((tag) => {
      const semver = parseSemver(tag.slice(1));
      if (!semver || semver.build.length) {
        throw new Error(
          `release tag "${tag}" (reachable from ${commit.slice(0, ABBREV)}) is not semver: ` +
            'release tags are vX.Y.Z or ' +
            `vX.Y.Z-pre, e.g. v1.4.0; delete it (git tag -d ${tag}) or retag the commit`,
        );
      }
      return { tag, semver };
    })
    .sort((a, b) => compareSemver(b.semver, a.semver));
}

/** Whether the working tree differs from HEAD (node_modules may be a symlink in temporary worktrees). */
function isDirty(repo: string): boolean {
  return git(repo, 'status', '--porcelain', '--', '.', ':(exclude)node_modules').length > 0;
}

/**
 * The release version of `ref` in `repo` (default HEAD, whose working tree is checked for changes).
 * Throws when a reachable release tag is not semver.
 */
export function releaseVersion(repo: string, ref = 'HEAD'): ReleaseVersion {
  if (!isGitRepo(repo)) {
    const version = `${packageVersion(repo)}+nogit`;
    return {
      version,
      source: 'package.json',
      dirty: false,
      explanation: `${version}: package.json's version; no git repository at ${repo}`,
    };
  }
  const commit = git(repo, 'rev-parse', '--verify', `${ref}^{commit}`);
  const abbrev = commit.slice(0, ABBREV);
  const dirty = ref === 'HEAD' && isDirty(repo);
  const mark = dirty ? '.dirty' : '';
  const dirtyNote = dirty ? '; .dirty: the working tree has uncommitted changes' : '';
  if (git(repo, 'rev-parse', '--is-shallow-repository') === 'true') {
    const version = `${packageVersion(repo)}+shallow.g${abbrev}${mark}`;
    const explanation =
      `${version}: shallow clone, so release tags and commit counts are unknown ` +
      `(fetch the full history: actions/checkout fetch-depth: 0)${dirtyNote}`;
    return { version, source: 'shallow', commit, dirty, explanation };
  }
  const [latest] = releaseTags(repo, commit);
  if (!latest) {
    const count = git(repo, 'rev-list', '--count', commit);
    const version = `${packageVersion(repo)}+untagged.${count}.g${abbrev}${mark}`;
    const explanation =
      `${version}: no release tag vX.Y.Z reachable; package.json's version, ` +
      `${count} commits, commit ${abbrev}${dirtyNote}`;
    return { version, source: 'untagged', commit, dirty, explanation };
  }
  const count = Number(git(repo, 'rev-list', '--count', `${latest.tag}..${commit}`));
  const base = latest.tag.slice(1);
  const version = count === 0 && !dirty ? base : `${base}+${count}.g${abbrev}${mark}`;
  const explanation = `${version}: release tag ${latest.tag}, ${count} commits since, commit ${abbrev}${dirtyNote}`;
  return { version, source: 'tag', commit, tag: latest.tag, dirty, explanation };
}

/**
 * The commit a release version names, checked: `X.Y.Z` is tag vX.Y.Z; `X.Y.Z+N.gabc1234` is commit
 * abc1234, whose own version must be exactly that. Throws naming the version otherwise.
 */
export function commitOfVersion(repo: string, version: string): string {
  const name = parseVersionName(version);
  if (name.kind === 'unreleasable') throw new InputError(`version ${version} names no commit: ${name.reason}`);
  if (!isGitRepo(repo)) throw new InputError(`version ${version}: no git repository at ${repo} to find its commit in`);
  const spec = name.kind === 'release' ? `refs/tags/${name.tag}^{commit}` : `${name.abbrev}^{commit}`;
  let commit: string;
  try {
    commit = git(repo, 'rev-parse', '--verify', '--quiet', spec);
  } catch {
    const what = name.kind === 'release' ? `no release tag ${name.tag}` : `no commit ${name.abbrev}`;
    throw new InputError(`version ${version}: ${what} in this repository (git fetch --tags, or a full clone?)`);
  }
  const actual = releaseVersion(repo, commit).version;
  if (actual !== version) {
    throw new InputError(
      `version ${version} names commit ${commit.slice(0, ABBREV)}, whose release version is ${actual}`,
    );
  }
  return commit;
}

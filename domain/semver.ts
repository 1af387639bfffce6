/**
 * Semantic versions (semver.org 2.0.0) and the build-metadata shapes this repository's release versions
 * use. Pure: no git, no cdktf, so the stack can validate the version it is given.
 */

export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Pre-release identifiers (`rc.1` -> ['rc', '1']). */
  readonly prerelease: readonly string[];
  /** Build-metadata identifiers (`3.g1a2b3c4` -> ['3', 'g1a2b3c4']). */
  readonly build: readonly string[];
}

const NUM = '0|[1-9]\\d*';
const PRE_ID = `(?:${NUM}|\\d*[a-zA-Z-][0-9a-zA-Z-]*)`;
const SEMVER = new RegExp(
  `^(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$`,
);

/** Parses `X.Y.Z[-pre][+build]`; undefined when the text is not semver. */
export function parseSemver(text: string): SemVer | undefined {
  const m = SEMVER.exec(text);
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4] ? m[4].split('.') : [],
    build: m[5] ? m[5].split('.') : [],
  };
}

/** The version without build metadata: `1.4.0+3.g1a2b3c4` -> `1.4.0`. */
export function releaseOf(version: string): string {
  return version.split('+')[0];
}

/** Semver precedence (build metadata ignored): negative when a < b. */
export function compareSemver(a: SemVer, b: SemVer): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return core;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** What a release version of this repository names. */
export type VersionName =
  /** `X.Y.Z`: the commit tagged `vX.Y.Z`. */
  | { readonly kind: 'release'; readonly version: string; readonly tag: string }
  /** `X.Y.Z+N.gabc1234` (N commits after tag vX.Y.Z) or `X.Y.Z+untagged.N.gabc1234` (no tag yet). */
  | {
      readonly kind: 'commit';
      readonly version: string;
      readonly abbrev: string;
      readonly commitsSince: number;
      readonly untagged: boolean;
    }
  /** A build that names no committed state: a dirty tree, no git, a shallow clone. */
  | { readonly kind: 'unreleasable'; readonly version: string; readonly reason: string };

/** Abbreviated commit length in versions: fixed, so every clone prints the same version. */
export const ABBREV = 7;

const COMMIT_BUILD = new RegExp(`^(untagged\\.)?(\\d+)\\.g([0-9a-f]{${ABBREV}})(\\.dirty)?$`);
const SHALLOW_BUILD = new RegExp(`^shallow\\.g[0-9a-f]{${ABBREV}}(\\.dirty)?$`);

/** The forms, for error messages. */
export const VERSION_FORMS =
  'X.Y.Z (a release tag vX.Y.Z), X.Y.Z+N.gabc1234 (N commits after it) or X.Y.Z+untagged.N.gabc1234';

/** Parses a release version; throws a message naming the value and the accepted forms. */
export function parseVersionName(text: string): VersionName {
  const v = parseSemver(text);
  if (!v) throw new Error(`version "${text}" does not parse: expected ${VERSION_FORMS}`);
  const build = v.build.join('.');
  if (build === '') return { kind: 'release', version: text, tag: `v${text}` };
  const m = COMMIT_BUILD.exec(build);
  if (m && m[4])
    return {
      kind: 'unreleasable',
      version: text,
      reason: 'built from a working tree with uncommitted changes (.dirty)',
    };
  if (m) return { kind: 'commit', version: text, abbrev: m[3], commitsSince: Number(m[2]), untagged: !!m[1] };
  if (build === 'nogit')
    return { kind: 'unreleasable', version: text, reason: 'built without git (version from package.json)' };
  if (SHALLOW_BUILD.test(build))
    return { kind: 'unreleasable', version: text, reason: 'built in a shallow clone (history and tags incomplete)' };
  throw new Error(`version "${text}" is not a release version of this repository: expected ${VERSION_FORMS}`);
}

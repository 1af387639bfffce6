/**
 * Type-checks the app before anything is synthesized: `node -r ./tools/typecheck.js -r ./tools/register.js
 * main.ts` (what `npm run synth` and cdktf.json's app run). tools/register.js only strips types, so without
 * this a type error (a string 'false' where a boolean belongs) would synthesize and deploy.
 *
 * Cost: a content hash of every TypeScript source, the tsconfig files and the lockfile is looked up among
 * the hashes of earlier clean checks (about 30 ms); only when it is new does `tsc -p tsconfig.app.json`
 * run, incrementally (its build info lives under node_modules/.cache). A type error exits non-zero
 * before the app is loaded, naming the files and lines.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

/** Directories never holding the app's sources. */
const SKIP = new Set(['node_modules', 'cdktf.out', 'coverage', 'reports']);
const PROJECT_FILE = 'tsconfig.app.json';

/**
 * The type checker: TypeScript 7's native compiler, installed under the package alias `typescript-native`
 * (about a fifth of TypeScript 5.9's CPU time for this project). `typescript` itself stays at 5.9 for the
 * tools that use its JavaScript API (typescript-eslint, ts-node, the library test's parser).
 */
const CHECKER = 'typescript-native';
/** The checker's `tsc` launcher for the project at root (run it with node). */
const tscOf = (root) => join(root, 'node_modules', CHECKER, 'bin', 'tsc');

/** Every .ts file under dir (relative, sorted), skipping build output, dependencies and dot directories. */
function sources(root, dir = root) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(root, path));
    else if (entry.name.endsWith('.ts')) out.push(relative(root, path));
  }
  return out.sort();
}

/** Hash of everything the type check depends on: sources, tsconfig files, the lockfile, tsc's version. */
function inputsHash(root) {
  const hash = createHash('sha256');
  hash.update(require(join(root, 'node_modules', CHECKER, 'package.json')).version);
  for (const file of [...sources(root), 'tsconfig.json', PROJECT_FILE, 'package-lock.json']) {
    hash.update(`\0${file}\0`);
    try {
      hash.update(readFileSync(join(root, file)));
    } catch {
      hash.update('(absent)');
    }
  }
  return hash.digest('hex');
}

/** The file whose existence records a clean check of these inputs (one per hash: parallel runs never clash). */
function markerFor(root, hash) {
  return join(root, 'node_modules', '.cache', 'identity-gateway', 'typecheck', hash);
}

/** Runs the check for the project at root; returns the exit status (0 = types are sound). */
function typecheck(root) {
  const marker = markerFor(root, inputsHash(root));
  if (existsSync(marker)) return 0;
  const tsc = tscOf(root);
  const result = spawnSync(process.execPath, [tsc, '-p', PROJECT_FILE, '--pretty', 'false'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}${result.stderr}`);
    process.stderr.write(`Type errors (tsc -p ${PROJECT_FILE}): nothing was synthesized.\n`);
    return result.status ?? 1;
  }
  try {
    // Write then rename, so a parallel run never sees a half-written marker.
    mkdirSync(join(marker, '..'), { recursive: true });
    writeFileSync(`${marker}.${process.pid}.tmp`, '');
    renameSync(`${marker}.${process.pid}.tmp`, marker);
  } catch {
    // A read-only node_modules only costs the cache.
  }
  return 0;
}

module.exports = { typecheck, inputsHash, markerFor, tscOf };

// As a preload (`node -r ./tools/typecheck.js`), check the project in the working directory first.
if (module.parent && module.parent.id === 'internal/preload') {
  const status = typecheck(process.cwd());
  if (status !== 0) process.exit(status);
}

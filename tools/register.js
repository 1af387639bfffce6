/**
 * A minimal TypeScript loader for this project's own scripts: `node -r ./tools/register.js main.ts`.
 * It strips types with swc (no type-checking: `npm test` runs tsc for that), caches the output by
 * content hash, and adds nothing else to start-up. `tsx` does the same job but starts a second
 * Node.js process and an ESM loader, which costs more than synthesizing all three stacks.
 */
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

// The cache key covers the compiler version, so upgrading swc never reuses old output. It lives beside the
// project's other caches (node_modules/.cache: ESLint's, the type-check gate's), not in the temp directory,
// so it survives a test run's own TMPDIR and a clean temp directory; copies that link node_modules share it.
const swcVersion = require('@swc/core/package.json').version;
const cacheDir = join(__dirname, '..', 'node_modules', '.cache', 'identity-gateway', 'ts', swcVersion);
let swc;

/** swc's output for a source; a syntax error ends the process with the file, line, column and code frame. */
function transform(source, filename) {
  swc ??= require('@swc/core');
  try {
    return swc.transformSync(source, {
      filename,
      sourceMaps: 'inline',
      module: { type: 'commonjs' },
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    }).code;
  } catch (e) {
    process.stderr.write(
      `${syntaxErrors(String(e && e.message), filename)}\nNothing was run: fix the file and retry.\n`,
    );
    process.exit(1);
  }
}

/**
 * swc's error text without its Rust backtrace: per error, `file:line:column: message` and the code frame.
 * swc's frame header gives the line but not the column of the error; the caret under the code does.
 */
function syntaxErrors(message, filename) {
  const lines = message.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const out = [];
  let current;
  for (const line of lines) {
    if (/^(Caused by:|Stack backtrace:)/.test(line)) break;
    const error = /^\s*[x×] (.*)$/.exec(line);
    if (error) {
      current = { text: error[1], frame: [], line: undefined, column: undefined };
      out.push(current);
      continue;
    }
    if (!current) continue;
    const code = /^\s*(\d+) \| /.exec(line);
    if (code) current.frame.push(line);
    const caret = /^(\s*: )(\s*)\^/.exec(line);
    if (caret && current.line === undefined) {
      const above = current.frame[current.frame.length - 1] ?? '';
      current.line = Number(/^\s*(\d+)/.exec(above)?.[1]);
      current.column = caret[2].length + 1;
      current.frame.push(line);
    }
  }
  const file = relative(process.cwd(), filename) || filename;
  if (out.length === 0) return `${file}: TypeScript could not be compiled: ${lines[0].trim()}`;
  return out
    .map((e) => `${file}:${e.line ?? '?'}:${e.column ?? '?'}: syntax error: ${e.text}\n${e.frame.join('\n')}`)
    .join('\n');
}

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = readFileSync(filename, 'utf8');
  const key = createHash('sha1').update(filename).update('\0').update(source).digest('hex');
  const cached = join(cacheDir, `${key}.js`);
  let code;
  try {
    code = readFileSync(cached, 'utf8');
  } catch {
    code = transform(source, filename);
    try {
      // Write then rename, so a process running in parallel never reads a half-written file.
      mkdirSync(cacheDir, { recursive: true });
      const partial = `${cached}.${process.pid}.tmp`;
      writeFileSync(partial, code);
      renameSync(partial, cached);
    } catch {
      // A read-only temp directory only costs the cache.
    }
  }
  module._compile(code, filename);
};

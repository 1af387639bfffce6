/**
 * A minimal TypeScript loader for this project's own scripts: `node -r ./tools/register.js main.ts`.
 * It strips types with swc (no type-checking: `npm test` runs tsc for that), caches the output by
 * content hash, and adds nothing else to start-up. `tsx` does the same job but starts a second
 * Node.js process and an ESM loader, which costs more than synthesizing all three stacks.
 */
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

// The cache key covers the compiler version, so upgrading swc never reuses old output.
const swcVersion = require('@swc/core/package.json').version;
const cacheDir = join(tmpdir(), 'identity-gateway-ts-cache', swcVersion);
let swc;

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = readFileSync(filename, 'utf8');
  const key = createHash('sha1').update(filename).update('\0').update(source).digest('hex');
  const cached = join(cacheDir, `${key}.js`);
  let code;
  try {
    code = readFileSync(cached, 'utf8');
  } catch {
    swc ??= require('@swc/core');
    code = swc.transformSync(source, {
      filename,
      sourceMaps: 'inline',
      module: { type: 'commonjs' },
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    }).code;
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

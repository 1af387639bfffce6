/**
 * Config problems name list items by key and the file that wrote the value (config/provenance.ts); a mistake in
 * the shared pieces (config/environments/shared.ts) is printed once with every environment it reaches. Each test
 * edits the embedded environments in a fresh module registry, as an edit of the files would.
 */
import type * as Environments from '../config/environments';
import type * as Load from '../config/load';
import type * as Provenance from '../config/provenance';
import { keyedPath } from '../domain/problems';
import { configFor, problemsOf } from './support/configs';

type Envs = Record<'dev' | 'staging' | 'prod', any>;
interface Loaded {
  readonly out: string;
  readonly sourceFiles: typeof Provenance.sourceFiles;
  readonly envs: Envs;
}

/* eslint-disable @typescript-eslint/no-require-imports -- a fresh module registry per test needs require */
/** The formatted problems of every environment after `edit` changed the embedded configs in place. */
function afterEdit(edit: (envs: Envs) => void): Loaded {
  let loaded: Loaded | undefined;
  jest.isolateModules(() => {
    const { ENVIRONMENTS } = require('../config/environments') as typeof Environments;
    const { formatProblems, parseEnvironmentConfig } = require('../config/load') as typeof Load;
    const { sourceFiles } = require('../config/provenance') as typeof Provenance;
    const envs = ENVIRONMENTS as unknown as Envs;
    edit(envs);
    const problems = (['dev', 'staging', 'prod'] as const).flatMap((env) => {
      const r = parseEnvironmentConfig(env, envs[env]);
      return r.ok ? [] : r.problems;
    });
    loaded = { out: formatProblems(problems), sourceFiles, envs };
  });
  return loaded!;
}
const each = (edit: (c: any) => void) => (envs: Envs) => Object.values(envs).forEach(edit);
const route = (c: any, key: string) => c.gateway.routes.find((r: any) => r.routeKey === key);
const scope = (c: any, name: string) => c.identity.scopes.find((s: any) => s.name === name);

describe('GIVEN a mistake in the shared pieces', () => {
  test('fails once for every environment it reaches, naming shared.ts and the route by its key', () => {
    const { out } = afterEdit(each((c) => (route(c, 'POST /orders').scopes[0] = 'orders:wrte')));
    expect(out).toBe(
      '[dev, staging, prod] gateway.routes[\'POST /orders\'].scopes[0] = "orders:wrte": the authorization server ' +
        'defines no such scope; defined: profile:read, orders:read, orders:write, payments:write, admin:write, ' +
        'reports:read (config/environments/shared.ts)',
    );
  });

  test('fails once for a scope named by its name, with every environment listed', () => {
    const { out } = afterEdit(each((c) => (scope(c, 'orders:read').description = ' ')));
    expect(out).toBe(
      '[dev, staging, prod] identity.scopes[\'orders:read\'].description = " ": description must not be empty ' +
        '(config/environments/shared.ts)',
    );
  });

  test('fails once naming only the environments that use the piece (admin surfaces: staging and prod)', () => {
    const { out } = afterEdit((envs) => {
      for (const env of ['staging', 'prod'] as const) envs[env].identity.groups['okta-admins'].name = 'API\u200BAdmins';
    });
    expect(out).toMatch(
      /^\[staging, prod\] identity\.groups\.okta-admins\.name = .*\(config\/environments\/shared\.ts\)$/,
    );
  });
});

describe('GIVEN a mistake in an environment file', () => {
  test('fails naming that file for a value it passes to a shared piece (its CORS origins)', () => {
    const { out } = afterEdit((envs) => (envs.dev.gateway.cors.allowOrigins[0] = 'https://portal.dev.example.com:443'));
    expect(out).toMatch(
      /^\[dev\] gateway\.cors\.allowOrigins\[0\] = .*default port.*\(config\/environments\/dev\.ts\)$/,
    );
  });

  test('fails naming that file for its own literal, and prints the same mistake of two files twice', () => {
    const { out } = afterEdit((envs) => {
      envs.staging.backend.bucket = 'acme..state';
      envs.prod.backend.bucket = 'acme..state';
    });
    expect(out.split('\n')).toEqual([
      expect.stringMatching(/^\[staging\] backend\.bucket = .*\(config\/environments\/staging\.ts\)$/),
      expect.stringMatching(/^\[prod\] backend\.bucket = .*\(config\/environments\/prod\.ts\)$/),
    ]);
  });

  test('fails naming the environment file for an MFA setting it passes (requireManagedDevice)', () => {
    const { out } = afterEdit((envs) => (envs.staging.identity.mfa.tiers.critical.requireManagedDevice = true));
    expect(out).toMatch(/^\[staging\] identity\.mfa\.tiers\.critical\.requireManagedDevice = true: .*staging\.ts\)$/);
  });
});

describe('GIVEN a value written partly by each file', () => {
  test('names both files for an item built in shared.ts from the environment file arguments', () => {
    const { sourceFiles, envs } = afterEdit(() => undefined);
    expect(sourceFiles(envs.dev, ['identity', 'apps', 0])).toEqual([
      'config/environments/dev.ts',
      'config/environments/shared.ts',
    ]);
    expect(sourceFiles(envs.dev, ['identity', 'apps', 0, 'label'])).toEqual(['config/environments/shared.ts']);
    expect(sourceFiles(envs.prod, ['identity', 'mfa', 'rollout', 'currentPhase'])).toEqual([
      'config/environments/prod.ts',
    ]);
  });

  test('names no file for a config that is not one of config/environments/ (a copy)', () => {
    const problems = problemsOf(
      'dev',
      configFor('dev', (c) => (c.backend.bucket = 'acme..state')),
    );
    expect(problems.map((p) => p.files)).toEqual([undefined]);
  });
});

describe('keyedPath', () => {
  test('names items by key, keeps positions for plain values and for keys that are not unique', () => {
    const root = { routes: [{ routeKey: 'GET /a' }, { routeKey: "GET /it's" }], dup: [{ key: 'x' }, { key: 'x' }] };
    expect(keyedPath(root, ['routes', 1, 'scopes', 0])).toBe("routes['GET /it\\'s'].scopes[0]");
    expect(keyedPath(root, ['dup', 1, 'key'])).toBe('dup[1].key');
    expect(keyedPath(root, ['routes', 5])).toBe('routes[5]');
  });
});

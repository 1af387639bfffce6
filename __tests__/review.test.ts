/**
 * The review: fixture pairs written from configs (the default environments as the base, one mutated
 * copy per case as the head), synthesized once for the whole file, with the classification each case
 * must get.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../config/environments';
import type { EnvironmentConfigInput } from '../config/schema';
import { StackModel } from '../synthesized/model';
import { main, parseArgs } from '../review/cli';
import { renderMarkdown } from '../review/markdown';
import { reviewStack, reviewStacks, tripped, type StackReview } from '../review/review';
import { buildApp } from '../stacks/app';
import { FIXTURE_VERSION, fixtureOutdir } from './support/fixture';

type Config = EnvironmentConfigInput & { identity: Extract<EnvironmentConfigInput['identity'], { mode: 'managed' }> };
const copy = (env: keyof typeof ENVIRONMENTS): Config => structuredClone(ENVIRONMENTS[env]) as Config;
const route = (c: Config, key: string) => c.gateway.routes.find((r) => r.routeKey === key)!;
const app = (c: Config, key: string) => c.identity.apps!.find((a) => a.key === key)!;

type Change = (c: Config) => void;

const doubleTokenLifetime: Change = (c) => {
  c.identity.accessPolicies.flatMap((p) => p.rules).find((r) => r.name === 'Users')!.accessTokenLifetimeMinutes = 30;
};
const phaseBack: Change = (c) => void (c.identity.mfa!.rollout.currentPhase = 'pilot');
const tierDown: Change = (c) => {
  app(c, 'payments-console').signOnTier = 'standard';
  delete c.identity.scopes.find((s) => s.name === 'payments:write')!.requiredAssurance;
};
const publicRoute: Change = (c) => {
  const r = route(c, 'GET /reports/{reportId}');
  r.scopes = [];
  r.public = { reason: 'Reports are published openly from now on' };
};
const scopeRemoved: Change = (c) => void (route(c, 'GET /orders').scopes = ['orders:write']);
const appType: Change = (c) => {
  const portal = app(c, 'portal');
  portal.kind = 'native';
  portal.trustedOrigins = [];
};
const protectedDelete: Change = (c) => {
  c.identity.apps = c.identity.apps!.filter((a) => a.key !== 'reporting-job');
  c.identity.accessPolicies = c.identity.accessPolicies.filter((p) => !p.clients.includes('reporting-job'));
};
const rename: Change = (c) => void (app(c, 'portal').label = 'Customer portal');
const keyChange: Change = (c) => {
  app(c, 'mobile').key = 'mobile-app';
  for (const p of c.identity.accessPolicies) p.clients = p.clients.map((k) => (k === 'mobile' ? 'mobile-app' : k));
};
const noDeviceAssurance: Change = (c) => void (c.identity.mfa!.tiers.critical.deviceAssurances = []);
const notEveryone: Change = (c) => void (c.identity.mfa!.rollout.currentPhase = 'engineering');
const unrelated: Change = (c) => void (c.gateway.description = 'Orders and payments API for the portal and the apps');
/** The scenario of a new route: `GET /reports` added, and its scope granted to the users' access rule. */
const newRoute: Change = (c) => {
  const orders = route(c, 'GET /orders').integration as { url: string };
  c.gateway.routes.push({
    routeKey: 'GET /reports',
    scopes: ['reports:read'],
    integration: { type: 'http', url: orders.url.replace(/\/orders$/, '/reports'), method: 'GET' },
  });
  c.identity.accessPolicies
    .flatMap((p) => p.rules)
    .find((r) => r.name === 'Users')!
    .scopes.push('reports:read');
};

/**
 * Heads: a stack's name is its environment's, so each head app holds at most one case per environment.
 * Cases that must be alone in their stack (token lifetime for the CLI test, rename, unrelated) are;
 * the prod stack of head 2 combines changes to disjoint subjects.
 */
const HEADS: Record<string, Partial<Record<keyof typeof ENVIRONMENTS, readonly Change[]>>> = {
  head1: { dev: [appType], staging: [phaseBack], prod: [doubleTokenLifetime] },
  head2: {
    dev: [keyChange],
    staging: [rename],
    prod: [tierDown, publicRoute, scopeRemoved, protectedDelete, noDeviceAssurance],
  },
  head3: { dev: [notEveryone], staging: [newRoute], prod: [unrelated] },
};
/** Case -> [head, environment]. */
const CASES = {
  token: ['head1', 'prod'],
  'app-type': ['head1', 'dev'],
  'phase-back': ['head1', 'staging'],
  'key-change': ['head2', 'dev'],
  rename: ['head2', 'staging'],
  combined: ['head2', 'prod'],
  unrelated: ['head3', 'prod'],
  'not-everyone': ['head3', 'dev'],
  'new-route': ['head3', 'staging'],
} as const;

let work: string;
let base: Record<string, StackModel>;
const reviews: Record<string, StackReview> = {};
const headModels: Record<string, StackModel> = {};
const headOf = (k: keyof typeof CASES): StackModel => headModels[k];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'review-test-'));
  const modelsIn = (dir: string) => Object.fromEntries(StackModel.loadDir(dir).map((s) => [s.environment, s]));
  const synth = (name: string, environments: Record<string, unknown>) => {
    const built = buildApp({ environments, version: FIXTURE_VERSION, outdir: join(work, name) });
    expect(built.problems).toEqual([]);
    built.app.synth();
    return modelsIn(join(work, name));
  };
  // GIVEN the default environments as base (synthesized once per run) and heads with the changes below
  base = modelsIn(fixtureOutdir());
  const heads: Record<string, Record<string, StackModel>> = {};
  for (const [name, envs] of Object.entries(HEADS)) {
    heads[name] = synth(
      name,
      Object.fromEntries(
        Object.entries(envs).map(([env, changes]) => {
          const c = copy(env as keyof typeof ENVIRONMENTS);
          for (const change of changes) change(c);
          return [env, c];
        }),
      ),
    );
  }
  for (const [k, [h, env]] of Object.entries(CASES)) {
    headModels[k] = heads[h][env];
    reviews[k] = reviewStack(base[env], heads[h][env]);
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const weakens = (k: string) => reviews[k].posture.filter((p) => p.direction === 'weaken');
const strengthens = (k: string) => reviews[k].posture.filter((p) => p.direction === 'strengthen');

describe('review classifications', () => {
  test('an unchanged stack has no changes', () => {
    const r = reviewStack(base.prod, base.prod);
    expect(r.status).toBe('unchanged');
    expect(r.resources).toEqual([]);
    expect(r.posture).toEqual([]);
  });

  test('a token lifetime doubled weakens security, in place', () => {
    const r = reviews.token;
    expect(r.resources.map((x) => [x.kind, x.type])).toEqual([['changed', 'okta_auth_server_policy_rule']]);
    expect(r.resources[0].attributes).toEqual([
      { path: 'access_token_lifetime_minutes', before: '15', after: '30', forcesReplacement: undefined },
    ]);
    expect(weakens('token')).toHaveLength(1);
    expect(weakens('token')[0].sentence).toMatch(
      /access-token lifetime of rule "User-facing apps \/ Users" is now 30 min, was 15 min \(doubled\)/,
    );
    expect(r.counts.replaced).toBe(0);
  });

  test('an MFA phase moved back weakens security for the group that leaves the rollout', () => {
    const w = weakens('phase-back');
    expect(w.map((p) => p.subject)).toContain('group API Engineers');
    expect(w.find((p) => p.subject === 'group API Engineers')!.sentence).toMatch(
      /no longer required to use MFA at sign-in/,
    );
    expect(strengthens('phase-back')).toEqual([]);
  });

  test('changes to disjoint subjects in one stack each get their own classification, and nothing else weakens', () => {
    expect(
      weakens('combined')
        .map((p) => p.subject)
        .sort(),
    ).toEqual([
      'app Payments console (web)',
      'route GET /reports/{reportId}',
      'scope payments:write',
      'sign-on tier Sign-on tier: critical',
    ]);
    expect(weakens('combined').find((p) => p.subject === 'scope payments:write')?.sentence).toBe(
      'Tokens with the scope payments:write no longer need a phishing-resistant sign-in.',
    );
  });

  test('a tier constraint relaxed weakens security', () => {
    expect(weakens('combined').find((p) => p.subject === 'sign-on tier Sign-on tier: critical')?.sentence).toBe(
      'App sign-on tier "Sign-on tier: critical" now accepts weaker sign-ins: ' +
        'rule "Phishing-resistant, device-bound" no longer requires device assurance (macOS baseline or Windows ' +
        'baseline or iOS baseline or Android baseline).',
    );
  });

  test('an MFA phase moved back from everyone weakens security for everyone outside the earlier waves', () => {
    const w = weakens('not-everyone').map((p) => p.subject);
    expect(w).toEqual(
      expect.arrayContaining(['group Everyone', 'group API Users', 'sign-on tier Sign-on tier: standard']),
    );
    expect(w).not.toContain('group API Engineers');
  });

  test('a sign-on tier downgraded weakens security', () => {
    const w = weakens('combined').find((p) => p.area === 'mfa' && p.subject === 'app Payments console (web)');
    expect(w?.sentence).toMatch(
      /moves from sign-on tier "Sign-on tier: high" to "Sign-on tier: standard", which asks less/,
    );
  });

  test('a route made public weakens security', () => {
    const w = weakens('combined');
    expect(w.map((p) => p.sentence)).toContain(
      'Route `GET /reports/{reportId}` no longer requires a token: anyone on the internet can call it.',
    );
    const change = reviews.combined.resources.find(
      (x) => x.subject === 'aws_apigatewayv2_route "GET /reports/{reportId}"',
    )!;
    expect(change.attributes.find((a) => a.path === 'authorizer_id')).toEqual({
      path: 'authorizer_id',
      before: 'aws_apigatewayv2_authorizer "okta-jwt"',
      after: undefined,
      forcesReplacement: undefined,
    });
  });

  test('a scope removed from a route narrows who gets in (scopes are alternatives), so it strengthens', () => {
    expect(weakens('combined').filter((p) => p.subject === 'route GET /orders')).toEqual([]);
    expect(
      strengthens('combined')
        .filter((p) => p.subject === 'route GET /orders')
        .map((p) => p.sentence),
    ).toEqual(['Route `GET /orders` no longer accepts tokens whose only matching scope is `orders:read`.']);
  });

  test('an app type changed forces replacement (new client_id)', () => {
    const r = reviews['app-type'];
    const portal = r.resources.find((x) => x.type === 'okta_app_oauth')!;
    expect(portal.kind).toBe('changed');
    expect(portal.replacement.join()).toMatch(/^type: .*new client_id/);
    expect(portal.attributes.find((a) => a.path === 'type')).toMatchObject({ before: 'browser', after: 'native' });
    expect(r.counts.replaced).toBe(1);
    expect(tripped(reviewStacks([base.dev], [headOf('app-type')], { base: 'b', head: 'h' }), ['replace'])).toEqual([
      'replace',
    ]);
  });

  test('deleting a protected resource is a protected destroy', () => {
    const r = reviews.combined;
    const removed = r.resources.filter((x) => x.kind === 'removed');
    expect(removed.find((x) => x.type === 'okta_app_oauth')).toMatchObject({
      subject: 'okta_app_oauth "Nightly reporting job (service)"',
      destroysProtected: true,
    });
    expect(r.counts.destroyed).toBe(1);
  });

  test('a pure rename is an in-place change that weakens nothing', () => {
    const r = reviews.rename;
    expect(r.resources.every((x) => x.kind === 'changed' && x.replacement.length === 0)).toBe(true);
    expect(r.resources.find((x) => x.type === 'okta_app_oauth')!.attributes).toEqual([
      { path: 'label', before: 'Customer portal (SPA)', after: 'Customer portal', forcesReplacement: undefined },
    ]);
    expect(weakens('rename')).toEqual([]);
    expect(r.counts.replaced).toBe(0);
  });

  test('a construct id change is the same app under a new address, destroyed and recreated', () => {
    const r = reviews['key-change'];
    const moved = r.resources.find((x) => x.type === 'okta_app_oauth')!;
    expect(moved).toMatchObject({
      kind: 'readdressed',
      baseAddress: expect.stringContaining('Apps_mobile_'),
      address: expect.stringContaining('Apps_mobile-app_'),
    });
    expect(moved.replacement[0]).toMatch(/construct id changed \(Apps\/mobile -> Apps\/mobile-app\)/);
    expect(r.posture.filter((p) => p.area === 'apps')).toEqual([]);
    expect(r.counts.added + r.counts.removed).toBe(0);
  });

  test('no false "weakened" on an unrelated change', () => {
    const r = reviews.unrelated;
    expect(r.resources.map((x) => x.type)).toEqual(['aws_apigatewayv2_api']);
    expect(r.posture).toEqual([]);
    expect(r.counts).toMatchObject({ weakens: 0, replaced: 0, destroyed: 0, findingsIntroduced: 0 });
  });
});

describe('review output', () => {
  test('the comment puts weakening items first and details in collapsible sections', () => {
    const review = reviewStacks([base.prod], [headOf('combined')], { base: 'main', head: 'pr' });
    const md = renderMarkdown(review);
    expect(md.startsWith('<!-- identity-gateway-review -->')).toBe(true);
    expect(md).toMatch(
      /\| Environment \| Resources \| Security \| Replaced \| Protected destroyed \| Guardrail findings \|/,
    );
    expect(md.indexOf('### 🔴 Weakens security')).toBeLessThan(md.indexOf('<details>'));
    expect(md).toContain('<details><summary><b>identity-gateway-prod</b>');
  });

  test(
    '`review --base-dir --head-dir` prints exactly the ' + 'one changed setting and exits 2 with --fail-on weaken',
    () => {
      // Head = the default output with only prod's one setting changed.
      const headDir = join(work, 'cli-head');
      mkdirSync(join(headDir, 'stacks'), { recursive: true });
      cpSync(join(fixtureOutdir(), 'stacks'), join(headDir, 'stacks'), { recursive: true });
      rmSync(join(headDir, 'stacks', 'identity-gateway-prod'), { recursive: true });
      cpSync(join(work, 'head1', 'stacks', 'identity-gateway-prod'), join(headDir, 'stacks', 'identity-gateway-prod'), {
        recursive: true,
      });
      const out: string[] = [];
      const write = jest
        .spyOn(process.stdout, 'write')
        .mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
      const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      let code: number;
      try {
        code = main(['--base-dir', fixtureOutdir(), '--head-dir', headDir, '--fail-on', 'weaken,replace,destroy']);
      } finally {
        write.mockRestore();
        err.mockRestore();
      }
      expect(code).toBe(1);
      const md = out.join('');
      expect(md).toContain('| dev | no change |');
      expect(md).toContain('| staging | no change |');
      expect(md).toContain('| prod | +0 / −0 / ~1 | 🔴 1 weakens | — | — | — |');
      const bullets = md.split('\n').filter((l) => l.startsWith('- '));
      expect(bullets).toEqual([
        '- **prod**: The access-token lifetime of rule "User-facing apps / Users" ' +
          'is now 30 min, was 15 min (doubled): a stolen token keeps working longer.',
      ]);
    },
  );

  test('--json is the same review for machines', () => {
    const out: string[] = [];
    const write = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
    try {
      expect(main(['--base-dir', fixtureOutdir(), '--head-dir', fixtureOutdir(), '--json'])).toBe(0);
    } finally {
      write.mockRestore();
    }
    const json = JSON.parse(out.join('')) as { stacks: { stack: string; status: string }[] };
    expect(json.stacks.map((s) => [s.stack, s.status])).toEqual([
      ['identity-gateway-dev', 'unchanged'],
      ['identity-gateway-staging', 'unchanged'],
      ['identity-gateway-prod', 'unchanged'],
    ]);
  });
});

describe('review arguments', () => {
  test('takes a git ref or two directories, a format and gates', () => {
    expect(parseArgs(['--base', 'origin/main', '--fail-on', 'weaken,replace,destroy'])).toEqual({
      base: 'origin/main',
      json: false,
      failOn: ['weaken', 'replace', 'destroy'],
    });
    expect(parseArgs(['--base-dir', 'a', '--head-dir', 'b', '--json'])).toEqual({
      baseDir: 'a',
      headDir: 'b',
      json: true,
      failOn: [],
    });
  });

  test('fails on a missing base, two bases or an unknown gate', () => {
    expect(() => parseArgs([])).toThrow(/exactly one of --base and --base-dir/);
    expect(() => parseArgs(['--base', 'x', '--base-dir', 'y'])).toThrow(/exactly one/);
    expect(() => parseArgs(['--base', 'x', '--fail-on', 'weaken,drift'])).toThrow(
      /--fail-on drift: allowed weaken, replace, destroy, finding/,
    );
  });
});

describe("GIVEN GET /reports added to staging and reports:read granted to the users' rule", () => {
  // GIVEN staging with `GET /reports` added (scope reports:read) and reports:read granted to the users' rule
  const access = () => reviews['new-route'].access;
  const markdown = () => renderMarkdown({ base: 'base', head: 'head', stacks: [reviews['new-route']] });

  test('WHEN reviewed THEN the comment says who can now reach it, via which app, with which sign-in and where', () => {
    const bullets = markdown()
      .split('\n')
      .filter((l) => l.startsWith('- '));
    expect(bullets).toEqual([
      '- **staging**: Access rule "User-facing apps / Users" now grants the scope `reports:read` ' +
        'to Customer portal (SPA) and Mobile app (native).',
      '- **staging**: Can now reach `GET /reports` (new route): Nightly reporting job (service), as a machine ' +
        'client, in every context but from a blocked country (CU) and through Tor.',
      '- **staging**: Can now reach `GET /reports` (new route) and `GET /reports/{reportId}`: API Payments ' +
        'Operators via Customer portal (SPA) with password + Okta Verify push, in every context but from a ' +
        'blocked country (CU), through Tor and at HIGH risk; API Payments Operators via Customer portal (SPA) ' +
        'with password + WebAuthn, at HIGH risk; API Users via Customer portal (SPA) and API Users via Mobile app ' +
        '(native) with password, in every context but from a blocked country (CU), through Tor and at HIGH risk.',
      '- **staging**: New route `GET /reports` requires a token with one of `reports:read` ' +
        '(it calls `HTTP GET https://orders.staging.example.com/reports`).',
    ]);
    expect(markdown()).toContain('| staging | +2 / −0 / ~1 | 🔴 1 weakens · ↗ 2 widen | — | — | — |');
    expect(markdown()).toContain('### ↗ Access widens');
  });

  test('WHEN reviewed as JSON THEN each widening lists the routes (new ones marked) and everyone it concerns', () => {
    const json = JSON.parse(JSON.stringify(access()));
    expect(json.map((a: any) => [a.kind, a.direction, a.routes, a.newRoutes])).toEqual([
      ['widens', 'weaken', ['GET /reports'], ['GET /reports']],
      ['widens', 'weaken', ['GET /reports', 'GET /reports/{reportId}'], ['GET /reports']],
    ]);
    // Intent: the people who gain access appear, not only the route: every group of the rule, per app.
    const who = json[1].who.map((w: any) => `${w.group} | ${w.app} | ${w.after} | ${w.contexts.join(',')}`);
    expect(who).toEqual([
      'API Payments Operators | Customer portal (SPA) | password + Okta Verify push | ' +
        'ordinary,unmanaged-device,failing-device,anomaly',
      'API Payments Operators | Customer portal (SPA) | password + WebAuthn | high-risk',
      // API Users are outside staging's enforced waves: at HIGH risk they are denied, before and after.
      'API Users | Customer portal (SPA) | password | ordinary,unmanaged-device,failing-device,anomaly',
      'API Users | Mobile app (native) | password | ordinary,unmanaged-device,failing-device,anomaly',
    ]);
    expect(json[0].who.map((w: any) => w.who)).toEqual(['Nightly reporting job (service), as a machine client']);
    // Blocked networks stay blocked: no widening from a blocked country or through Tor.
    expect(json.flatMap((a: any) => a.who.flatMap((w: any) => w.contexts))).not.toContain('blocked-country');
    expect(reviews['new-route'].counts).toMatchObject({ widens: 2, narrows: 0, weakens: 1 });
    expect(tripped({ base: 'b', head: 'h', stacks: [reviews['new-route']] }, ['weaken'])).toEqual(['weaken']);
  });

  test('GIVEN the reverse change WHEN reviewed THEN the same people lose access: it narrows', () => {
    const back = reviewStack(headOf('new-route'), base.staging);
    expect(back.access.map((a) => [a.kind, a.routes, a.removedRoutes])).toEqual([
      ['narrows', ['GET /reports'], ['GET /reports']],
      ['narrows', ['GET /reports', 'GET /reports/{reportId}'], ['GET /reports']],
    ]);
    expect(back.access[1].sentence).toMatch(
      /^Can no longer reach `GET \/reports` \(removed route\) and `GET \/reports\/\{reportId\}`: API Payments /,
    );
    expect(back.counts).toMatchObject({ widens: 0, narrows: 2 });
  });
});

describe('a wave move', () => {
  test('GIVEN staging back to the pilot wave WHEN reviewed THEN the group that moves is named with its sign-in', () => {
    expect(weakens('phase-back').map((p) => p.sentence)).toContain(
      'People in group "API Engineers" are no longer required to use MFA at sign-in; they are now not in the MFA ' +
        'rollout: they now sign in to Okta with password (was password + Okta Verify push; simulated, ordinary ' +
        'context); no app of this stack is assigned to them.',
    );
  });

  test('GIVEN an app whose key changed WHEN reviewed THEN its users keep their access: none widens or narrows', () => {
    expect(reviews['key-change'].access).toEqual([]);
  });
});

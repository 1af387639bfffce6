/**
 * The review shows how a change moves the access matrix: fixture pairs (the default environments as the
 * base, one change per environment as the head) for a rollout phase moved back, a sign-on tier
 * downgraded, a route made public and a blocklist zone removed; the posture report includes the matrix.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../config/environments';
import type { EnvironmentConfigInput } from '../config/schema';
import { StackModel } from '../synthesized/model';
import { renderMarkdown } from '../review/markdown';
import { buildReport } from '../review/report';
import type { AccessItem } from '../review/access';
import { reviewStack, type StackReview } from '../review/review';
import { buildApp } from '../stacks/app';
import { FIXTURE_VERSION, fixtureOutdir } from './support/fixture';

type Config =
  Extract<EnvironmentConfigInput['identity'], { mode: 'managed' }> extends infer I
    ? EnvironmentConfigInput & { identity: I }
    : never;
const copy = (env: keyof typeof ENVIRONMENTS): Config => structuredClone(ENVIRONMENTS[env]) as Config;

const phaseBack = (c: Config) => void (c.identity.mfa!.rollout.currentPhase = 'engineering');
const tierDown = (c: Config) => {
  c.identity.apps!.find((a) => a.key === 'payments-console')!.signOnTier = 'standard';
  delete c.identity.scopes.find((s) => s.name === 'payments:write')!.requiredAssurance;
};
const publicRoute = (c: Config) => {
  const r = c.gateway.routes.find((x) => x.routeKey === 'POST /orders')!;
  r.scopes = [];
  r.public = { reason: 'Guest checkout' };
};
const zoneRemoved = (c: Config) => void (c.identity.mfa!.networkZones!.blocklist = { anonymizers: 'tor' });

let work: string;
const base: Record<string, StackModel> = {};
const head: Record<string, StackModel> = {};
const reviews: Record<string, StackReview> = {};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'simulator-review-'));
  const synth = (name: string, environments: Record<string, unknown>, into: Record<string, StackModel>) => {
    const built = buildApp({ environments, version: FIXTURE_VERSION, outdir: join(work, name) });
    expect(built.problems).toEqual([]);
    built.app.synth();
    for (const s of StackModel.loadDir(join(work, name))) into[`${name}:${s.environment}`] = s;
  };
  // GIVEN the default environments as base (synthesized once per run) and heads with one change each
  for (const s of StackModel.loadDir(fixtureOutdir())) base[`base:${s.environment}`] = s;
  const edit = (env: keyof typeof ENVIRONMENTS, change: (c: Config) => void) => {
    const c = copy(env);
    change(c);
    return c;
  };
  // One change per environment, so each case is alone in its stack.
  synth('a', { dev: edit('dev', phaseBack), prod: edit('prod', tierDown), staging: ENVIRONMENTS.staging }, head);
  synth('b', { staging: edit('staging', publicRoute), prod: edit('prod', zoneRemoved) }, head);
  const pairs = {
    phase: ['dev', 'a'],
    tier: ['prod', 'a'],
    unchanged: ['staging', 'a'],
    public: ['staging', 'b'],
    zone: ['prod', 'b'],
  } as const;
  for (const [k, [env, h]] of Object.entries(pairs)) reviews[k] = reviewStack(base[`base:${env}`], head[`${h}:${env}`]);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sentences = (k: string, kind: AccessItem['kind']) =>
  reviews[k].access.filter((p) => p.kind === kind).map((p) => p.sentence);

test(
  'GIVEN the rollout phase moved back from everyone WHEN reviewed ' +
    'THEN API Users reach their routes with a weaker sign-in',
  () => {
    const weak = sentences('phase', 'weakens');
    expect(weak).toEqual([
      'Reach with a weaker sign-in `GET /me`, `GET /orders`, `GET /orders/{orderId}` and `POST /orders`: API Users ' +
        'via Customer portal (SPA) and API Users via Mobile app (native) with password (was password + email), ' +
        'in every context but from a blocked country (CU) and through Tor.',
    ]);
    // Intent: the item names who, the routes, both sign-ins and the contexts, and counts as a weakening.
    const [item] = reviews.phase.access;
    expect(item.who.map((w) => [w.group, w.app, w.before, w.after])).toEqual([
      ['API Users', 'Customer portal (SPA)', 'password + email', 'password'],
      ['API Users', 'Mobile app (native)', 'password + email', 'password'],
    ]);
    expect(item.who[0].contexts).not.toContain('blocked-country');
    expect(item.direction).toBe('weaken');
    expect(sentences('phase', 'strengthens')).toEqual([]);
    expect(reviews.phase.counts.weakens).toBeGreaterThanOrEqual(weak.length);
  },
);

test(
  'GIVEN the payments console downgraded to the standard tier ' +
    'WHEN reviewed THEN POST /payments needs a weaker sign-in, and a failing device now gets in',
  () => {
    expect(sentences('tier', 'weakens')).toEqual([
      'Reach with a weaker sign-in `GET /me`, `GET /orders`, `GET /orders/{orderId}` and `POST /payments`: API ' +
        'Payments Operators via Payments console (web) with password + Okta Verify push (was password + WebAuthn), ' +
        'in an ordinary context (unlisted address, LOW risk, no anomaly, compliant company laptop), from an ' +
        'unmanaged device (Okta Verify installed) and with an anomaly (Impossible travel (800 km/h), New Country, ' +
        'New Device, New IP).',
    ]);
    // The standard tier checks no device assurance: a failing device, denied before, now gets in.
    expect(sentences('tier', 'widens')).toEqual([
      'Can now reach `GET /me`, `GET /orders`, `GET /orders/{orderId}` and `POST /payments`: API Payments ' +
        'Operators via Payments console (web) with password + Okta Verify push, from a managed device that fails ' +
        'device assurance.',
    ]);
    expect(reviews.tier.counts.widens).toBe(1);
  },
);

test('GIVEN POST /orders made public WHEN reviewed THEN the review says it once, for anyone, not per person', () => {
  expect(reviews.public.posture.filter((p) => p.subject === 'route POST /orders').map((p) => p.sentence)).toEqual([
    'Route `POST /orders` no longer requires a token: anyone on the internet can call it.',
  ]);
  expect(reviews.public.access.filter((a) => a.routes.includes('POST /orders'))).toEqual([]);
});

test(
  'GIVEN the blocked-locations zone removed WHEN reviewed THEN ' +
    'people from a blocked country get in, and the comment says so',
  () => {
    const wide = sentences('zone', 'widens');
    expect(wide).toContain(
      'Can now reach `GET /me`, `GET /orders`, `GET /orders/{orderId}` and `POST /orders`: API Payments Operators ' +
        'via Customer portal (SPA) with password + Okta Verify push, from a blocked country (CU); API Users via ' +
        'Customer portal (SPA) and API Users via Mobile app (native) with password, from a blocked country (CU).',
    );
    expect(reviews.zone.access.every((a) => a.who.every((w) => w.contexts.join() === 'blocked-country'))).toBe(true);
    const markdown = renderMarkdown({ base: 'base', head: 'head', stacks: [reviews.zone] });
    expect(markdown).toContain('### ↗ Access widens');
    expect(markdown).toContain(
      '- **prod**: Can now reach `GET /reports/{reportId}`: Nightly reporting job (service), as a machine client, ' +
        'from a blocked country (CU).',
    );
  },
);

test('GIVEN an unchanged stack WHEN reviewed THEN the matrix shows no change', () => {
  expect(reviews.unchanged.access).toEqual([]);
});

test(
  'GIVEN the prod stack WHEN the posture report is built ' + 'THEN it includes the access matrix for every context',
  () => {
    const report = buildReport(base['base:prod'], []);
    expect(report.markdown).toContain('## Access matrix');
    for (const c of [
      'Context: in an ordinary context',
      'Context: from a blocked country (CU).',
      'Context: through Tor.',
      'Context: at HIGH risk.',
      'Context: from an unmanaged device',
    ]) {
      expect(report.markdown).toContain(c);
    }
    expect(report.markdown).toMatch(/\| API Admins via Admin console \(web\) \| Okta Verify FastPass \| .*allow/);
    expect(report.html).toContain('Access matrix');
  },
);

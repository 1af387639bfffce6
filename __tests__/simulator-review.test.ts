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

const sentences = (k: string, direction: 'weaken' | 'strengthen') =>
  reviews[k].access.filter((p) => p.direction === direction).map((p) => p.sentence);

test(
  'GIVEN the rollout phase moved back from everyone WHEN reviewed ' +
    'THEN API Users reach their routes with a weaker sign-in',
  () => {
    const weak = sentences('phase', 'weaken');
    expect(weak).toContain(
      'API Users, Mobile app (native); API Users, Customer portal (SPA), POST /orders: in an ' +
        'ordinary context (unlisted address, LOW risk, no anomaly, managed compliant laptop), at HIGH risk, from an ' +
        'unmanaged device (Okta Verify installed), from a managed device that fails device assurance, with an ' +
        'anomaly (Impossible travel (800 km/h), New Country, New Device, New IP), ' +
        'allow with password + email -> allow with password.',
    );
    expect(sentences('phase', 'strengthen')).toEqual([]);
    expect(reviews.phase.counts.weakens).toBeGreaterThanOrEqual(weak.length);
  },
);

test(
  'GIVEN the payments console downgraded to the standard tier ' +
    'WHEN reviewed THEN POST /payments needs a weaker sign-in',
  () => {
    expect(sentences('tier', 'weaken')).toContain(
      'API Payments Operators, Payments console (web), POST /payments: in an ordinary context ' +
        '(unlisted address, LOW risk, no anomaly, managed compliant laptop), from an unmanaged device (Okta ' +
        'Verify installed), with an anomaly (Impossible travel (800 km/h), New Country, New Device, New IP), ' +
        'allow with password + WebAuthn -> allow with password + Okta Verify push.',
    );
    // The standard tier checks no device assurance: a failing device, denied before, now gets in.
    expect(sentences('tier', 'weaken')).toContain(
      'API Payments Operators, Payments console (web), POST /payments: from a managed device that fails device ' +
        'assurance, deny -> allow with password + Okta Verify push.',
    );
  },
);

test('GIVEN POST /orders made public WHEN reviewed THEN it opens to everyone, from blocked networks too', () => {
  const weak = sentences('public', 'weaken').filter((s) => s.includes('POST /orders'));
  expect(weak).toContain(
    'API Admins, Admin console (web); API Payments Operators, Payments console (web); Nightly ' +
      'reporting job (service), POST /orders: in every context, deny -> allow without sign-in.',
  );
  expect(
    weak.some((s) => s.includes('from a blocked country (CU)') && s.endsWith('deny -> allow without sign-in.')),
  ).toBe(true);
});

test(
  'GIVEN the blocked-locations zone removed WHEN reviewed THEN ' +
    'people from a blocked country get in, and the comment says so',
  () => {
    const weak = sentences('zone', 'weaken');
    expect(weak).toContain(
      'API Users, Mobile app (native); API Users, Customer portal (SPA), ' +
        'POST /orders: from a blocked country (CU), deny -> allow with password.',
    );
    expect(weak.every((s) => s.includes('from a blocked country (CU)'))).toBe(true);
    const markdown = renderMarkdown({ base: 'base', head: 'head', stacks: [reviews.zone] });
    expect(markdown).toContain(
      '- **prod**: API Users, Mobile app (native); API Users, Customer portal ' +
        '(SPA), POST /orders: from a blocked country (CU), deny -> allow with password.',
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

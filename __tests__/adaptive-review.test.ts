/**
 * Review and report of adaptive MFA: weakening a device assurance policy (a lower minimum OS, encryption
 * dropped), dropping a risk rule and un-blocking a behaviour are each a "weakens" sentence; the posture report
 * says per tier what HIGH risk and device posture require, and which behaviours force MFA.
 */
import { adaptiveChanges } from '../review/adaptive';
import { buildReport } from '../review/report';
import { reviewStack } from '../review/review';
import type { StackModel } from '../synthesized/model';
import { modelOf, res, synthesizedDefaults, tierRules, type Json, type Synthesized } from './support/guardrails';

let json: Synthesized;
let prod: StackModel;

beforeAll(() => {
  // GIVEN the default environments, synthesized once
  json = synthesizedDefaults().json;
  prod = modelOf('prod', json.prod);
});

const weakens = (edit: (j: Json) => void) =>
  reviewStack(prod, modelOf('prod', json.prod, edit))
    .posture.filter((p) => p.direction === 'weaken')
    .map((p) => p.sentence);
const rules = (j: Json) => Object.values(j.resource.okta_policy_rule_signon as Record<string, Json>);

describe('GIVEN a change to prod WHEN reviewed', () => {
  test('THEN a lower minimum OS weakens, a higher one strengthens', () => {
    expect(weakens((j) => (res(j, 'okta_policy_device_assurance_macos').os_version = '13.6'))).toContain(
      'Device assurance "macOS baseline" now accepts OS 13.6 and later (was 14.0 and later).',
    );
    const up = adaptiveChanges(
      prod,
      modelOf('prod', json.prod, (j) => (res(j, 'okta_policy_device_assurance_macos').os_version = '15.1')),
    );
    expect(up).toEqual([
      {
        direction: 'strengthen',
        area: 'mfa',
        subject: 'device assurance macOS baseline',
        sentence: 'Device assurance "macOS baseline" now requires OS 15.1 or later (was 14.0).',
      },
    ]);
  });

  test('THEN dropping disk encryption, secure hardware or the jailbreak check weakens', () => {
    expect(
      weakens((j) => {
        const w = res(j, 'okta_policy_device_assurance_windows');
        delete w.disk_encryption_type;
        delete w.secure_hardware_present;
      }),
    ).toContain(
      'Device assurance "Windows baseline" no longer checks disk encryption (ALL_INTERNAL_VOLUMES), secure hardware.',
    );
    expect(weakens((j) => delete res(j, 'okta_policy_device_assurance_ios').jailbreak)).toContain(
      'Device assurance "iOS baseline" no longer checks no jailbreak or root.',
    );
  });

  test('THEN dropping a tier risk rule or turning a deny into a step-up weakens', () => {
    expect(
      weakens((j) => {
        const all = j.resource.okta_app_signon_policy_rule as Record<string, Json>;
        const deny = tierRules(j, 'critical').find((r) => r.risk_score === 'HIGH')!;
        delete all[Object.keys(all).find((k) => all[k] === deny)!];
      }),
    ).toContain('Sign-ins at HIGH risk are no longer denied in Sign-on tier: critical.');
    expect(
      weakens((j) => {
        const deny = tierRules(j, 'critical').find((r) => r.risk_score === 'HIGH')!;
        deny.access = 'ALLOW';
      }),
    ).toContain('Sign-ins at HIGH risk are now allowed with a step-up in Sign-on tier: critical (they were denied).');
  });

  test('fails (weakens) when the HIGH-risk step-up is widened to everyone: enrollment is offered mid-sign-in', () => {
    const widened = (j: Json) => {
      for (const r of tierRules(j, 'standard').filter((x) => x.risk_score === 'HIGH')) {
        if (r.access === 'ALLOW') delete r.groups_included;
        else r.access = 'ALLOW';
      }
    };
    expect(weakens(widened)).toContain(
      'Sign-ins at HIGH risk of people outside the rollout are now stepped up in Sign-on tier: standard (they were ' +
        'denied): with nothing enrolled, they are offered enrollment in the middle of the risky sign-in.',
    );
    // AND the reverse (this change) strengthens
    const back = adaptiveChanges(modelOf('prod', json.prod, widened), prod).map((p) => [p.direction, p.sentence]);
    expect(back).toContainEqual([
      'strengthen',
      'Sign-ins at HIGH risk of people outside the rollout are now denied in Sign-on tier: standard; only the ' +
        'enrolled groups are stepped up (no enrollment is offered in the middle of a risky sign-in).',
    ]);
  });

  test('THEN a behaviour the session rule no longer acts on, or a velocity raised, weakens', () => {
    const out = weakens((j) => {
      const anomaly = rules(j).find((r) => Array.isArray(r.behaviors))!;
      anomaly.behaviors = anomaly.behaviors.filter((b: string) => !b.includes('new-country'));
      res(j, 'okta_behavior').velocity = 1600;
    });
    expect(out).toContain('The behaviour "New Country" no longer forces MFA: an anomaly it detects is let through.');
    expect(out).toContain('The behaviour "Impossible travel (800 km/h)" fires only above 1600 km/h (was 805 km/h).');
  });

  test('THEN the unchanged stack has no adaptive sentence', () => {
    expect(adaptiveChanges(prod, modelOf('prod', json.prod))).toEqual([]);
  });
});

describe('GIVEN the posture report of each environment', () => {
  test('THEN prod and staging list per tier what HIGH risk and device posture require', () => {
    for (const env of ['prod', 'staging'] as const) {
      const md = buildReport(modelOf(env, json[env]), []).markdown;
      expect(md).toContain('| Tier | At HIGH risk | Device posture |');
      expect(md).toMatch(
        /\| Sign-on tier: critical \| denied \| registered device, not managed; device assurance: macOS baseline or/,
      );
      // Stepped up only for the enforced (enrolled) waves; anyone else at HIGH risk is denied.
      const enrolled =
        env === 'prod' ? 'API Admins, API Payments Operators' : 'API Admins, API Payments Operators, API Engineers';
      expect(md).toContain(
        `| Sign-on tier: standard | phishing-resistant step-up for ${enrolled}; denied for everyone else | ` +
          'any device |',
      );
      expect(md).toContain(
        'Global session: HIGH risk forces MFA and a short session; behaviours that force MFA: Impossible travel ' +
          '(800 km/h), New Country, New Device, New IP.',
      );
    }
  });

  test('THEN dev, without risk scoring, says there is no risk rule', () => {
    const md = buildReport(modelOf('dev', json.dev), []).markdown;
    expect(md).toContain('| Sign-on tier: high | no risk rule | registered device, not managed; device assurance:');
    expect(md).toContain('Global session: no HIGH-risk rule;');
  });
});

/**
 * Config to construct props, checked: every field the schema fills (optional, or with a default) reaches the
 * synthesized stack, unless it is declared below as read elsewhere, with why.
 *
 * How: the leaves come from the schema, walked along each parsed starting config (support/config-leaves.ts), so
 * a new field is checked without editing this file. Each leaf is set alone to candidates for a non-default value
 * (another enum member or allowed value, the flipped boolean, a number in range, the default, absence, a shorter
 * or longer list, the same field's value elsewhere in the starting configs). A candidate counts when the changed
 * config passes the schema with its cross-field rules and differs from the start once parsed. A field is wired
 * when one such change changes the synthesized JSON (the `//` declarations included: the guardrails and the
 * review read them). The starting configs are the defaults and the branches they do not take.
 *
 * Cost: one synthesis per counted candidate until its field is proven, in memory (`toTerraform()`, no files,
 * one cdktf load; cdktf's creation stack traces, used only in its own error messages, are not recorded): about
 * 90 syntheses and 300 parses, 4-5 CPU-seconds. Batching fields is not sound: a synthesis answers only "same or
 * different", and single-field changes with pairwise different fields never form a cycle, so proving n fields
 * wired takes at least n + 1 syntheses however they are grouped. The shortcut is the unit instead: the question
 * is whether a field is passed on, and a list item's or record entry's field is mapped by one line for all of
 * them (stacks/props/), so a field is proven by its first occurrence that changes the output. Further
 * occurrences, then further starting configs, are tried only while none has, and an occurrence like one already
 * tried (same field, same sibling fields, same value) is skipped. A search cut short can only leave a field
 * unproven, which the exact lists below then report; it never passes a field that changes nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { environmentConfigSchema } from '../config/rules';
import type { EnvironmentConfig, EnvironmentName } from '../config/schema';
import { IdentityGatewayStack, stackName } from '../stacks/identity-gateway-stack';
import { configFor } from './support/configs';
import { MANAGED_AUTHENTICATORS } from '../domain/okta/authenticators';
import {
  candidatesFor,
  describeCandidate,
  dotted,
  fitsField,
  leavesOf,
  optionalFieldsOf,
  samplesOf,
  valueAt,
  withValue,
} from './support/config-leaves';

jest.mock('cdktf/lib/tokens/private/stack-trace', () => ({ captureStackTrace: () => [] }));

/**
 * Fields that change nothing in the synthesized JSON on purpose: who reads them, and why. A field listed here
 * that does change the output fails the test, so the list cannot rot.
 */
const CONSUMED_ELSEWHERE: Readonly<Record<string, string>> = {};

/**
 * Fields no single valid change reaches from the starting configs, each needing another field changed with it;
 * their own fields are leaves and checked. Exact: a field listed here that a change does reach fails the test.
 */
const UNSETTABLE: Readonly<Record<string, string>> = {
  'okta.provider': 'every field has a default and the defaults are written: the object itself has no other value',
  // Every managed authenticator but phone, whose config differs between the environments (dev enables it).
  ...Object.fromEntries(
    MANAGED_AUTHENTICATORS.filter((k) => k !== 'phone').map((k) => [
      `identity.mfa.authenticators.${k}`,
      'always listed (Okta cannot delete an authenticator)',
    ]),
  ),
  'gateway.routes[].public': 'a route is public (no scopes) or protected (scopes): one changes with the other',
  'identity.mfa.authenticators.security-question.recovery':
    'true needs the authenticator ACTIVE and enrollable (and ACTIVE needs it): they change together',
  'identity.mfa.passwordPolicy': 'every field has a default and the defaults are written: no other value alone',
  'identity.mfa.passwordPolicy.expireWarnDays': 'a warning before expiry needs an expiry (maxAgeDays) with it',
  'identity.mfa.passwordPolicy.minLengthOverride': 'an override needs a minLength below the guidance with it',
};

interface Start {
  readonly name: string;
  readonly env: EnvironmentName;
  readonly input: unknown;
}

/**
 * The starting configs: prod (it has the most features), dev (phone, no risk rules, no admin surfaces, no log
 * stream), and the branches the defaults do not take. Staging adds nothing prod and dev do not have; the
 * gateway-only branch has no field the schema fills.
 */
const STARTS: readonly Start[] = [
  { name: 'prod', env: 'prod', input: configFor('prod') },
  {
    // Device management in the org (a critical app may require a managed device; the tiers name no device
    // assurance), and behaviours defined here of the shapes the defaults only look up.
    name: 'staging with device management and defined behaviours',
    env: 'staging',
    input: configFor('staging', (c) => {
      c.identity.mfa.deviceManagement = true;
      c.identity.mfa.tiers.high.deviceAssurances = [];
      c.identity.mfa.tiers.critical.deviceAssurances = [];
      Object.assign(c.identity.mfa.behaviors, {
        'new-city': { name: 'New city', type: 'ANOMALOUS_LOCATION', authentications: 20, granularity: 'CITY' },
        'new-place': {
          name: 'New place',
          type: 'ANOMALOUS_LOCATION',
          authentications: 20,
          granularity: 'LAT_LONG',
          radiusKm: 50,
        },
        'new-device-here': { name: 'New device (defined here)', type: 'ANOMALOUS_DEVICE', authentications: 20 },
      });
    }),
  },
  { name: 'dev', env: 'dev', input: configFor('dev') },
  {
    name: 'dev with local state and a suppression',
    env: 'dev',
    input: configFor('dev', (c) => {
      c.backend = { type: 'local' };
      c.suppressions = [
        { ruleId: 'GW-01', address: 'identity-gateway-dev', reason: 'reaches the fields', expires: '2099-12-31' },
      ];
    }),
  },
];

interface FieldResult {
  /** The change that proved the field wired. */
  proof?: string;
  /** The counted changes that changed nothing. */
  readonly unchanged: string[];
}

interface Wiring {
  readonly fields: ReadonlyMap<string, FieldResult>;
  /** Changes the schema accepts and a construct refuses, with the construct's message. */
  readonly refused: readonly string[];
}

function parse(env: EnvironmentName, input: unknown): EnvironmentConfig {
  const parsed = environmentConfigSchema.safeParse(input);
  if (!parsed.success) throw new Error(`${env}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

/** Sets each optional leaf of each starting config, one at a time, until its field is proven wired. */
function wiringOf(starts: readonly Start[]): Wiring {
  const configs = starts.map((s) => parse(s.env, s.input));
  const samples = samplesOf(environmentConfigSchema, configs);
  const fields = new Map<string, FieldResult>();
  const refused: string[] = [];
  const synthesize = (env: EnvironmentName, config: EnvironmentConfig): string => {
    const stack = new IdentityGatewayStack(Testing.app({ outdir: outdir() }), stackName(env), {
      config,
      version: '0.0.0-test',
    });
    return JSON.stringify(stack.toTerraform());
  };
  starts.forEach((start, n) => {
    const config = configs[n];
    const parsedJson = JSON.stringify(config);
    let baseline: string | undefined;
    const tried = new Set<string>();
    for (const leaf of leavesOf(environmentConfigSchema, config)) {
      const result = fields.get(leaf.field) ?? { unchanged: [] };
      fields.set(leaf.field, result);
      const current = valueAt(config, leaf.path);
      const siblings = Object.keys(valueAt(config, leaf.path.slice(0, -1)) ?? {});
      const like = `${leaf.field} ${siblings} ${JSON.stringify(current)}`;
      if (result.proof || tried.has(like)) continue;
      tried.add(like);
      for (const candidate of candidatesFor(leaf, current, samples)) {
        if (!fitsField(leaf, candidate)) continue;
        const parsed = environmentConfigSchema.safeParse(withValue(config, leaf.path, candidate));
        // Refused, or a value the schema reads as the one already there: not a valid non-default value.
        if (!parsed.success || JSON.stringify(parsed.data) === parsedJson) continue;
        const change = `${start.name}: ${dotted(leaf.path)} = ${describeCandidate(candidate)}`;
        baseline ??= synthesize(start.env, config);
        let output: string;
        try {
          output = synthesize(start.env, parsed.data);
        } catch (e) {
          refused.push(`${change}: ${(e as Error).message}`);
          continue;
        }
        if (output !== baseline) {
          result.proof = change;
          break;
        }
        result.unchanged.push(change);
      }
    }
  });
  return { fields, refused };
}

let dir: string | undefined;
/** One output directory for every App of the file (toTerraform writes nothing into it). */
const outdir = (): string => (dir ??= mkdtempSync(join(tmpdir(), 'config-wiring-')));

let wiring: Wiring;
/** The fields no change proved wired: those some valid change reached, or those none did. */
const unproven = (reached: boolean): string[] =>
  [...wiring.fields]
    .filter(([, r]) => {
      const changed = r.unchanged.length > 0;
      return !r.proof && changed === reached;
    })
    .map(([f]) => f);

beforeAll(() => {
  // GIVEN the starting configs WHEN each optional leaf is set alone
  wiring = wiringOf(STARTS);
});

describe('config to construct props (stacks/props/)', () => {
  test('GIVEN a starting config WHEN its parsed form is parsed again THEN nothing changes', () => {
    for (const s of STARTS) {
      const config = parse(s.env, s.input);
      expect(parse(s.env, structuredClone(config))).toEqual(config);
    }
  });

  test('GIVEN the schema THEN every field it fills is a leaf of some starting config', () => {
    expect(optionalFieldsOf(environmentConfigSchema).filter((f) => !wiring.fields.has(f))).toEqual([]);
  });

  test(
    'GIVEN every optional leaf WHEN set alone to a valid non-default value THEN the synthesized stack changes, ' +
      'unless the field is declared consumed elsewhere',
    () => {
      const ignored = unproven(true).filter((f) => !(f in CONSUMED_ELSEWHERE));
      const tried = (f: string) => wiring.fields.get(f)!.unchanged;
      expect(ignored.map((f) => `${f} (${tried(f).length} changes alike, such as ${tried(f)[0]})`)).toEqual([]);
    },
  );

  test('GIVEN the fields declared consumed elsewhere THEN each can be changed and changes nothing', () => {
    const proofs = Object.keys(CONSUMED_ELSEWHERE).map((f) => [f, wiring.fields.get(f)?.proof ?? 'changes nothing']);
    expect(proofs).toEqual(Object.keys(CONSUMED_ELSEWHERE).map((f) => [f, 'changes nothing']));
    expect(Object.keys(CONSUMED_ELSEWHERE).filter((f) => !wiring.fields.get(f)?.unchanged.length)).toEqual([]);
  });

  test('GIVEN the fields no single valid change reaches THEN they are exactly the ones declared', () => {
    expect(unproven(false).sort()).toEqual(Object.keys(UNSETTABLE).sort());
  });

  test('GIVEN a change the schema accepts THEN every construct accepts it too', () => {
    expect(wiring.refused).toEqual([]);
  });
});

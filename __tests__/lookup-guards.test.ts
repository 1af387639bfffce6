/**
 * Every lookup guarded in the plan itself (issue 22 item 7): the org is proven to run the Identity Engine
 * (okta_org_metadata.pipeline = "idx") before any Okta object is read or changed, the Admin Console lookups are
 * proven Okta's own app and that app's own policy, each looked-up behaviour is proven ACTIVE and named exactly
 * so. The guards are lifecycle postconditions. The okta provider cannot run here, so Terraform 1.11 itself checks
 * the rendered JSON on stand-ins: each guarded okta data source becomes a terraform_remote_state data source
 * (built into Terraform, read at plan time) with the same lifecycle block, its `self.<attr>` and
 * `data.<okta type>.<name>.<attr>` references pointed at the stand-ins' outputs, which hold what the okta data
 * source would read (okta/data_source_okta_org_metadata.go:121-122, data_source_okta_app.go:121-126,
 * data_source_okta_app_signon_policy.go:51-52, data_source_okta_behavior.go:75-77, data_source_okta_behaviors.go
 * :72-86). A right org plans; a wrong one stops the plan with the guards' own messages.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ENVIRONMENT_NAMES } from '../config/schema';
import { synthesizedJson } from './support/fixture';
import { terraformSetup, type TerraformSetup } from './support/terraform';
import type { TfJson } from './support/tf-json';

const run = promisify(execFile);
type Lookup = { type: string; name: string; attrs: any };

/** The okta data sources a stack reads, and every okta object of it. */
function lookups(json: TfJson): Lookup[] {
  return Object.entries(json.data ?? {})
    .filter(([type]) => type.startsWith('okta_'))
    .flatMap(([type, byName]) => Object.entries(byName as object).map(([name, attrs]) => ({ type, name, attrs })));
}
const oktaObjects = (json: TfJson) => [
  ...lookups(json).map((l) => ({ address: `data.${l.type}.${l.name}`, attrs: l.attrs })),
  ...Object.entries(json.resource ?? {})
    .filter(([type]) => type.startsWith('okta_'))
    .flatMap(([type, byName]) =>
      Object.entries(byName as object).map(([name, attrs]) => ({ address: `${type}.${name}`, attrs })),
    ),
];

describe.each(ENVIRONMENT_NAMES)('identity-gateway-%s', (env) => {
  const json = synthesizedJson(env);
  const [check] = lookups(json).filter((l) => l.type === 'okta_org_metadata');

  test('proves the org runs the Identity Engine, with a message that says what to do', () => {
    expect(check.attrs.lifecycle.postcondition).toEqual([
      {
        condition: '${self.pipeline == "idx"}',
        error_message: expect.stringContaining(
          'Upgrade the org to the Identity Engine, or point the provider (okta.orgName, okta.baseUrl) at an ' +
            'Identity Engine org. The plan stops here; nothing was changed.',
        ),
      },
    ]);
  });

  test('every other okta resource and data source waits for that check', () => {
    const waiting = oktaObjects(json).filter((o) => o.address !== `data.okta_org_metadata.${check.name}`);
    expect(waiting.length).toBeGreaterThan(50);
    expect(waiting.filter((o) => !(o.attrs.depends_on ?? []).includes(`data.okta_org_metadata.${check.name}`))).toEqual(
      [],
    );
  });

  test('every okta lookup carries postconditions', () => {
    const unguarded = lookups(json).filter(
      (l) => l.type !== 'okta_everyone_group' && l.type !== 'okta_behaviors' && !l.attrs.lifecycle?.postcondition,
    );
    expect(unguarded).toEqual([]);
  });
});

test('the gateway-only stack reads nothing from Okta: no check, no okta provider', () => {
  const json = synthesizedJson('prod', 'gateway-only');
  expect(oktaObjects(json)).toEqual([]);
  expect((json as any).provider.okta).toBeUndefined();
});

// ---- Terraform 1.11 on stand-ins of the okta data sources ----

/** The values an okta data source reads: as a right org answers, or a wrong one where `wrong` has its type. */
function outputsOf(l: Lookup, wrong: ReadonlySet<string>): Record<string, unknown> {
  const good = !wrong.has(l.type);
  switch (l.type) {
    case 'okta_org_metadata':
      return { id: '00o1', pipeline: good ? 'idx' : 'v1' };
    case 'okta_app':
      return {
        id: '0oa1',
        label: l.attrs.label,
        // A custom app that carries the label, in the wrong org.
        name: good ? (l.attrs.label === 'Okta Admin Console' ? 'saasure' : 'okta_enduser') : 'oidc_client',
        links: JSON.stringify({ accessPolicy: { href: 'https://acme.okta.com/api/v1/policies/rst1' } }),
      };
    case 'okta_app_signon_policy':
      return { id: good ? 'rst1' : 'rst2', name: 'Okta Admin Console' };
    case 'okta_behavior':
      return { id: `beh-${l.attrs.name}`, name: l.attrs.name, status: good ? 'ACTIVE' : 'INACTIVE' };
    case 'okta_behaviors':
      // The wrong org has only a behaviour whose name contains the one asked for.
      return {
        q: l.attrs.q,
        behaviors: [
          {
            id: `beh-${l.attrs.q}`,
            name: wrong.has('okta_behavior') ? `${l.attrs.q} (legacy)` : l.attrs.q,
            status: 'ACTIVE',
          },
          { id: 'other', name: `${l.attrs.q} (copy)`, status: 'ACTIVE' },
        ],
      };
    default:
      return { id: 'x' };
  }
}

/** Terraform's type expression (state JSON syntax) of a stand-in output. */
const typeOf = (v: unknown): unknown =>
  Array.isArray(v)
    ? ['list', typeOf(v[0])]
    : typeof v === 'object' && v !== null
      ? ['object', Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeOf(x)]))]
      : 'string';

/** The stand-in's name: `<okta type>__<name>`. */
const standIn = (type: string, name: string) => `${type}__${name}`;

/** A condition or message with `self.x` and okta data references pointed at the stand-ins' outputs. */
const retarget = (text: string) =>
  text
    .replace(
      /\bdata\.(okta_\w+)\.([\w-]+)\.(\w+)/g,
      (_, t, n, a) => `data.terraform_remote_state.${standIn(t, n)}.outputs.${a}`,
    )
    .replace(/\bself\.(\w+)/g, 'self.outputs.$1');

/** A directory of stand-ins for the stack's okta lookups; those of a type in `wrong` find the wrong thing. */
function standIns(json: TfJson, wrong: ReadonlySet<string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'guards-'));
  const data: Record<string, unknown> = {};
  for (const l of lookups(json)) {
    const outputs = outputsOf(l, wrong);
    const state = `${standIn(l.type, l.name)}.tfstate`;
    writeFileSync(
      join(dir, state),
      JSON.stringify({
        version: 4,
        terraform_version: '1.11.4',
        serial: 1,
        lineage: 'stand-in',
        outputs: Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { value: v, type: typeOf(v) }])),
        resources: [],
      }),
    );
    const postcondition = (l.attrs.lifecycle?.postcondition ?? []).map((p: any) => ({
      condition: retarget(p.condition),
      error_message: p.error_message,
    }));
    data[standIn(l.type, l.name)] = {
      backend: 'local',
      config: { path: state },
      ...(postcondition.length ? { lifecycle: { postcondition } } : {}),
    };
  }
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ data: { terraform_remote_state: data } }, null, 2));
  return dir;
}

/** `terraform plan -json`: whether it succeeded, and the error diagnostics' details. */
async function planOf(setup: TerraformSetup, dir: string): Promise<{ ok: boolean; errors: string[] }> {
  const opts = { cwd: dir, env: setup.env, maxBuffer: 16 * 1024 * 1024 };
  await run(setup.terraform, ['init', '-input=false', '-no-color'], opts);
  let stdout: string;
  let ok = true;
  try {
    stdout = (await run(setup.terraform, ['plan', '-input=false', '-lock=false', '-json', '-no-color'], opts)).stdout;
  } catch (e) {
    ok = false;
    stdout = (e as { stdout?: string }).stdout ?? '';
  }
  const errors = stdout
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line))
    .filter((m) => m.type === 'diagnostic' && m.diagnostic.severity === 'error')
    .map((m) => `${m.diagnostic.summary}: ${m.diagnostic.detail}`);
  return { ok, errors };
}

const setup = terraformSetup();
if ('missing' in setup) {
  const missing = setup.missing;
  if (process.env.CI === 'true' || process.env.CI === '1')
    test('real Terraform is available in CI', () => {
      throw new Error(`Real-Terraform tests cannot run in CI: ${missing}`);
    });
  else test.skip(`the guards under Terraform (skipped: ${missing})`, () => undefined);
} else {
  describe('the guards as Terraform 1.11 reads and evaluates them (prod: org, Admin Console, behaviours)', () => {
    const json = synthesizedJson('prod');
    const messages = lookups(json).flatMap((l) =>
      (l.attrs.lifecycle?.postcondition ?? []).map((p: any) => p.error_message),
    );
    let right: { ok: boolean; errors: string[] };
    let wrong: { ok: boolean; errors: string[] };
    let strangerApp: { ok: boolean; errors: string[] };

    beforeAll(async () => {
      // GIVEN stand-ins of prod's okta lookups as a right org answers; as a wrong one (Classic, the app's policy
      // not the one its link names, behaviours that only contain the name and are INACTIVE); and with a stranger
      // app carrying the Admin Console's label (whose policy is then never read: the plan stops at the app)
      const dirs = [
        standIns(json, new Set()),
        standIns(json, new Set(['okta_org_metadata', 'okta_app_signon_policy', 'okta_behavior'])),
        standIns(json, new Set(['okta_app'])),
      ];
      // WHEN each is planned
      [right, wrong, strangerApp] = await Promise.all(dirs.map((d) => planOf(setup, d)));
    });

    test('THEN a right org plans: the conditions are valid Terraform and hold', () => {
      expect(right).toEqual({ ok: true, errors: [] });
    });

    test('fails the plan on a Classic org, a stranger policy, a partial or inactive behaviour', () => {
      expect(wrong.ok).toBe(false);
      const app = messages.find((m) => m.startsWith('The app found by the label'));
      expect(wrong.errors.sort()).toEqual(
        messages
          .filter((m) => m !== app)
          .map((m) => `Resource postcondition failed: ${m}`)
          .sort(),
      );
    });

    test("fails the plan on an app that carries the Admin Console's label but is not Okta's own", () => {
      expect(strangerApp.ok).toBe(false);
      expect(strangerApp.errors).toEqual([
        expect.stringMatching(/^Resource postcondition failed: The app found by the label "Okta Admin Console" is not/),
      ]);
      expect(messages).toHaveLength(9);
    });
  });
}

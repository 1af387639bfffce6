/**
 * The context of a sign-in: where the request comes from (network zones, country, anonymizer), the
 * risk Okta scores, behaviours seen, the device, and the authenticators the person has enrolled. The
 * ordinary context and the named adverse ones the matrix uses are built here, and a context given on
 * the command line is parsed and checked against the stack (bad input names what exists).
 */
import type { StackModel } from '../synthesized/model';
import { authenticatorOf } from '../domain/okta/authenticators';
import { SIMULATED_AUTHENTICATORS, type SimulatedAuthenticator } from './signins';
import { SimStack } from './stack';
import { countryCodeProblem } from '../domain/okta/network-ranges';

export const RISKS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type Risk = (typeof RISKS)[number];

export const PLATFORMS = { desktop: 'DESKTOP', mobile: 'MOBILE' } as const;
export const OPERATING_SYSTEMS = {
  macos: 'MACOS',
  windows: 'WINDOWS',
  chromeos: 'CHROMEOS',
  ios: 'IOS',
  android: 'ANDROID',
  other: 'OTHER',
} as const;
const MOBILE_OS = ['IOS', 'ANDROID'];

export interface DeviceContext {
  /** DESKTOP or MOBILE. */
  readonly platform: 'DESKTOP' | 'MOBILE';
  /** MACOS, WINDOWS, CHROMEOS, IOS, ANDROID or OTHER. */
  readonly os: string;
  /** Okta Verify is installed on the device (a registered device). */
  readonly registered: boolean;
  /** A device management system manages the device. */
  readonly managed: boolean;
  /** Names of device assurance policies the device satisfies. */
  readonly assurances: readonly string[];
  /**
   * The device meets the device assurance policy of its platform, whichever the rule names (the ordinary,
   * compliant device). @default false
   */
  readonly compliant?: boolean;
}

export interface AccessContext {
  /** Short key, e.g. `ordinary`, `blocked-country`. */
  readonly key: string;
  /** In words, for the trace and the matrix. */
  readonly description: string;
  /** Names of the IP network zones the request's address is listed in; none = an unlisted address. */
  readonly zones: readonly string[];
  /** ISO 3166-1 country (optionally `-region`) the request comes from. @default - none matches a location zone */
  readonly country?: string;
  /** The request comes through Tor or another anonymizing proxy. @default - no proxy */
  readonly proxy?: 'tor' | 'anonymizer';
  /** Risk level Okta scores for the sign-in. */
  readonly risk: Risk;
  /** Names of the behaviours Okta detects (okta_behavior names). */
  readonly behaviours: readonly string[];
  readonly device: DeviceContext;
  /** Authenticators the person has enrolled. @default - every one the enrollment policy allows */
  readonly authenticators?: readonly SimulatedAuthenticator[];
}

/**
 * Whether Okta sees a device as managed in this stack's org: never where the org has no device management
 * (identity.mfa.deviceManagement, recorded as `org`; ReadModel.deviceManagement), as the context says where it has.
 */
export function managedIn(sim: SimStack, device: DeviceContext): boolean {
  return device.managed && sim.deviceManagement;
}

/**
 * A company laptop: registered, managed (where the org has device management: managedIn), and meeting its
 * platform's device assurance.
 */
const MANAGED_LAPTOP: DeviceContext = {
  platform: 'DESKTOP',
  os: 'MACOS',
  registered: true,
  managed: true,
  assurances: [],
  compliant: true,
};

export const ORDINARY: AccessContext = {
  key: 'ordinary',
  description: 'in an ordinary context (unlisted address, LOW risk, no anomaly, compliant company laptop)',
  zones: [],
  risk: 'LOW',
  behaviours: [],
  device: MANAGED_LAPTOP,
};

/**
 * The ordinary context and the adverse ones: a blocked country (the first country a location zone of the
 * stacks lists), Tor, HIGH risk, an unmanaged device (Okta Verify installed, no device management), a device
 * that fails device assurance (where a stack has device assurance), and every behaviour of the stacks detected
 * (where they have behaviours). Given several stacks (base and head of a review), the contexts are the same for
 * all of them.
 */
export function matrixContexts(stacks: readonly StackModel[]): AccessContext[] {
  const country = stacks.flatMap((s) => SimStack.of(s).zones.flatMap((z) => z.locations)).sort()[0];
  const behaviours = [...new Set(stacks.flatMap(behaviourNames))].sort();
  const assurance = stacks.some((s) => s.all().some((r) => r.type.startsWith('okta_policy_device_assurance_')));
  return [
    ORDINARY,
    ...(country
      ? [{ ...ORDINARY, key: 'blocked-country', description: `from a blocked country (${country})`, country }]
      : []),
    { ...ORDINARY, key: 'tor', description: 'through Tor', proxy: 'tor' as const },
    { ...ORDINARY, key: 'high-risk', description: 'at HIGH risk', risk: 'HIGH' as const },
    {
      ...ORDINARY,
      key: 'unmanaged-device',
      description: 'from an unmanaged device (Okta Verify installed)',
      device: { ...MANAGED_LAPTOP, managed: false },
    },
    ...(assurance
      ? [
          {
            ...ORDINARY,
            key: 'failing-device',
            description: 'from a managed device that fails device assurance',
            device: { ...MANAGED_LAPTOP, compliant: false },
          },
        ]
      : []),
    ...(behaviours.length
      ? [{ ...ORDINARY, key: 'anomaly', description: `with an anomaly (${behaviours.join(', ')})`, behaviours }]
      : []),
  ];
}

/** Names of the stack's behaviours (okta_behavior resources and lookups). */
function behaviourNames(stack: StackModel): string[] {
  return stack.resources('okta_behavior').map((b) => String(b.attrs.name ?? b.name));
}

/** What a command line may say about the context (each a raw string, checked by `parseContext`). */
export interface ContextInput {
  readonly zones?: readonly string[];
  readonly risk?: string;
  readonly device?: readonly string[];
  readonly authenticators?: readonly string[];
  readonly behaviours?: readonly string[];
}

/** Names the project's config uses for the authenticators the simulator knows, beside Okta's keys. */
const AUTHENTICATOR_ALIASES: Readonly<Record<string, SimulatedAuthenticator>> = Object.fromEntries(
  SIMULATED_AUTHENTICATORS.flatMap((key) => {
    const name = authenticatorOf(key)?.config;
    return name ? [[name, key]] : [];
  }),
);
/** The config names `--authenticators` takes (Okta's keys too). */
export const AUTHENTICATOR_NAMES: readonly string[] = Object.keys(AUTHENTICATOR_ALIASES);

/**
 * Parses a context from the command line against a stack. `--zone` takes a zone name, `unlisted`,
 * `country:XX` or `tor` / `anonymizer`; `--device` a comma list of desktop|mobile, an OS, managed,
 * unmanaged, registered, unregistered and `assurance:<name>`. Returns the context or the problems.
 */
export function parseContext(stack: StackModel, input: ContextInput): { context?: AccessContext; problems: string[] } {
  const problems: string[] = [];
  const zones = SimStack.of(stack).zones;
  const ipZones: string[] = [];
  let country: string | undefined;
  let proxy: AccessContext['proxy'];
  for (const z of input.zones ?? []) {
    if (z === 'unlisted') continue;
    if (z === 'tor' || z === 'anonymizer') proxy = z;
    else if (z.startsWith('country:')) {
      const code = z.slice('country:'.length);
      const why = countryCodeProblem(code);
      if (why) problems.push(`--zone ${JSON.stringify(z)}: ${why}`);
      else country = code;
    } else if (zones.some((x) => x.name === z)) ipZones.push(z);
    else {
      const names = zones.map((x) => x.name).join(', ') || 'none';
      problems.push(
        `--zone ${JSON.stringify(z)} is not a zone of ${
          stack.stackName
        }; zones: ${names}; or unlisted, country:XX, tor, anonymizer`,
      );
    }
  }
  const risk = (input.risk ?? 'LOW').toUpperCase();
  if (!(RISKS as readonly string[]).includes(risk))
    problems.push(`--risk ${JSON.stringify(input.risk)} is not a risk level; allowed: ${RISKS.join(', ')}`);
  const device = parseDevice(input.device ?? [], problems);
  const authenticators = input.authenticators?.map((a) => {
    const key =
      AUTHENTICATOR_ALIASES[a] ??
      ((SIMULATED_AUTHENTICATORS as readonly string[]).includes(a) ? (a as SimulatedAuthenticator) : undefined);
    if (!key)
      problems.push(
        `--authenticators ${JSON.stringify(a)} is not an authenticator; allowed: ${[
          ...Object.keys(AUTHENTICATOR_ALIASES),
          ...SIMULATED_AUTHENTICATORS,
        ].join(', ')}`,
      );
    return key;
  });
  const known = behaviourNames(stack);
  for (const b of input.behaviours ?? []) {
    if (!known.includes(b))
      problems.push(
        `--behaviour ${JSON.stringify(b)} is not a behaviour of ${stack.stackName}; behaviours: ${
          known.join(', ') || 'none'
        }`,
      );
  }
  if (problems.length > 0) return { problems };
  const posture = device.managed ? 'managed' : device.registered ? 'registered, unmanaged' : 'unregistered';
  const where = ipZones.length ? `in ${ipZones.join(', ')}` : 'unlisted address';
  const parts = [
    where,
    country ? `from ${country}` : '',
    proxy ? `through ${proxy}` : '',
    `${risk} risk`,
    `${posture} ${device.os.toLowerCase()} device`,
  ];
  const context: AccessContext = {
    key: 'custom',
    description: parts.filter((p) => p).join(', '),
    zones: ipZones,
    country,
    proxy,
    risk: risk as Risk,
    behaviours: input.behaviours ?? [],
    device,
    authenticators: authenticators?.filter((a): a is SimulatedAuthenticator => a !== undefined),
  };
  return { context, problems };
}

function parseDevice(tokens: readonly string[], problems: string[]): DeviceContext {
  const words = tokens
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter((t) => t);
  if (words.length === 0) return MANAGED_LAPTOP;
  let platform: DeviceContext['platform'] | undefined;
  let os: string | undefined;
  const posture = new Set<string>();
  const assurances: string[] = [];
  for (const w of words) {
    const lower = w.toLowerCase();
    if (lower in PLATFORMS) platform = PLATFORMS[lower as keyof typeof PLATFORMS];
    else if (lower in OPERATING_SYSTEMS) os = OPERATING_SYSTEMS[lower as keyof typeof OPERATING_SYSTEMS];
    else if (['managed', 'unmanaged', 'registered', 'unregistered', 'noncompliant'].includes(lower)) posture.add(lower);
    else if (w.startsWith('assurance:')) assurances.push(w.slice('assurance:'.length));
    else
      problems.push(
        `--device ${JSON.stringify(w)} is not understood; allowed: ${[
          ...Object.keys(PLATFORMS),
          ...Object.keys(OPERATING_SYSTEMS),
        ].join(', ')}, managed, unmanaged, registered, unregistered, noncompliant, assurance:<name>`,
      );
  }
  const contradiction = (a: string, b: string, why: string) => {
    if (posture.has(a) && posture.has(b)) problems.push(`--device ${a} and ${b} contradict each other: ${why}`);
  };
  contradiction('managed', 'unmanaged', 'a device is managed or not');
  contradiction('registered', 'unregistered', 'a device is registered or not');
  contradiction('managed', 'unregistered', 'Okta knows a device is managed only once Okta Verify registers it');
  if (posture.has('unregistered') && assurances.length > 0)
    problems.push(
      `--device unregistered and assurance:${assurances[0]} contradict each other: ` +
        'device assurance is checked on registered devices only',
    );
  const resolvedOs = os ?? (platform === 'MOBILE' ? 'IOS' : 'MACOS');
  const resolvedPlatform = platform ?? (MOBILE_OS.includes(resolvedOs) ? 'MOBILE' : 'DESKTOP');
  if ((resolvedPlatform === 'MOBILE') !== MOBILE_OS.includes(resolvedOs) && resolvedOs !== 'OTHER') {
    const [p, o] = [resolvedPlatform.toLowerCase(), resolvedOs.toLowerCase()];
    const kind = MOBILE_OS.includes(resolvedOs) ? 'mobile' : 'desktop';
    problems.push(`--device ${p} and ${o} contradict each other: ${o} is a ${kind} OS`);
  }
  // No posture word: the ordinary managed laptop's posture. `unmanaged` alone: Okta Verify is installed.
  const unstated = posture.size === 0;
  const managed = unstated || posture.has('managed');
  const implied = !posture.has('unregistered') && (assurances.length > 0 || posture.has('unmanaged'));
  const registered = unstated || managed || posture.has('registered') || implied;
  // Compliant (meets its platform's device assurance) unless said otherwise or named policy by policy.
  const compliant = registered && !posture.has('noncompliant') && assurances.length === 0;
  return { platform: resolvedPlatform, os: resolvedOs, registered, managed, assurances, compliant };
}

/**
 * The authenticator registry: one entry per Okta authenticator, and per Classic Engine factor an MFA policy
 * can name, with everything the layers need to know about it. The config schema, the constructs, the
 * guardrails, the simulator and the review derive their lists and maps from here; a file elsewhere names
 * an authenticator only where its rule is about that one authenticator.
 *
 * Keys are Okta's (the provider's and the API's spelling: `okta_verify`, `phone_number`). The authenticators
 * this stack manages also have a config name (`okta-verify`, `phone`), the key of
 * `identity.mfa.authenticators`. Adding one to the stack means giving its entry a `config` name and, for the
 * simulator, its sign-in methods; the rest follows.
 */

/**
 * Okta's authenticator types by factor class (okta_authenticator `type`, okta/resource_okta_authenticator.go:90-94):
 * the values an app sign-on constraint's `types` takes. Okta has no inherence class: biometrics count as user
 * verification on a possession factor.
 */
export const AUTHENTICATOR_TYPES = {
  knowledge: ['password', 'security_question'],
  possession: ['security_key', 'phone', 'email', 'app', 'federated'],
} as const;
export type FactorClass = keyof typeof AUTHENTICATOR_TYPES;
export type KnowledgeType = (typeof AUTHENTICATOR_TYPES.knowledge)[number];
export type PossessionType = (typeof AUTHENTICATOR_TYPES.possession)[number];

/**
 * How much a sign-in with it proves, weakest first: `weak` (knowledge, email, SMS/voice, an external IdP of
 * unknown assurance), `strong` (a possession factor bound to a device or token, but phishable), or
 * `phishing-resistant` in every method it has.
 */
export const STRENGTHS = ['weak', 'strong', 'phishing-resistant'] as const;
export type Strength = (typeof STRENGTHS)[number];

/** Settings keys okta/okta 4.20.0 sends and reads back (sdk/v2_authenticatorSettings.go:6-14). */
export type SettingKey = 'allowedFor' | 'channelBinding' | 'compliance' | 'tokenLifetimeInMinutes' | 'userVerification';

/** A value in settings the API always returns; null where the API chooses it. */
export type ReturnedSetting = string | number | null | { readonly [key: string]: string };

/** One way of using an authenticator to sign in, as the simulator models it. */
export interface SignInMethod {
  /** Okta's method type (`authenticationMethods[].method`); one of the authenticator's `methods`. */
  readonly method: string;
  /** Its name in a sign-in's label, after the password (`password + Okta Verify push`). */
  readonly label: string;
  /** Its label when it signs in alone, without a password; absent when it never does. */
  readonly passwordless?: string;
  /** Bound to one device (excludes email and phone). @default false */
  readonly deviceBound?: boolean;
  /** Keys live in hardware and cannot be exported. @default false */
  readonly hardwareProtection?: boolean;
  /** The user approves a prompt or touches the key. @default false */
  readonly userPresence?: boolean;
  /** User verification (biometrics or PIN) can be asked for; whether it is comes from its settings. @default false */
  readonly verifiable?: boolean;
  /** Needs Okta Verify on the signing-in device (a registered device). @default false */
  readonly needsRegisteredDevice?: boolean;
}

/** Everything known about one authenticator (or Classic factor). */
export interface AuthenticatorInfo {
  /** Okta's display name, as the org lists it; the provider finds an existing authenticator by it or by key. */
  readonly name?: string;
  /** Okta's authenticator type: what a constraint's `types` calls it. */
  readonly type?: KnowledgeType | PossessionType;
  readonly factor: FactorClass;
  readonly strength: Strength;
  /** Phishing resistant in every method (true), only in the methods listed, or in none (false). */
  readonly phishingResistant: boolean | readonly string[];
  /** SMS or voice: phishable and SIM-swappable (NIST SP 800-63B 5.1.3.3, restricted). @default false */
  readonly telephony?: boolean;
  /** Okta's method types it offers (`authenticationMethods[].method`, a constraint's `methods`). */
  readonly methods: readonly string[];
  /**
   * An Identity Engine authenticator an enrollment policy takes, as an okta_policy_mfa / okta_policy_mfa_default
   * attribute of the same name (sdk/authenticators.go:5-20; okta/resource_okta_policy_mfa.go:291-335 builds one
   * attribute per key, :89-154 sends them with is_oie). @default false
   */
  readonly enrollmentPolicy?: boolean;
  /**
   * An authenticator key of the API (okta_authenticator `key`, `authenticationMethods[].key`) that no enrollment
   * policy attribute takes (resource_okta_authenticator.go:43-48: some only by feature flag). @default false
   */
  readonly apiOnly?: boolean;
  /**
   * A Classic Engine factor: an okta_policy_mfa attribute of the same name when is_oie is false
   * (sdk/org_factor.go:44-60, resource_okta_policy_mfa.go:156-175). @default false
   */
  readonly classic?: boolean;
  /** What Okta lets it be used for: signing in, password recovery, or both. @default - not recorded */
  readonly usableFor?: 'sign-in' | 'recovery' | 'sign-in and recovery';
  /**
   * Okta refuses an enrollment policy in which no authenticator so marked is REQUIRED (password or email;
   * resource_okta_policy_mfa_default.go:30). @default false
   */
  readonly requiredForEnrollment?: boolean;
  /** The primary factor of a global session rule with primary_factor PASSWORD_IDP. @default false */
  readonly primary?: boolean;
  /**
   * Its settings JSON as okta/okta 4.20.0 manages it: the keys it sends and reads back (none: the provider cannot
   * manage its settings), what the API returns unasked, and what the provider cannot manage at all.
   * @default - not recorded (an authenticator this stack does not manage)
   */
  readonly settings?: {
    readonly managed: readonly SettingKey[];
    readonly returned?: { readonly [key: string]: ReturnedSetting };
    readonly unmanageable?: string;
  };
  /**
   * Its recovery switches in the org's default password policy (okta_policy_password_default attributes,
   * resource_okta_policy_password_default.go:142-171) and the status this stack gives them.
   */
  readonly passwordRecovery?: {
    readonly attributes: readonly string[];
    readonly status: 'ACTIVE' | 'INACTIVE';
    /**
     * The switches are ACTIVE instead where an environment keeps the authenticator ACTIVE for password recovery,
     * saying so explicitly (its `recovery` setting); recovery by it then stays possible. @default false
     */
    readonly keptForRecovery?: boolean;
  };
  /** Its status in an Identity Engine org that has not been told otherwise. @default - not recorded */
  readonly oktaDefaultStatus?: 'ACTIVE' | 'INACTIVE';
  /** The sign-in methods the simulator models, weakest first; absent when the simulator does not model it. */
  readonly signIn?: readonly SignInMethod[];
  /** Its key in `identity.mfa.authenticators`, when this stack manages it. */
  readonly config?: string;
}

// Names, types and returned settings: the API's authenticator list as the provider recorded it
// (test/fixtures/vcr/TestAccDataSourceOktaAuthenticator_read/oie-00.yaml:106).
// Phishing resistance: Okta, "Phishing-resistant authentication" (FIDO2 (WebAuthn) and Okta FastPass), "Configure
// the Smart Card authenticator" (phishing resistant with every security characteristic), "Configure the YubiKey OTP
// authenticator" (OTP mode is not phishing resistant); help.okta.com/oie/en-us/content/topics/identity-engine/
// authenticators/{phishing-resistant-auth,smart-card-authenticator,configure-yubikey-otp}.htm.
// Recovery: Okta, "Password reset and account recovery" (email, phone, Okta Verify push; security question),
// help.okta.com/oie/en-us/Content/Topics/identity-engine-upgrade/password-reset-account-recovery.htm.
const BOUND = { deviceBound: true, hardwareProtection: true, userPresence: true, verifiable: true } as const;

/** The registry, by Okta key: first the authenticators this stack manages (in config order), then the rest. */
export const AUTHENTICATORS = {
  okta_verify: {
    name: 'Okta Verify',
    type: 'app',
    factor: 'possession',
    strength: 'strong',
    // FastPass (signed_nonce) only; push and TOTP are phishable.
    phishingResistant: ['signed_nonce'],
    methods: ['push', 'signed_nonce', 'totp'],
    enrollmentPolicy: true,
    usableFor: 'sign-in and recovery',
    settings: {
      managed: ['channelBinding', 'compliance', 'userVerification'],
      returned: { compliance: { fips: 'OPTIONAL' } },
      unmanageable:
        'enrollmentSecurityLevel and userVerificationMethods (dropped: not in sdk/v2_authenticatorSettings.go), ' +
        'its methods, FastPass among them (4.20.0 has no authenticator method resource)',
    },
    signIn: [
      { method: 'push', label: 'Okta Verify push', ...BOUND },
      {
        method: 'signed_nonce',
        label: 'Okta Verify FastPass',
        passwordless: 'Okta Verify FastPass',
        ...BOUND,
        needsRegisteredDevice: true,
      },
    ],
    config: 'okta-verify',
  },
  webauthn: {
    name: 'Security Key or Biometric',
    type: 'security_key',
    factor: 'possession',
    strength: 'phishing-resistant',
    phishingResistant: true,
    methods: ['webauthn'],
    enrollmentPolicy: true,
    usableFor: 'sign-in',
    settings: {
      managed: [],
      unmanageable:
        'its settings (type security_key: resource_okta_authenticator.go:302-314 sends a provider instead, ' +
        ':60 "not used for authenticators with type security_key") and AAGUID lists',
    },
    signIn: [
      { method: 'webauthn', label: 'WebAuthn', passwordless: 'WebAuthn (security key or biometric)', ...BOUND },
      // A synced passkey (iCloud Keychain, Google Password Manager): phishing resistant, but its private key leaves
      // the device, so neither device-bound nor hardware-protected (Okta's possession constraints:
      // hardwareProtection "private keys ... hardware protected and not exportable"). Listed after the bound one:
      // the weakest sign-in a rule lets through stays the bound key wherever both would do.
      {
        method: 'webauthn',
        label: 'synced passkey',
        passwordless: 'synced passkey (WebAuthn)',
        userPresence: true,
        verifiable: true,
      },
    ],
    config: 'webauthn',
  },
  okta_email: {
    name: 'Email',
    type: 'email',
    factor: 'possession',
    strength: 'weak',
    phishingResistant: false,
    methods: ['email'],
    enrollmentPolicy: true,
    classic: true,
    usableFor: 'sign-in and recovery',
    requiredForEnrollment: true,
    settings: { managed: ['allowedFor', 'tokenLifetimeInMinutes'], returned: { tokenLifetimeInMinutes: null } },
    passwordRecovery: { attributes: ['email_recovery'], status: 'ACTIVE' },
    signIn: [{ method: 'email', label: 'email' }],
    config: 'email',
  },
  okta_password: {
    name: 'Password',
    type: 'password',
    factor: 'knowledge',
    strength: 'weak',
    phishingResistant: false,
    methods: ['password'],
    enrollmentPolicy: true,
    classic: true,
    usableFor: 'sign-in',
    requiredForEnrollment: true,
    primary: true,
    // Its settings are the password policy's.
    settings: { managed: [] },
    // The API offers no deactivation (no deactivate link in the recorded list).
    oktaDefaultStatus: 'ACTIVE',
    signIn: [{ method: 'password', label: 'password' }],
    config: 'password',
  },
  phone_number: {
    name: 'Phone',
    type: 'phone',
    factor: 'possession',
    strength: 'weak',
    phishingResistant: false,
    telephony: true,
    methods: ['sms', 'voice'],
    enrollmentPolicy: true,
    usableFor: 'sign-in and recovery',
    settings: { managed: ['allowedFor'] },
    passwordRecovery: { attributes: ['sms_recovery', 'call_recovery'], status: 'INACTIVE' },
    signIn: [{ method: 'sms', label: 'phone (SMS/voice)' }],
    config: 'phone',
  },
  security_question: {
    name: 'Security Question',
    type: 'security_question',
    factor: 'knowledge',
    strength: 'weak',
    phishingResistant: false,
    methods: ['security_question'],
    enrollmentPolicy: true,
    usableFor: 'sign-in and recovery',
    settings: { managed: ['allowedFor'] },
    // Off by default; an environment may keep it ACTIVE for password recovery only, saying so (`recovery`).
    passwordRecovery: { attributes: ['question_recovery'], status: 'INACTIVE', keptForRecovery: true },
    // Identity Engine orgs ship it ACTIVE, for recovery.
    oktaDefaultStatus: 'ACTIVE',
    // A knowledge factor with user presence; for MFA only after a password (Okta, "Configure the security question
    // authenticator"), so beside the password it is still one factor type.
    signIn: [{ method: 'security_question', label: 'security question', userPresence: true }],
    config: 'security-question',
  },
  duo: {
    factor: 'possession',
    strength: 'strong',
    phishingResistant: false,
    methods: ['duo'],
    enrollmentPolicy: true,
    classic: true,
  },
  external_idp: {
    type: 'federated',
    factor: 'possession',
    // What it proves is the external IdP's, unknown here.
    strength: 'weak',
    phishingResistant: false,
    methods: ['idp'],
    enrollmentPolicy: true,
  },
  google_otp: {
    name: 'Google Authenticator',
    type: 'app',
    factor: 'possession',
    strength: 'strong',
    phishingResistant: false,
    methods: ['otp'],
    enrollmentPolicy: true,
    classic: true,
  },
  onprem_mfa: {
    name: 'On-Prem MFA',
    type: 'security_key',
    factor: 'possession',
    strength: 'strong',
    phishingResistant: false,
    methods: ['otp'],
    enrollmentPolicy: true,
  },
  rsa_token: {
    factor: 'possession',
    strength: 'strong',
    phishingResistant: false,
    methods: ['otp'],
    enrollmentPolicy: true,
    classic: true,
  },
  yubikey_token: {
    name: 'Yubikey',
    type: 'security_key',
    factor: 'possession',
    // A one-time password: hardware-protected and device-bound, but phishable.
    strength: 'strong',
    phishingResistant: false,
    methods: ['otp'],
    enrollmentPolicy: true,
    classic: true,
  },
  smart_card_idp: {
    factor: 'possession',
    strength: 'phishing-resistant',
    phishingResistant: true,
    methods: ['cert'],
    enrollmentPolicy: true,
  },
  custom_app: {
    factor: 'possession',
    strength: 'strong',
    phishingResistant: false,
    methods: ['push'],
    apiOnly: true,
  },
  custom_otp: {
    name: 'Custom OTP Authenticator',
    type: 'security_key',
    factor: 'possession',
    strength: 'strong',
    phishingResistant: false,
    methods: ['otp'],
    apiOnly: true,
  },
  symantec_vip: {
    factor: 'possession',
    strength: 'strong',
    phishingResistant: false,
    methods: ['otp'],
    apiOnly: true,
    classic: true,
  },
  // Classic Engine factors: MFA policy attributes without is_oie, never authenticator keys.
  fido_u2f: { factor: 'possession', strength: 'strong', phishingResistant: false, methods: [], classic: true },
  fido_webauthn: {
    factor: 'possession',
    strength: 'phishing-resistant',
    phishingResistant: true,
    methods: [],
    classic: true,
  },
  hotp: { factor: 'possession', strength: 'strong', phishingResistant: false, methods: [], classic: true },
  okta_call: {
    factor: 'possession',
    strength: 'weak',
    phishingResistant: false,
    telephony: true,
    methods: [],
    classic: true,
  },
  okta_otp: { factor: 'possession', strength: 'strong', phishingResistant: false, methods: [], classic: true },
  okta_push: {
    factor: 'possession',
    strength: 'strong',
    phishingResistant: false,
    methods: [],
    classic: true,
  },
  okta_question: { factor: 'knowledge', strength: 'weak', phishingResistant: false, methods: [], classic: true },
  okta_sms: {
    factor: 'possession',
    strength: 'weak',
    phishingResistant: false,
    telephony: true,
    methods: [],
    classic: true,
  },
} as const satisfies Readonly<Record<string, AuthenticatorInfo>>;

type Registry = typeof AUTHENTICATORS;
/** An Okta key of the registry. */
export type OktaKey = keyof Registry;
/** The config name of an authenticator this stack manages (`identity.mfa.authenticators.<name>`). */
export type ManagedAuthenticator = {
  [K in OktaKey]: Registry[K] extends { readonly config: infer N extends string } ? N : never;
}[OktaKey];
/** The Okta key of an authenticator this stack manages. */
export type ManagedKey = { [K in OktaKey]: Registry[K] extends { readonly config: string } ? K : never }[OktaKey];

/** A registry entry with its key. */
export type AuthenticatorEntry = AuthenticatorInfo & { readonly key: OktaKey };

/** Every entry, in registry order. */
export const AUTHENTICATOR_LIST: readonly AuthenticatorEntry[] = (Object.keys(AUTHENTICATORS) as OktaKey[]).map(
  (key) => ({
    key,
    ...(AUTHENTICATORS[key] as AuthenticatorInfo),
  }),
);

const BY_KEY: ReadonlyMap<string, AuthenticatorEntry> = new Map(AUTHENTICATOR_LIST.map((a) => [a.key, a]));

/** The entry of an Okta key, or undefined for a key the registry does not know. */
export function authenticatorOf(key: string): AuthenticatorEntry | undefined {
  return BY_KEY.get(key);
}

/** Every authenticator key the API takes (okta_authenticator `key`, `authenticationMethods[].key`), sorted. */
export const OKTA_AUTHENTICATOR_KEYS: readonly string[] = AUTHENTICATOR_LIST.filter(
  (a) => a.enrollmentPolicy || a.apiOnly,
)
  .map((a) => a.key)
  .sort();

/** The authenticator attributes of an Identity Engine enrollment policy (okta_policy_mfa with is_oie). */
export const ENROLLMENT_POLICY_KEYS: readonly OktaKey[] = AUTHENTICATOR_LIST.filter((a) => a.enrollmentPolicy).map(
  (a) => a.key,
);

/** Every factor attribute an okta_policy_mfa may carry, Identity Engine or Classic. */
export const MFA_POLICY_KEYS: readonly OktaKey[] = AUTHENTICATOR_LIST.filter(
  (a) => a.enrollmentPolicy || a.classic,
).map((a) => a.key);

/** The authenticators this stack manages, by config name, in registry order. */
export const MANAGED_AUTHENTICATORS: readonly ManagedAuthenticator[] = AUTHENTICATOR_LIST.flatMap((a) =>
  a.config ? [a.config as ManagedAuthenticator] : [],
);

const BY_CONFIG: ReadonlyMap<string, AuthenticatorEntry> = new Map(
  AUTHENTICATOR_LIST.flatMap((a) => (a.config ? [[a.config, a] as const] : [])),
);

/** A managed authenticator's entry: it has a config name and a display name (a registry test checks). */
export type ManagedAuthenticatorEntry = AuthenticatorEntry & {
  readonly key: ManagedKey;
  readonly name: string;
  readonly config: ManagedAuthenticator;
};

/** The entry of a managed authenticator, by config name. */
export function managedAuthenticator(name: ManagedAuthenticator): ManagedAuthenticatorEntry {
  return BY_CONFIG.get(name) as ManagedAuthenticatorEntry;
}

/** The rank of a factor class and strength: knowledge first, then possession from weakest to phishing resistant. */
const order = (a: AuthenticatorInfo): number =>
  (a.factor === 'knowledge' ? 0 : 1) * STRENGTHS.length + STRENGTHS.indexOf(a.strength);

/** Entries weakest first (knowledge, then possession by strength), registry order among equals. */
export function weakestFirst<T extends AuthenticatorInfo>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => order(a) - order(b));
}

/** Whether signing in with `key` (by `method`, when given) is phishing resistant. */
export function isPhishingResistant(key: string, method?: string): boolean {
  const pr = authenticatorOf(key)?.phishingResistant ?? false;
  return pr === true || (Array.isArray(pr) && method !== undefined && pr.includes(method.toLowerCase()));
}

/**
 * The authenticators of which an enrollment policy must require one (password, or else email), weakest first:
 * Okta rejects the policy otherwise.
 */
export const ENROLLMENT_ANCHOR_KEYS: readonly OktaKey[] = weakestFirst(
  AUTHENTICATOR_LIST.filter((a) => a.requiredForEnrollment),
).map((a) => a.key);

/**
 * The recovery switches of the org's default password policy and the status this stack gives each
 * (okta_policy_password_default attribute -> ACTIVE or INACTIVE).
 */
export const PASSWORD_RECOVERY_STATUS: Readonly<Record<string, 'ACTIVE' | 'INACTIVE'>> = Object.fromEntries(
  AUTHENTICATOR_LIST.flatMap(
    (a) => a.passwordRecovery?.attributes.map((attr) => [attr, a.passwordRecovery!.status]) ?? [],
  ),
);

/**
 * The recovery switches of the org's default password policy for an environment: each authenticator's status
 * from the registry, except that one marked `keptForRecovery` gets ACTIVE where `keptForRecovery(name)` says the
 * environment keeps it ACTIVE for password recovery.
 */
export function passwordRecoveryStatus(
  keptForRecovery: (name: ManagedAuthenticator) => boolean,
): Readonly<Record<string, 'ACTIVE' | 'INACTIVE'>> {
  return Object.fromEntries(
    AUTHENTICATOR_LIST.flatMap((a) => {
      const r = a.passwordRecovery;
      if (!r) return [];
      const kept =
        r.keptForRecovery === true && a.config !== undefined && keptForRecovery(a.config as ManagedAuthenticator);
      return r.attributes.map((attr) => [attr, kept ? 'ACTIVE' : r.status]);
    }),
  );
}

/** The managed authenticators an environment may keep ACTIVE for password recovery only (`recovery: true`). */
export const RECOVERY_KEEPABLE: readonly ManagedAuthenticator[] = MANAGED_AUTHENTICATORS.filter(
  (n) => managedAuthenticator(n).passwordRecovery?.keptForRecovery === true,
);

/**
 * The managed authenticators that can sign in phishing resistant (Okta Verify by FastPass, WebAuthn): the high and
 * critical tiers need one, and without one SMS / voice would be the only second factor.
 */
export const PHISHING_RESISTANT_CAPABLE: readonly ManagedAuthenticator[] = MANAGED_AUTHENTICATORS.filter(
  (n) => managedAuthenticator(n).phishingResistant !== false,
);

/**
 * An object with one value per managed authenticator, by config name, in registry order: how a layer builds its
 * per-authenticator map without listing the authenticators itself.
 */
export function perManagedAuthenticator<T extends { readonly [K in ManagedAuthenticator]: unknown }>(
  valueOf: (name: ManagedAuthenticator) => T[ManagedAuthenticator],
): T {
  return Object.fromEntries(MANAGED_AUTHENTICATORS.map((name) => [name, valueOf(name)])) as T;
}

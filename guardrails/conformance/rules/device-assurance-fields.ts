import { OS_VERSION } from '../../../domain/okta/adaptive';
import type { TfResource } from '../../../synthesized/model';
import { defineRule, each } from '../../rule';
import { all, bad, isSet, known, list, PROVIDER } from '../support';

const file = (platform: string) => `okta/resource_okta_device_assurance_policy_${platform}_os.go`;

/** Per platform: the attributes this project may set, allowed set values, and the AtLeastOneOf group. */
const PLATFORMS: Readonly<
  Record<string, { attrs: readonly string[]; disk: readonly string[]; cite: string; atLeastOne: boolean }>
> = {
  macos: {
    attrs: ['disk_encryption_type', 'os_version', 'secure_hardware_present', 'screenlock_type'],
    disk: ['ALL_INTERNAL_VOLUMES'],
    cite: `${file('macos')}:86-103`,
    atLeastOne: false,
  },
  windows: {
    attrs: ['disk_encryption_type', 'os_version', 'secure_hardware_present', 'screenlock_type'],
    disk: ['ALL_INTERNAL_VOLUMES'],
    cite: `${file('windows')}:92-109`,
    atLeastOne: false,
  },
  ios: {
    attrs: ['jailbreak', 'os_version', 'screenlock_type'],
    disk: [],
    cite: `${file('ios')}:71-100`,
    atLeastOne: true,
  },
  android: {
    attrs: ['disk_encryption_type', 'jailbreak', 'os_version', 'secure_hardware_present', 'screenlock_type'],
    disk: ['FULL', 'USER'],
    cite: `${file('android')}:77-137`,
    atLeastOne: true,
  },
  chromeos: { attrs: [], disk: [], cite: `${file('chromeos')}:39-52`, atLeastOne: false },
};

const SCREEN_LOCKS = ['BIOMETRIC', 'PASSCODE'];

function check(r: TfResource, platform: string) {
  const p = PLATFORMS[platform];
  const a = r.attrs;
  const offered = (k: string) => k.startsWith('tpsp_') || k === 'third_party_signal_providers';
  const foreign = Object.keys(a).filter(
    (k) =>
      !['name', 'depends_on', 'lifecycle', 'provider'].includes(k) &&
      !p.attrs.includes(k) &&
      !(offered(k) && platform !== 'ios' && platform !== 'android'),
  );
  const locks = list(a.screenlock_type);
  const version = a.os_version ?? a.tpsp_os_version;
  return all(
    foreign.map((k) => bad(r, k, a[k], `not an attribute of okta_policy_device_assurance_${platform} (${p.cite})`)),
    known(version) && !(typeof version === 'string' && OS_VERSION.test(version))
      ? bad(r, 'os_version', version, 'a minimum version of 1 to 4 dot-separated numbers (OSVersion.minimum)')
      : undefined,
    list(a.disk_encryption_type)
      .filter((v) => known(v) && !p.disk.includes(String(v)))
      .map((v) => bad(r, 'disk_encryption_type', v, `${PROVIDER} allows ${p.disk.join(', ')} (${p.cite})`)),
    locks
      .filter((v) => known(v) && !SCREEN_LOCKS.includes(String(v)))
      .map((v) => bad(r, 'screenlock_type', v, `${PROVIDER} allows BIOMETRIC or BIOMETRIC, PASSCODE (${p.cite})`)),
    locks.includes('PASSCODE') && !locks.includes('BIOMETRIC')
      ? bad(r, 'screenlock_type', a.screenlock_type, `PASSCODE goes with BIOMETRIC (${p.cite}, description)`)
      : undefined,
    p.atLeastOne && !p.attrs.some((k) => isSet(a[k]))
      ? bad(r, 'os_version', undefined, `AtLeastOneOf ${p.attrs.join(', ')} (${p.cite})`)
      : undefined,
    !isSet(a.name) ? bad(r, 'name', undefined, `required (${p.cite.replace(/:.*/, '')}, schema "name")`) : undefined,
  );
}

export default defineRule({
  id: 'OKC-14',
  name: 'device-assurance-fields',
  severity: 'error',
  title: "okta_policy_device_assurance_<platform>: only the platform's attributes, valid versions and set values",
  why:
    'Each platform has its own resource and attributes: an option the platform lacks is refused at plan, and ' +
    'a minimum OS that is not a version, or a set value outside the enum, is refused by the API at apply.',
  source:
    `${file('macos')}:86-103, ${file('windows')}:92-109, ${file('ios')}:71-100 (AtLeastOneOf), ` +
    `${file('android')}:77-137 (AtLeastOneOf), ${file('chromeos')}:39-52 (Chrome Device Trust only); examples/` +
    'resources/okta_policy_device_assurance_*/resource.tf (version forms)',
  fix: 'Declare the policy in identity.mfa.deviceAssurance with the options its platform has.',
  check: (stack) =>
    each(
      Object.keys(PLATFORMS).flatMap((p) =>
        stack.resources(`okta_policy_device_assurance_${p}`).map((r) => [r, p] as const),
      ),
      ([r, p]) => check(r, p),
    ),
});

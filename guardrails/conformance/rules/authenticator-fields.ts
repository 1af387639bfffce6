import { isObject, type Json } from '../../../synthesized/model';
import { defineRule, each } from '../../rule';
import { OKTA_AUTHENTICATOR_KEYS } from '../../../domain/okta/authenticators';
import { all, bad, known, oneOf, parseJson } from '../support';

const FILE = 'okta/resource_okta_authenticator.go';
const DOC = 'Okta API: Authenticator settings (AuthenticatorSettings, sdk/v2_authenticatorSettings.go:6-14)';

/** The settings values Okta accepts, by settings path. */
const SETTINGS_VALUES: ReadonlyArray<readonly [path: string[], allowed: string[]]> = [
  [['allowedFor'], ['any', 'recovery', 'sso', 'none']],
  [['userVerification'], ['REQUIRED', 'PREFERRED', 'DISCOURAGED']],
  [['channelBinding', 'style'], ['NUMBER_CHALLENGE']],
  [
    ['channelBinding', 'required'],
    ['ALWAYS', 'HIGH_RISK_ONLY', 'NEVER'],
  ],
  [
    ['compliance', 'fips'],
    ['REQUIRED', 'OPTIONAL'],
  ],
];

function at(value: Json | undefined, path: string[]): Json | undefined {
  return path.reduce<Json | undefined>((v, k) => (isObject(v) ? v[k] : undefined), value);
}

export default defineRule({
  id: 'OKC-11',
  name: 'authenticator-fields',
  severity: 'error',
  title: 'okta_authenticator: key, status and settings values are ones Okta accepts',
  why:
    'key forces replacement and must name an Okta authenticator; settings must be JSON with values the API ' +
    'accepts, otherwise the update of an existing authenticator fails.',
  source: `${FILE}:43-48 (key, ForceNew), :57-64 (settings: stringIsJSON), :84-89 (status); ${DOC}`,
  fix: 'Use a known key, status ACTIVE or INACTIVE, and settings built from typed values.',
  check: (stack) =>
    each(stack.resources('okta_authenticator'), (r) => {
      const a = r.attrs;
      const settings = parseJson(a.settings);
      return all(
        oneOf(r, 'key', a.key, OKTA_AUTHENTICATOR_KEYS, `${FILE}:43-48`),
        oneOf(r, 'status', a.status, ['ACTIVE', 'INACTIVE'], `${FILE}:84-89`),
        known(a.settings) && !isObject(settings)
          ? bad(r, 'settings', a.settings, `not a JSON object (${FILE}:57-64)`)
          : undefined,
        SETTINGS_VALUES.map(([path, allowed]) =>
          oneOf(r, `settings.${path.join('.')}`, at(settings, path), allowed, DOC),
        ).filter((f) => f !== undefined),
      );
    }),
});

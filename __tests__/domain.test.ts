/**
 * The shared vocabulary (domain/) and the shared readers of synthesized JSON: sign-on constraints are
 * built and read by one module, so the guardrails, the review and the simulator agree on the edge cases;
 * there is one `num`.
 */
import {
  constraintAssurance,
  PHISHING_RESISTANT,
  PHISHING_RESISTANT_DEVICE_BOUND,
  readSignOnConstraint,
  requiredPossession,
  signOnConstraintJson,
  type ConstraintObject,
} from '../domain/okta/sign-on-constraints';
import { num, requiresPhishingResistant } from '../synthesized/facts';
import { num as viewNum } from '../review/view';
import { appRuleShortfall, SIGN_INS, verificationOf } from '../simulator/signins';
import type { TfResource } from '../synthesized/model';

const read = (spec: Parameters<typeof signOnConstraintJson>[0]): ConstraintObject =>
  readSignOnConstraint(signOnConstraintJson(spec)).value!;
const rule = (constraint: object): TfResource => ({
  mode: 'resource',
  type: 'okta_app_signon_policy_rule',
  name: 'r',
  address: 'okta_app_signon_policy_rule.r',
  attrs: { factor_mode: '2FA', constraints: [JSON.stringify(constraint)] },
});
const PR = { possession: { required: true, phishingResistant: 'REQUIRED' } };
const push = SIGN_INS.find((s) => s.label === 'password + Okta Verify push')!;

describe('sign-on constraints: what the builder writes, the reader reads back', () => {
  test('phishing resistant round-trips to phishing-resistant assurance', () => {
    expect(constraintAssurance(read(PHISHING_RESISTANT), true)).toBe('phishing-resistant');
  });
  test('phishing resistant and device bound round-trips to the device-bound level', () => {
    expect(constraintAssurance(read(PHISHING_RESISTANT_DEVICE_BOUND), true)).toBe('phishing-resistant-device-bound');
    expect([...requiredPossession(read(PHISHING_RESISTANT_DEVICE_BOUND))].sort()).toEqual([
      'deviceBound',
      'hardwareProtection',
      'phishingResistant',
      'userPresence',
      'userVerification',
    ]);
  });
  test('a possession class without phishing resistance guarantees MFA only with two factors', () => {
    expect(constraintAssurance(read({ possession: { types: ['app'] } }), true)).toBe('mfa');
    expect(constraintAssurance(read({ possession: { types: ['app'] } }), false)).toBeUndefined();
  });
});

describe('sign-on constraints: the edge cases the readers used to disagree on', () => {
  test.each([
    ['required: false', { possession: { ...PR.possession, required: false } }],
    ['required: "false" (as Terraform JSON may carry it)', { possession: { ...PR.possession, required: 'false' } }],
  ])('a class marked %s is not in force: no phishing resistance, for every reader', (_what, c) => {
    expect(requiredPossession(c).size).toBe(0);
    expect(requiresPhishingResistant(c as never)).toBe(false);
    expect(constraintAssurance(c, true)).toBe('mfa');
    // the simulator agrees: password + push meets the rule once the class is not in force
    expect(appRuleShortfall(push, rule(PR), verificationOf([]))).toMatch(/phishing-resistant factor is required/);
    expect(appRuleShortfall(push, rule(c), verificationOf([]))).toBeUndefined();
  });
  test('methods pinned to WebAuthn or FastPass count as phishing resistant', () => {
    const methods = [{ key: 'webauthn' }, { key: 'okta_verify', method: 'signed_nonce' }];
    const c = { possession: { required: true, authenticationMethods: methods } };
    expect(requiresPhishingResistant(c as never)).toBe(true);
    expect(constraintAssurance(c, true)).toBe('phishing-resistant');
  });
  test('methods that include push are not phishing resistant', () => {
    const c = { possession: { required: true, authenticationMethods: [{ key: 'okta_verify', method: 'push' }] } };
    expect(requiredPossession(c).has('phishingResistant')).toBe(false);
  });
  test.each([
    ['${var.x}', /computed at apply time/],
    ['{"possession":', /not valid JSON/],
    ['["possession"]', /not a JSON object/],
  ])('fails: %s cannot be read, saying why', (raw, why) => {
    const r = readSignOnConstraint(raw);
    expect(r.value).toBeUndefined();
    expect(r.error).toMatch(why);
  });
});

describe('one num for synthesized JSON', () => {
  test('numbers, and numbers Terraform JSON carries as strings, read as numbers; the review uses the same one', () => {
    expect(num(60)).toBe(60);
    expect(num('60')).toBe(60);
    expect(num('-1.5')).toBe(-1.5);
    expect(viewNum).toBe(num);
  });
  test.each([['sixty'], [''], ['${var.x}'], [true], [null], [undefined]] as const)('fails: %j is not a number', (v) => {
    expect(num(v)).toBeUndefined();
  });
});

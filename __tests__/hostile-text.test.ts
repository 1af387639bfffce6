/**
 * A fresh pass over config strings (issue 13): Terraform template syntax (which Terraform would evaluate),
 * control characters, look-alike letters, broken Unicode, absurd lengths and `__proto__` keys each end in
 * one config problem naming the field, instead of being synthesized; so does an alarm that can never fire.
 */
import { formatProblems } from '../config/load';
import { MAX_CONFIG_STRING, textProblem } from '../domain/hostile-text';
import { configFor, problemsOf } from './support/configs';
import { ENVIRONMENTS } from '../config/environments';

const problems = (edit: (c: any) => void) => formatProblems(problemsOf('dev', configFor('dev', edit)));
const label = (v: string) => (c: any) => (c.identity.apps[0].label = v);
const groupName = (v: string) => (c: any) => (c.identity.groups['api-users'].name = v);
const TEMPLATE =
  'which Terraform evaluates as an expression in any string (it could read files or variables at plan time): ' +
  'remove it';

describe('GIVEN Terraform template syntax in a config string', () => {
  test.each([
    ['an app label', label('Portal ${file("/etc/passwd")}'), "identity.apps['portal'].label", '${'],
    ['a group name', groupName('%{ for g in x }g%{ endfor }'), 'identity.groups.api-users.name', '%{'],
    ['a tag value', (c: any) => (c.aws.tags.CostCenter = '${timestamp()}'), 'aws.tags.CostCenter', '${'],
    [
      'an integration URL',
      (c: any) => (c.gateway.routes[1].integration.url = 'https://orders.example.com/${var.x}'),
      "gateway.routes['GET /orders'].integration.url",
      '${',
    ],
  ])('fails for %s, which Terraform would evaluate', (_, edit, path, found) => {
    const out = problems(edit);
    expect(out).toMatch(new RegExp(`^\\[dev\\] ${path.replace(/[.[\]]/g, '\\$&')} = `));
    expect(out).toContain(`: contains '${found}', ${TEMPLATE}`);
    expect(out.split('\n')).toHaveLength(1);
  });
});

describe('GIVEN characters that hide or fake text', () => {
  test.each([
    ['a newline (a fake second line in every review)', 'Portal\nApproved', 'the control character U+000A'],
    ['a NUL', 'Portal\u0000', 'the control character U+0000'],
    ['an ANSI escape', 'Portal\u001b[31m', 'the control character U+001B'],
    ['a C1 control', 'Portal\u0085', 'the control character U+0085'],
    ['an unpaired surrogate', 'Portal\ud800', 'a broken Unicode character (an unpaired surrogate)'],
    ['a full-width letter', '\uff30ortal', 'the full-width character U+FF30, a look-alike of ASCII'],
  ])('fails for %s in an app label', (_, value, what) => {
    expect(problems(label(value))).toContain(
      `[dev] identity.apps['portal'].label = ${JSON.stringify(value)}: contains ${what}`,
    );
  });

  test('fails for a group name with a Cyrillic letter among Latin ones, naming the word', () => {
    expect(problems(groupName('API Us\u0435rs'))).toBe(
      '[dev] identity.groups.api-users.name = "API Us\u0435rs": mixes Latin and Cyrillic letters in the word ' +
        "'Us\u0435rs': look-alike letters make a different name that reads the same; retype it",
    );
  });

  test('accepts letters of one script per word, accents and emoji', () => {
    expect(problems(label('Portail Clients Été \u041f\u043e\u0440\u0442\u0430\u043b 🚀'))).toBe('');
  });
});

describe('GIVEN an absurdly long string', () => {
  test('fails naming the length and the limit, without echoing the whole value', () => {
    const out = problems(label('x'.repeat(100_000)));
    expect(out).toMatch(
      /^\[dev\] identity\.apps\['portal'\]\.label = "x+\.\.\.: is 100000 characters long; at most 2048/,
    );
    expect(out.length).toBeLessThan(400);
    expect(textProblem('x'.repeat(MAX_CONFIG_STRING))).toBeUndefined();
  });
});

describe('GIVEN a __proto__ key (a config read from JSON)', () => {
  test.each([
    ['aws.tags', (c: any) => (c.aws.tags = JSON.parse('{"__proto__": "x", "Owner": "me"}'))],
    ['identity.groups', (c: any) => (c.identity.groups = JSON.parse('{"__proto__": {"name": "E"}}'))],
  ])('fails at %s instead of dropping the entry silently', (at, edit) => {
    expect(problems(edit)).toBe(
      `[dev] ${at}.__proto__ = (not shown): a __proto__ key sets a JavaScript prototype, not a field, and would ` +
        'vanish silently: rename it',
    );
  });
});

describe('GIVEN an alarm threshold the stage could never reach', () => {
  test('fails naming the most requests the stage admits per period', () => {
    expect(problems((c) => (c.audit.alarmThresholds.forbidden403 = 1e12))).toBe(
      '[dev] audit.alarmThresholds.forbidden403 = 1000000000000: can never fire: the stage admits at most ' +
        `${ENVIRONMENTS.dev.gateway.throttling.rateLimit * 300} requests per 300 s (gateway.throttling.rateLimit ` +
        `${ENVIRONMENTS.dev.gateway.throttling.rateLimit} per second); allowed: 1 to ` +
        `${ENVIRONMENTS.dev.gateway.throttling.rateLimit * 300}`,
    );
  });
});

describe('GIVEN two group names that differ only in what a reader cannot see', () => {
  test.each([
    ['a double space', 'API  Users'],
    ['a decomposed accent', 'Caf\u0065\u0301', 'Caf\u00e9'],
  ])('fails for %s, naming the group that already has the name', (_, name, first = 'API Users') => {
    const out = problems((c) => {
      c.identity.groups['api-users'].name = first;
      c.identity.groups['api-admins'].name = name;
    });
    expect(out).toBe(
      `[dev] identity.groups.api-admins.name = ${JSON.stringify(name)}: group 'api-users' already has this Okta name`,
    );
  });
});

/** The snapshot layout itself (support/snapshot.ts): lossless, stable and keyed by address. */
import { JSON_STRING, blockText, lineDiff, snapshotEntries } from '../support/snapshot';
import type { TfJson } from '../support/tf-json';

test('GIVEN a block THEN its keys are sorted at every depth and arrays keep their order', () => {
  expect(JSON.parse(blockText({ b: 1, a: { d: [3, 1], c: 2 } }))).toEqual({ a: { c: 2, d: [3, 1] }, b: 1 });
  expect(blockText({ b: 1, a: 2 }).indexOf('"a"')).toBeLessThan(blockText({ b: 1, a: 2 }).indexOf('"b"'));
});

test('GIVEN a compact JSON string THEN it is expanded with its own key order; anything else stays a string', () => {
  const policy = '{"Version":"2012-10-17","Statement":[]}';
  expect(JSON.parse(blockText({ policy }))).toEqual({
    policy: { [JSON_STRING]: { Version: '2012-10-17', Statement: [] } },
  });
  expect(blockText({ policy }).indexOf('Version')).toBeLessThan(blockText({ policy }).indexOf('Statement'));
  // fails to expand what would not round-trip exactly: the snapshot must stay lossless
  for (const raw of ['{ "spaced": true }', '{not json', '${aws_iam_role.r.arn}']) {
    expect(JSON.parse(blockText({ raw }))).toEqual({ raw });
  }
});

test('GIVEN a stack THEN every block is an entry keyed by its Terraform address, sorted', () => {
  const json: TfJson = {
    terraform: { required_providers: {} },
    provider: { aws: [{ region: 'eu-west-1' }] },
    data: { aws_caller_identity: { Account: {} } },
    resource: { aws_sns_topic: { Alerts: { name: 'a' } } },
    output: { issuer: { value: 'x' } },
  };
  expect(snapshotEntries(json).map(([address]) => address)).toEqual([
    'aws_sns_topic.Alerts',
    'data.aws_caller_identity.Account',
    'output.issuer',
    'provider.aws',
    'terraform',
  ]);
});

test('the line diff names exactly the removed and added lines', () => {
  expect(lineDiff('a\nb\nc', 'a\nx\nc')).toEqual({ removed: ['b'], added: ['x'] });
  expect(lineDiff('a\nb', 'a\nb')).toEqual({ removed: [], added: [] });
  expect(lineDiff('', 'a')).toEqual({ removed: [], added: ['a'] });
});

/**
 * The AWS permissions of the CI roles (release/ci-access.ts), from the default environments' synthesized
 * stacks: the plan role reads (state, its key, the records; Describe*, Get*, List* on the services the
 * stack uses) and writes nothing, not even the state lock; the deploy role also writes the state, its lock
 * and its own environment's record and artifacts, and manages exactly the stack's resource types.
 */
import { ENVIRONMENT_NAMES } from '../config/schema';
import { ciRolePolicy, isReadOnlyAction, type PolicyDocument } from '../release/ci-access';
import { main } from '../release/cli';
import { fixtureOutdir, synthesizedJson } from './support/fixture';

const actions = (p: PolicyDocument) => p.Statement.flatMap((s) => s.Action);
const statement = (p: PolicyDocument, sid: string) => p.Statement.find((s) => s.Sid === sid);

describe.each(ENVIRONMENT_NAMES)('identity-gateway-%s CI roles', (env) => {
  const json = synthesizedJson(env);
  const plan = ciRolePolicy('plan', { environment: env, json });
  const deploy = ciRolePolicy('deploy', { environment: env, json });

  test('the plan role only reads: Describe*, Get*, List* (API Gateway GET), and decrypts the state', () => {
    expect(actions(plan).filter((a) => !isReadOnlyAction(a))).toEqual(['kms:Decrypt']);
    expect(actions(plan)).not.toContain('s3:PutObject');
    // It plans with -lock=false: no statement on the lock file
    expect(plan.Statement.flatMap((s) => s.Resource).filter((r) => r.endsWith('.tflock'))).toEqual([]);
  });

  test("the deploy role writes the state with its lock, and of the records only its own environment's", () => {
    const key = json.terraform.backend.s3.key;
    expect(statement(deploy, 'StateLock')?.Resource).toEqual([
      `arn:aws:s3:::${json.terraform.backend.s3.bucket}/${key}.tflock`,
    ]);
    expect(statement(deploy, 'WriteOwnRecord')?.Resource).toEqual([
      `arn:aws:s3:::RECORDS_BUCKET/RECORDS_PREFIX/identity-gateway-${env}.json`,
      `arn:aws:s3:::RECORDS_BUCKET/RECORDS_PREFIX/artifacts/identity-gateway-${env}/*`,
    ]);
    // Every service it manages is one the stack has a resource of, and it may read them too
    const managed = new Set(statement(deploy, 'ManageInfrastructure')!.Action.map((a) => a.split(':')[0]));
    const read = new Set(statement(deploy, 'ReadInfrastructure')!.Action.map((a) => a.split(':')[0]));
    expect([...managed].filter((s) => !read.has(s))).toEqual([]);
  });

  test('the state key is matched through its alias (key policies and IAM see key ARNs, not the alias)', () => {
    expect(statement(plan, 'StateKey')).toMatchObject({
      Resource: [expect.stringMatching(/^arn:aws:kms:eu-west-1:\d{12}:key\/\*$/)],
      Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': ['alias/terraform-state'] } },
    });
  });
});

test('fails: an aws resource type without a known permission, naming it and the table', () => {
  const json = synthesizedJson('dev');
  json.resource.aws_s3_bucket = { b: {} };
  expect(() => ciRolePolicy('deploy', { environment: 'dev', json })).toThrow(
    'identity-gateway-dev: no AWS permission is known for aws_s3_bucket: add it to AWS_ACCESS_BY_TYPE',
  );
});

test(
  'GIVEN a records URI WHEN the policy is printed THEN it names that bucket and prefix; ' + 'bad input is refused',
  () => {
    let out = '';
    let err = '';
    const io = { out: (s: string) => (out += s), err: (s: string) => (err += s) };
    const args = ['iam-policy', '--env', 'prod', '--dir', fixtureOutdir()];
    expect(main([...args, '--role', 'plan', '--records-uri', 's3://acme-releases/records/'], '.', io)).toBe(0);
    const policy = JSON.parse(out) as PolicyDocument;
    expect(statement(policy, 'ReadRecords')?.Resource).toEqual(['arn:aws:s3:::acme-releases/records/*']);
    expect(main([...args, '--role', 'admin'], '.', io)).toBe(1);
    expect(err).toContain('--role admin: allowed plan, deploy');
    expect(main([...args, '--role', 'plan', '--records-uri', 'https://x'], '.', io)).toBe(1);
    expect(err).toContain('--records-uri https://x: expected s3://bucket/prefix/');
  },
);

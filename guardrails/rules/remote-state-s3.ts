import { defineRule, NOT_APPLICABLE, verdict, type RuleFinding } from '../rule';
import { isTrue } from '../../synthesized/facts';

export default defineRule({
  id: 'ST-02',
  name: 'remote-state-s3',
  severity: 'error',
  title: 'Staging and prod keep state in S3, KMS-encrypted, with S3-native locking and no DynamoDB table',
  why:
    'State holds every attribute of every resource; unencrypted it leaks, unlocked two applies ' +
    'corrupt it. The DynamoDB lock table is deprecated since Terraform 1.11 in favour of use_lockfile.',
  source:
    'Terraform docs: S3 backend (encrypt, kms_key_id, use_lockfile; ' +
    'dynamodb_table deprecated); Terraform docs: Sensitive data in state',
  fix: 'Use the s3 backend with encrypt = true, kms_key_id and use_lockfile = true; remove dynamodb_table.',
  check: (stack) => {
    if (!['staging', 'prod'].includes(stack.environment ?? '')) return NOT_APPLICABLE;
    const b = stack.backend;
    const at = stack.stackName;
    if (!b || b.type !== 's3')
      return verdict([
        { address: at, message: `backend is ${b?.type ?? 'not declared'}; ${stack.environment} keeps state in S3` },
      ]);
    const f: RuleFinding[] = [];
    if (!isTrue(b.settings.encrypt)) f.push({ address: at, message: 'the S3 backend does not set encrypt = true' });
    if (!b.settings.kms_key_id) f.push({ address: at, message: 'the S3 backend has no kms_key_id' });
    if (!isTrue(b.settings.use_lockfile))
      f.push({ address: at, message: 'the S3 backend does not set use_lockfile = true (no locking)' });
    if (b.settings.dynamodb_table !== undefined)
      f.push({ address: at, message: 'the S3 backend uses a DynamoDB lock table; use use_lockfile instead' });
    return verdict(f);
  },
});

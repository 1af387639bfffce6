/**
 * AWS vocabulary shared by the config schema and the guardrails: regions, the stack's own default tags,
 * the API Gateway quotas a config can reach.
 */

/**
 * The regions of the standard (`aws`) and GovCloud (`aws-us-gov`) partitions that hashicorp/aws 5.100.0
 * accepts. Source: the provider validates `region` with SupportedRegion of hashicorp/aws-sdk-go-base
 * v2.0.0-beta.65 (validation/region.go:21-33, "invalid AWS Region"), the version its build info names
 * (`dep github.com/hashicorp/aws-sdk-go-base/v2 v2.0.0-beta.65`); the regions are that version's
 * endpoints/endpoints_gen.go:27-59 (aws) and :76-77 (aws-us-gov), commit f6dbbfd0dd8c. A test checks each
 * against the provider binary where a mirror of it exists. Left out on purpose: the China, EUSC and ISO
 * partitions (other ARNs, separate accounts and sign-in, no Okta EventBridge partner source there).
 */
export const AWS_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-gov-east-1',
  'us-gov-west-1',
  'us-west-1',
  'us-west-2',
];

/** Default tags every stack sets itself (stacks/identity-gateway-stack.ts); config tags may not reuse them. */
export const STACK_TAG_KEYS: readonly string[] = ['Project', 'Environment', 'Stack', 'StackVersion', 'ManagedBy'];

/** Tag keys with this prefix are reserved by AWS and refused on create. */
export const AWS_RESERVED_TAG_PREFIX = 'aws:';

/** Routes per HTTP API: the API Gateway default quota (adjustable through Service Quotas). */
export const HTTP_API_ROUTE_QUOTA = 300;
/** Authorizers per HTTP API (default quota, adjustable). */
export const HTTP_API_AUTHORIZER_QUOTA = 10;
/** Stages per HTTP API (default quota, adjustable). */
export const HTTP_API_STAGE_QUOTA = 10;
/** Throttling per account and Region, all HTTP APIs together: steady requests per second (adjustable). */
export const REGION_RATE_QUOTA = 10000;
/** Throttling per account and Region: burst (adjustable). */
export const REGION_BURST_QUOTA = 5000;

/** Region and account of a KMS key or alias ARN, or undefined when `arn` is not one. */
export function kmsArnParts(arn: string): { readonly region: string; readonly account: string } | undefined {
  const m = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):/.exec(arn);
  return m ? { region: m[1], account: m[2] } : undefined;
}

/** AWS partition of a region, for ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * AWS's naming rules for general purpose S3 buckets, every one of them (Amazon S3 User Guide, "General purpose
 * bucket naming rules", https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html): 3 to 63
 * characters; lower-case letters, digits, '.' and '-'; a letter or digit first and last; no two adjacent
 * periods; not shaped like an IPv4 address; none of the reserved prefixes or suffixes below. S3 refuses any
 * other name only when the bucket is created or used, long after synth.
 */
export const S3_BUCKET_RESERVED_PREFIXES: readonly string[] = ['xn--', 'sthree-', 'amzn-s3-demo-'];
export const S3_BUCKET_RESERVED_SUFFIXES: readonly string[] = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** Why `name` is not a valid general purpose S3 bucket name, or undefined when it is one. */
export function s3BucketNameProblem(name: string): string | undefined {
  const rule = (why: string) => `not a valid S3 bucket name: ${why} (AWS bucket naming rules)`;
  if (name.length < 3 || name.length > 63) return rule(`3 to 63 characters, got ${name.length}`);
  if (!/^[a-z0-9.-]+$/.test(name)) return rule("only lower-case letters, digits, '.' and '-'");
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return rule('begins and ends with a letter or digit');
  if (name.includes('..')) return rule('no two adjacent periods');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return rule('not formatted as an IP address');
  const prefix = S3_BUCKET_RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return rule(`the prefix '${prefix}' is reserved`);
  const suffix = S3_BUCKET_RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return rule(`the suffix '${suffix}' is reserved`);
  return undefined;
}

/**
 * The AWS permissions of the pipeline's two roles per environment, from a synthesized stack (its backend
 * and its aws_* resource types): the plan role (plan and drift jobs) reads the state and the release
 * records and calls only Describe*, Get* and List* (API Gateway: GET); the deploy role (apply job) also
 * writes the state, its lock file and its own environment's record, and manages the stack's resource
 * types. `npm run release -- iam-policy` prints a policy; docs/deploy-pipeline.md lists them (generated).
 * A resource type missing from AWS_ACCESS_BY_TYPE is an error, so a new resource cannot ship without
 * the deploy role's permission for it.
 */
import { s3BucketNameProblem } from '../domain/aws';
import { stackName } from '../domain/stack-names';

export type CiRole = 'plan' | 'deploy';

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** An AWS resource type: its IAM service prefix and what the deploy role needs beyond reading it. */
interface TypeAccess {
  readonly service: string;
  readonly write: readonly string[];
}

const TAGS = (service: string) => [`${service}:TagResource`, `${service}:UntagResource`];
const APIGATEWAY: TypeAccess = {
  service: 'apigateway',
  write: ['apigateway:DELETE', 'apigateway:PATCH', 'apigateway:POST', 'apigateway:PUT'],
};

/** The write actions of each aws_* resource type the stacks use (reads come from readActions). */
export const AWS_ACCESS_BY_TYPE: Readonly<Record<string, TypeAccess>> = {
  aws_apigatewayv2_api: APIGATEWAY,
  aws_apigatewayv2_authorizer: APIGATEWAY,
  aws_apigatewayv2_integration: APIGATEWAY,
  aws_apigatewayv2_route: APIGATEWAY,
  aws_apigatewayv2_stage: APIGATEWAY,
  aws_cloudwatch_dashboard: {
    service: 'cloudwatch',
    write: ['cloudwatch:DeleteDashboards', 'cloudwatch:PutDashboard'],
  },
  aws_cloudwatch_metric_alarm: {
    service: 'cloudwatch',
    write: ['cloudwatch:DeleteAlarms', 'cloudwatch:PutMetricAlarm', ...TAGS('cloudwatch')],
  },
  aws_cloudwatch_event_bus: {
    service: 'events',
    write: ['events:CreateEventBus', 'events:DeleteEventBus', 'events:UpdateEventBus', ...TAGS('events')],
  },
  aws_cloudwatch_event_rule: {
    service: 'events',
    write: ['events:DeleteRule', 'events:DisableRule', 'events:EnableRule', 'events:PutRule', ...TAGS('events')],
  },
  aws_cloudwatch_event_target: { service: 'events', write: ['events:PutTargets', 'events:RemoveTargets'] },
  aws_cloudwatch_log_group: {
    service: 'logs',
    write: [
      'logs:AssociateKmsKey',
      'logs:CreateLogGroup',
      'logs:DeleteLogGroup',
      'logs:DeleteRetentionPolicy',
      'logs:DisassociateKmsKey',
      'logs:PutRetentionPolicy',
      ...TAGS('logs'),
    ],
  },
  aws_cloudwatch_log_metric_filter: { service: 'logs', write: ['logs:DeleteMetricFilter', 'logs:PutMetricFilter'] },
  aws_cloudwatch_log_resource_policy: {
    service: 'logs',
    write: ['logs:DeleteResourcePolicy', 'logs:PutResourcePolicy'],
  },
  aws_iam_role: {
    service: 'iam',
    write: [
      'iam:CreateRole',
      'iam:DeleteRole',
      'iam:DeleteRolePolicy',
      'iam:DetachRolePolicy',
      'iam:TagRole',
      'iam:UntagRole',
      'iam:UpdateAssumeRolePolicy',
      'iam:UpdateRole',
      'iam:UpdateRoleDescription',
    ],
  },
  aws_iam_role_policy_attachment: { service: 'iam', write: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'] },
  aws_lambda_function: {
    service: 'lambda',
    write: [
      'lambda:CreateFunction',
      'lambda:DeleteFunction',
      'lambda:UpdateFunctionCode',
      'lambda:UpdateFunctionConfiguration',
      ...TAGS('lambda'),
    ],
  },
  aws_lambda_permission: { service: 'lambda', write: ['lambda:AddPermission', 'lambda:RemovePermission'] },
  aws_sns_topic: {
    service: 'sns',
    write: ['sns:CreateTopic', 'sns:DeleteTopic', 'sns:SetTopicAttributes', ...TAGS('sns')],
  },
  aws_sns_topic_policy: { service: 'sns', write: ['sns:SetTopicAttributes'] },
  aws_sns_topic_subscription: {
    service: 'sns',
    write: ['sns:SetSubscriptionAttributes', 'sns:Subscribe', 'sns:Unsubscribe'],
  },
};

/** Data sources: what reading each needs (sts:GetCallerIdentity needs no permission). */
export const AWS_DATA_SOURCE_READS: Readonly<Record<string, readonly string[]>> = { aws_caller_identity: [] };

/** The read-only actions of a service: Describe*, Get*, List* (API Gateway's management API is HTTP verbs). */
export function readActions(service: string): string[] {
  return service === 'apigateway'
    ? ['apigateway:GET']
    : [`${service}:Describe*`, `${service}:Get*`, `${service}:List*`];
}

/** Where the pipeline keeps convergence records and stored artifacts (RELEASE_RECORDS_URI). */
export const RECORDS_URI_PLACEHOLDER = 's3://RECORDS_BUCKET/RECORDS_PREFIX/';

function parseS3Uri(uri: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-zA-Z0-9][a-zA-Z0-9._-]*[a-zA-Z0-9])(?:\/(.*))?$/.exec(uri);
  if (!m) throw new Error(`--records-uri ${uri}: expected s3://bucket/prefix/ (the RELEASE_RECORDS_URI variable)`);
  const why = uri === RECORDS_URI_PLACEHOLDER ? undefined : s3BucketNameProblem(m[1]);
  if (why) throw new Error(`--records-uri ${uri}: the bucket ${m[1]} is ${why}`);
  return { bucket: m[1], prefix: (m[2] ?? '').replace(/\/+$/, '') };
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
const s3 = (bucket: string, key = '') => `arn:aws:s3:::${bucket}${key ? `/${key}` : ''}`;

/** The KMS statement's resource and condition for a backend's kms_key_id (a key ARN or an alias ARN). */
function kmsTarget(kmsKeyId: string): Pick<PolicyStatement, 'Resource' | 'Condition'> {
  const alias = /^arn:aws:kms:([^:]+):(\d+):(alias\/.+)$/.exec(kmsKeyId);
  if (!alias) return { Resource: [kmsKeyId] };
  // Key policies and IAM match key ARNs; an alias is matched through the key's aliases.
  return {
    Resource: [`arn:aws:kms:${alias[1]}:${alias[2]}:key/*`],
    Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': [alias[3]] } },
  };
}

/** The aws_* resource types of a synthesized stack; throws naming a type without an entry. */
function awsTypes(stack: string, json: Record<string, any>): { resources: string[]; services: string[] } {
  const resources = Object.keys(json.resource ?? {})
    .filter((t) => t.startsWith('aws_'))
    .sort();
  const data = Object.keys(json.data ?? {}).filter((t) => t.startsWith('aws_'));
  const unknown = [
    ...resources.filter((t) => !AWS_ACCESS_BY_TYPE[t]),
    ...data.filter((t) => !AWS_DATA_SOURCE_READS[t]),
  ];
  if (unknown.length)
    throw new Error(
      `${stack}: no AWS permission is known for ${unknown.join(', ')}: ` +
        'add it to AWS_ACCESS_BY_TYPE (or AWS_DATA_SOURCE_READS) in release/ci-access.ts',
    );
  return { resources, services: sorted(resources.map((t) => AWS_ACCESS_BY_TYPE[t].service)) };
}

export interface PolicyOptions {
  readonly environment: string;
  /** The synthesized stack (cdk.tf.json as an object). */
  readonly json: Record<string, any>;
  /** @default RECORDS_URI_PLACEHOLDER */
  readonly recordsUri?: string;
}

/** The IAM policy of one role for one environment. */
export function ciRolePolicy(role: CiRole, opts: PolicyOptions): PolicyDocument {
  const stack = stackName(opts.environment);
  const { resources, services } = awsTypes(stack, opts.json);
  const records = parseS3Uri(opts.recordsUri ?? RECORDS_URI_PLACEHOLDER);
  const under = (key: string) => (records.prefix ? `${records.prefix}/${key}` : key);
  const backend = opts.json.terraform?.backend?.s3 as Record<string, string> | undefined;
  const statements: PolicyStatement[] = [];
  const allow = (Sid: string, Action: string[], Resource: string[], Condition?: PolicyStatement['Condition']) =>
    statements.push({ Sid, Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) });

  if (backend) {
    allow('StateBucket', ['s3:ListBucket'], [s3(backend.bucket)]);
    // Plan and drift run with -lock=false (a saved plan that went stale is refused at apply): no lock writes.
    if (role === 'plan') allow('ReadState', ['s3:GetObject'], [s3(backend.bucket, backend.key)]);
    else {
      allow('WriteState', ['s3:GetObject', 's3:PutObject'], [s3(backend.bucket, backend.key)]);
      allow(
        'StateLock',
        ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        [s3(backend.bucket, `${backend.key}.tflock`)],
      );
    }
    if (backend.kms_key_id) {
      const actions = role === 'plan' ? ['kms:Decrypt'] : ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'];
      const { Resource, Condition } = kmsTarget(backend.kms_key_id);
      allow('StateKey', actions, [...Resource], Condition);
    }
  }
  allow('ListRecords', ['s3:ListBucket'], [s3(records.bucket)], {
    StringLike: { 's3:prefix': [under('*')] },
  });
  allow('ReadRecords', ['s3:GetObject'], [s3(records.bucket, under('*'))]);
  if (role === 'deploy') {
    allow(
      'WriteOwnRecord',
      ['s3:PutObject'],
      [s3(records.bucket, under(`${stack}.json`)), s3(records.bucket, under(`artifacts/${stack}/*`))],
    );
  }
  allow('ReadInfrastructure', services.flatMap(readActions), ['*']);
  if (role === 'deploy') {
    allow('ManageInfrastructure', sorted(resources.flatMap((t) => AWS_ACCESS_BY_TYPE[t].write)), ['*']);
    if (resources.includes('aws_lambda_function')) {
      allow('PassRoleToLambda', ['iam:PassRole'], ['*'], {
        StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] },
      });
    }
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** Whether an action only reads (what the plan role may call). */
export const isReadOnlyAction = (action: string): boolean =>
  /^[a-z0-9-]+:(Describe|Get|List)[A-Za-z]*\*?$/.test(action) || action === 'apigateway:GET';

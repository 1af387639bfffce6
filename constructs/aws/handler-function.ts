import { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AssetType, Fn, TerraformAsset } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { zipDirectory } from './deterministic-zip';

export type LambdaRuntime = 'nodejs22.x' | 'nodejs20.x';

export interface HandlerFunctionProps {
  /** Lambda function name (unique in the account and region). */
  readonly functionName: string;
  /** Directory holding the handler's `index.mjs`. */
  readonly sourceDir: string;
  /** Retention of the function's log group. */
  readonly logRetentionDays: number;
  /** KMS key for the function's log group. @default - CloudWatch's own encryption */
  readonly logKmsKeyArn?: string;
  /** @default 5 */
  readonly timeoutSeconds?: number;
  /** @default 256 */
  readonly memorySizeMb?: number;
  /** @default 'nodejs22.x' */
  readonly runtime?: LambdaRuntime;
  /** AWS partition, for managed policy ARNs. @default 'aws' */
  readonly partition?: string;
}

/**
 * A small Lambda function built from a handler directory in this repository: a deterministic zip, a
 * role with only basic execution rights, its own log group with a retention, and explicit timeout,
 * memory and runtime.
 */
export class HandlerFunction extends Construct {
  readonly resource: LambdaFunction;
  readonly functionName: string;
  readonly functionArn: string;
  readonly invokeArn: string;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const timeoutSeconds = props.timeoutSeconds ?? 5;
    const memorySizeMb = props.memorySizeMb ?? 256;
    const partition = props.partition ?? 'aws';
    if (timeoutSeconds < 1 || timeoutSeconds > 29) {
      throw new Error(
        `HandlerFunction '${props.functionName}': timeoutSeconds = ` +
          `${timeoutSeconds} is invalid: 1 to 29 (API Gateway waits at most 30 s)`,
      );
    }
    if (memorySizeMb < 128 || memorySizeMb > 10240) {
      throw new Error(
        `HandlerFunction '${props.functionName}': memorySizeMb = ${memorySizeMb} is invalid: 128 to 10240`,
      );
    }

    const asset = new TerraformAsset(this, 'Code', { path: stageZip(props.sourceDir), type: AssetType.FILE });

    const logGroup = new CloudwatchLogGroup(this, 'Logs', {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logKmsKeyArn,
    });

    const role = new IamRole(this, 'Role', {
      name: `${props.functionName}-exec`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
    const basicExecution = new IamRolePolicyAttachment(this, 'BasicExecution', {
      role: role.name,
      policyArn: `arn:${partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`,
    });

    this.resource = new LambdaFunction(this, 'Resource', {
      functionName: props.functionName,
      role: role.arn,
      runtime: props.runtime ?? 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      filename: asset.path,
      sourceCodeHash: Fn.filebase64sha256(asset.path),
      timeout: timeoutSeconds,
      memorySize: memorySizeMb,
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      dependsOn: [logGroup, basicExecution],
    });
    this.functionName = this.resource.functionName;
    this.functionArn = this.resource.arn;
    this.invokeArn = this.resource.invokeArn;
  }
}

/** Writes the handler's zip once per content hash, outside the repository, and returns its path. */
function stageZip(sourceDir: string): string {
  const zip = zipDirectory(sourceDir);
  const digest = createHash('sha256').update(zip).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'identity-gateway-assets', digest);
  const file = join(dir, `${basename(sourceDir)}.zip`);
  if (!existsSync(file)) {
    // Write then rename: a crash mid-write never leaves a truncated zip to be reused.
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, zip);
    renameSync(partial, file);
  }
  return file;
}

/**
 * The audit-trail part of an environment's config: Okta System Log to EventBridge, alert topic,
 * gateway alarms. Kept beside the main schema, which embeds it as `audit`.
 */
import { z } from 'zod';
import { LOG_RETENTION_DAYS } from './retention';
import { checked } from './checked';
import { eventSourceNameProblem, partnerEventSourceNameProblem } from '../domain/okta/event-source-name';

const kmsKeyArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, 'a KMS key ARN (customer managed)');
const threshold = z
  .number({ invalid_type_error: 'a number of requests' })
  .int('whole requests')
  .positive('a positive number of requests per 5 minutes');

export const auditSchema = z
  .object({
    /**
     * Okta System Log to EventBridge. Managed identity: `{ eventSourceName? }` (this stack creates the
     * okta_log_stream; default name = the stack name with '-' as '_'). External identity: `{ partnerEventSourceName }`
     * of a stream someone else runs. Omit to collect no Okta events.
     */
    oktaLogStream: z
      .union([
        z.object({ eventSourceName: checked(z.string(), eventSourceNameProblem).optional() }).strict(),
        z.object({ partnerEventSourceName: checked(z.string(), partnerEventSourceNameProblem) }).strict(),
      ])
      .optional()
      .describe(
        'Okta System Log to EventBridge: `{ eventSourceName? }` (managed org: this stack creates the ' +
          'stream; default name = the stack name with `_` for `-`, e.g. `identity_gateway_prod`) or `{ ' +
          'partnerEventSourceName }` (external org)',
      ),
    /** Retention of the Okta events log group. */
    logRetentionDays: z
      .number()
      .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), {
        message: `CloudWatch accepts ${LOG_RETENTION_DAYS.join(', ')}`,
      })
      .describe('retention of the Okta events log group'),
    /** KMS key for the Okta events log group; required in prod. */
    logKmsKeyArn: kmsKeyArn.optional().describe('KMS key for the Okta events log group'),
    alerts: z
      .object({
        /**
         * Customer-managed key for the SNS topic; its policy must let events.amazonaws.com and
         * cloudwatch.amazonaws.com use it.
         */
        topicKmsKeyArn: kmsKeyArn.describe('customer-managed KMS key of the alert topic'),
        /** Email subscriptions (each must confirm). */
        emails: z.array(z.string().email('an email address')).default([]).describe('email subscriptions to alerts'),
      })
      .strict(),
    /** Alarm when the gateway returns at least this many per 5 minutes. */
    alarmThresholds: z
      .object({ unauthorized401: threshold, forbidden403: threshold, serverErrors5xx: threshold })
      .strict()
      .describe(
        'alarm when the gateway returns at least `unauthorized401` / `forbidden403` / `serverErrors5xx` ' +
          'responses in 5 minutes',
      ),
  })
  .strict();

export type AuditConfig = z.infer<typeof auditSchema>;

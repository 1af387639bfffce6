/**
 * The audit-trail part of an environment's config: Okta System Log to EventBridge, alert topic,
 * gateway alarms. Kept beside the main schema, which embeds it as `audit`.
 */
import { z } from 'zod';

const RETENTION = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const kmsKeyArn = z.string().regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, 'a KMS key ARN (customer managed)');
const threshold = z.number({ invalid_type_error: 'a number of requests' }).int('whole requests').positive('a positive number of requests per 5 minutes');

export const auditSchema = z
  .object({
    /**
     * Okta System Log to EventBridge. Managed identity: `{ eventSourceName? }` (this stack creates the
     * okta_log_stream; default name = the stack name). External identity: `{ partnerEventSourceName }`
     * of a stream someone else runs. Omit to collect no Okta events.
     */
    oktaLogStream: z
      .union([
        z.object({ eventSourceName: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "letters, digits, '.', '_', '-' (at most 64)").optional() }).strict(),
        z
          .object({
            partnerEventSourceName: z
              .string()
              .regex(/^aws\.partner\/okta\.com\/[A-Za-z0-9.-]+\/[A-Za-z0-9._-]+$/, 'aws.partner/okta.com/<org>/<event source name>'),
          })
          .strict(),
      ])
      .optional(),
    /** Retention of the Okta events log group. */
    logRetentionDays: z.number().refine((n) => RETENTION.includes(n), { message: `CloudWatch accepts ${RETENTION.join(', ')}` }),
    /** KMS key for the Okta events log group; required in prod. */
    logKmsKeyArn: kmsKeyArn.optional(),
    alerts: z
      .object({
        /** Customer-managed key for the SNS topic; its policy must let events.amazonaws.com and cloudwatch.amazonaws.com use it. */
        topicKmsKeyArn: kmsKeyArn,
        /** Email subscriptions (each must confirm). */
        emails: z.array(z.string().email('an email address')).default([]),
      })
      .strict(),
    /** Alarm when the gateway returns at least this many per 5 minutes. */
    alarmThresholds: z
      .object({ unauthorized401: threshold, forbidden403: threshold, serverErrors5xx: threshold })
      .strict(),
  })
  .strict();

export type AuditConfig = z.infer<typeof auditSchema>;

/**
 * Guardrail suppressions an environment may declare: which rule, on which resource, why, and until
 * when. The reason is required; the guardrails engine reports unknown rule ids and expired
 * suppressions as errors, and shows suppressed findings marked as such.
 */
import { z } from 'zod';
import { MIN_REASON_LENGTH } from '../domain/bounds';

/** A guardrail rule id, e.g. GW-01 (`npm run rules` lists them). */
export const RULE_ID = /^[A-Z]+-\d{2}$/;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a calendar date',
  );

export const suppressionSchema = z
  .object({
    /** The rule to suppress, e.g. GW-15. */
    ruleId: z.string().regex(RULE_ID, 'a rule id such as GW-01 (npm run rules lists them)'),
    /** Terraform address of the resource (type.name), or the stack name for stack-level findings. */
    address: z.string().trim().min(1, 'the resource address the finding names'),
    /** Why the finding is acceptable; shown next to the suppressed finding. */
    reason: z
      .string({ required_error: 'a suppression needs a reason' })
      .trim()
      .min(MIN_REASON_LENGTH, `say why in at least ${MIN_REASON_LENGTH} characters`),
    /** Last day the suppression applies (YYYY-MM-DD). @default - no expiry */
    expires: isoDate.optional(),
  })
  .strict();

/** @default [] */
export const suppressionsSchema = z.array(suppressionSchema).default([]);

export type Suppression = z.infer<typeof suppressionSchema>;

/**
 * The adaptive part of identity.mfa: device management, device assurance policies per platform, what HIGH
 * risk leads to per tier, and the behaviours (okta_behavior) that force MFA on anomalies. Field shapes only;
 * the rules across fields (a tier names a declared policy, a platform has the option) are in rules/adaptive.ts and
 * domain/okta/rollout-rules.ts.
 */
import { z } from 'zod';
import {
  DEVICE_PLATFORMS,
  HIGH_RISK_ACTIONS,
  LOCATION_GRANULARITIES,
  SCREEN_LOCKS,
  type BehaviorType,
  type HighRiskAction,
} from '../domain/okta/adaptive';
import { isOneOf } from '../domain/choices';
import {
  behaviorNumberProblem,
  behaviorTypeProblem,
  osVersionProblem,
  type BEHAVIOR_NUMBERS,
} from '../domain/okta/adaptive-rules';
import { checked } from './checked';

const policyKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'a key: lower-case letters, digits and hyphens, starting with a letter');
const text = z.string().trim().min(1, 'must not be empty');
/** A numeric setting of a behaviour within its range (domain/okta/adaptive-rules.ts). */
const behaviorNumber = (field: keyof typeof BEHAVIOR_NUMBERS) =>
  checked(z.number(), (v) => behaviorNumberProblem(field, v));

/** One device assurance policy; which options a platform has is checked in rules/adaptive.ts. */
export const deviceAssurancePolicySchema = z
  .object({
    platform: z.enum(DEVICE_PLATFORMS).describe('macos, windows, ios, android or chromeos'),
    name: text.describe('policy name shown in Okta'),
    minimumOsVersion: checked(z.string(), osVersionProblem).optional().describe('lowest OS version allowed'),
    diskEncryption: z.boolean().optional().describe('the disk must be encrypted (not on ios)'),
    secureHardware: z.boolean().optional().describe('a secure enclave / TPM must be present (macos, windows, android)'),
    screenLock: z.enum(SCREEN_LOCKS).optional().describe('`passcode-or-biometric` or `biometric`'),
    rejectJailbroken: z.boolean().optional().describe('refuse jailbroken or rooted devices (ios, android)'),
  })
  .strict();

/** What HIGH risk leads to: `deny` or `phishing-resistant`; never one factor. */
const highRiskAction = z.string().superRefine((v, ctx): v is HighRiskAction => {
  if (isOneOf(HIGH_RISK_ACTIONS, v)) return true;
  const oneFactor = /^(allow|1fa|one-factor|password|two-factors|2fa|none)$/i.test(v);
  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    message:
      (oneFactor ? 'a sign-in at HIGH risk must never be let through with a weaker factor; ' : '') +
      `allowed: ${HIGH_RISK_ACTIONS.join(', ')}`,
  });
  return false;
});

export const riskSchema = z
  .object({
    standard: highRiskAction.default('phishing-resistant').describe('standard tier at HIGH risk'),
    high: highRiskAction.default('phishing-resistant').describe('high tier at HIGH risk'),
    critical: highRiskAction.default('deny').describe('critical tier at HIGH risk'),
  })
  .strict()
  .describe(
    'what a sign-in at HIGH risk (Okta risk scoring) leads to per tier: `deny` or `phishing-resistant` ' +
      '(never one factor); needs `okta.riskScoring`',
  );

/** A behaviour this stack defines (okta_behavior), or one of the org's looked up by name. */
export const behaviorSchema = z
  .object({
    name: text.describe('behaviour name in Okta'),
    type: z
      .string()
      .superRefine((v, ctx): v is BehaviorType => {
        const why = behaviorTypeProblem(v);
        if (why) ctx.addIssue({ code: z.ZodIssueCode.custom, message: why });
        return why === undefined;
      })
      .optional()
      .describe('ANOMALOUS_LOCATION, ANOMALOUS_DEVICE, ANOMALOUS_IP or VELOCITY; omitted = look the name up'),
    authentications: behaviorNumber('authentications')
      .optional()
      .describe('recent authentications compared against (anomalous types)'),
    granularity: z.enum(LOCATION_GRANULARITIES).optional().describe('ANOMALOUS_LOCATION: how a new location is told'),
    radiusKm: behaviorNumber('radiusKm').optional().describe('LAT_LONG: radius of a known location'),
    velocityKph: behaviorNumber('velocityKph').optional().describe('VELOCITY: speed between sign-ins'),
    enforce: z.boolean().default(true).describe('`false`: Okta evaluates and logs it (audit) but no rule acts on it'),
  })
  .strict();

/** The adaptive fields merged into identity.mfa. */
export const adaptiveFields = {
  deviceManagement: z
    .boolean()
    .default(false)
    .describe('the org has device management (MDM), so a rule may require a managed device'),
  deviceAssurance: z
    .record(policyKey, deviceAssurancePolicySchema)
    .default({})
    .describe('device assurance policies `<key>: { platform, name, minimumOsVersion, ... }`'),
  risk: riskSchema.optional(),
  behaviors: z
    .record(policyKey, behaviorSchema)
    .default({})
    .describe('behaviours `<key>: { name, type, ... }` (defined here) or `{ name }` (looked up) that force MFA'),
  adaptiveSessionLifetimeMinutes: z
    .number()
    .int('whole minutes')
    .min(5, 'allowed: 5 to 240 minutes')
    .max(240, 'allowed: 5 to 240 minutes')
    .default(60)
    .describe('global session lifetime after a sign-in at HIGH risk or with an anomaly'),
};

/** The device fields of the high and critical tiers. */
export const tierDeviceFields = {
  deviceAssurances: z.array(z.string()).default([]).describe('device assurance policy keys; any one suffices'),
};

export type DeviceAssurancePolicyConfig = z.infer<typeof deviceAssurancePolicySchema>;
export type BehaviorConfig = z.infer<typeof behaviorSchema>;
export type RiskConfig = z.infer<typeof riskSchema>;

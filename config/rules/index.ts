/**
 * Every rule across the fields of an environment's config, one file per concern, run in this order after
 * the fields themselves parsed (schema.ts), so every problem is reported in one pass with its path.
 */
import { z } from 'zod';
import { environmentConfigShape, type EnvironmentConfig } from '../schema';
import type { ConfigRule, Report } from './rule';
import { referenceRules } from './references';
import { scopeRules } from './scopes';
import { claimRules, identityKeyRules } from './identity';
import { appRules } from './apps';
import { accessPolicyRules } from './access-policies';
import { mfaRolloutRules } from './mfa-rollout';
import { adaptiveRules } from './adaptive';
import { signOnTierRules } from './sign-on-tiers';
import { consentRules } from './consent';
import { scopeAssuranceRules } from './scope-assurance';
import { gatewayRules } from './gateway';
import { backendRules } from './backend';
import { auditRules } from './audit';
import { adminSurfaceRules } from './admin-surfaces';
import { hostileInputRules } from './hostile';

/** The rules, in the order their problems are listed. */
export const CONFIG_RULES: readonly ConfigRule[] = [
  scopeRules,
  identityKeyRules,
  claimRules,
  appRules,
  accessPolicyRules,
  mfaRolloutRules,
  adaptiveRules,
  signOnTierRules,
  consentRules,
  scopeAssuranceRules,
  gatewayRules,
  backendRules,
  auditRules,
  adminSurfaceRules,
  hostileInputRules,
];

/**
 * Runs every rule on a config whose fields parsed, adding each problem to zod's issues. A problem two rules
 * find (the same message at the same path: a rule shared with a construct and the general cross-reference
 * check, say) is listed once.
 */
export function configRules(cfg: unknown, ctx: z.RefinementCtx): void {
  const c = cfg as EnvironmentConfig;
  const seen = new Set<string>();
  const paths = new Set<string>();
  const report: Report = (path, message) => {
    const id = JSON.stringify([path, message]);
    if (seen.has(id)) return;
    seen.add(id);
    paths.add(JSON.stringify(path));
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  };
  for (const rule of CONFIG_RULES) rule(c, report);
  // Last: it leaves out a missing reference that a rule above already reported at the same place.
  referenceRules(c, report, (path) => paths.has(JSON.stringify(path)));
}

/** An environment's config: its fields (schema.ts) and every rule across them. */
export const environmentConfigSchema = environmentConfigShape.superRefine(configRules);

/**
 * The provider-conformance rules (ids OKC-nn): okta/okta 4.20.0's validators, create-time checks and
 * read-back forms, checked on the synthesized JSON like the guardrails (same Rule shape, same engine,
 * suppressions and output). A rule is added by creating its file under rules/ and listing it here.
 */
import type { Rule } from '../rule';
import adaptiveRuleConditions from './rules/adaptive-rule-conditions';
import groupRoleFields from './rules/group-role-fields';
import lookupsGuarded from './rules/lookups-guarded';
import appSignonRuleFields from './rules/app-signon-rule-fields';
import authServerFields from './rules/auth-server-fields';
import authServerPolicyRuleTokens from './rules/auth-server-policy-rule-tokens';
import authenticatorFields from './rules/authenticator-fields';
import behaviorFields from './rules/behavior-fields';
import defaultPolicyFields from './rules/default-policy-fields';
import deviceAssuranceFields from './rules/device-assurance-fields';
import logStreamSettings from './rules/log-stream-settings';
import mfaEnrollmentFields from './rules/mfa-enrollment-fields';
import networkZoneFields from './rules/network-zone-fields';
import oauthAppCreateRules from './rules/oauth-app-create-rules';
import orgSettingsFields from './rules/org-settings-fields';
import passwordPolicyFields from './rules/password-policy-fields';
import secondPlanClean from './rules/second-plan-clean';
import signonRuleConditions from './rules/signon-rule-conditions';

export const CONFORMANCE_RULES: readonly Rule[] = [
  logStreamSettings,
  authServerPolicyRuleTokens,
  signonRuleConditions,
  appSignonRuleFields,
  oauthAppCreateRules,
  networkZoneFields,
  mfaEnrollmentFields,
  defaultPolicyFields,
  authServerFields,
  orgSettingsFields,
  authenticatorFields,
  secondPlanClean,
  deviceAssuranceFields,
  behaviorFields,
  adaptiveRuleConditions,
  lookupsGuarded,
  groupRoleFields,
  passwordPolicyFields,
];

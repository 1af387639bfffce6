/**
 * The catalogue: every guardrail rule, in id order (gateway, Okta, MFA rollout, state and secrets).
 * A rule is added by creating its file under rules/ and listing it here. The provider-conformance
 * rules (OKC-nn, guardrails/conformance/) follow them in ALL_RULES: the engine runs both alike.
 */
import { CONFORMANCE_RULES } from './conformance/catalogue';
import type { Rule } from './rule';
import accessLogKms from './rules/access-log-kms';
import accessLogRetention from './rules/access-log-retention';
import accessTokenLifetime from './rules/access-token-lifetime';
import adminSurfacesPhishingResistant from './rules/admin-surfaces-phishing-resistant';
import apiGatewayQuotas from './rules/api-gateway-quotas';
import appAuthenticationPolicy from './rules/app-authentication-policy';
import assuranceRefreshWithinReauth from './rules/assurance-refresh-within-reauth';
import assuranceScopedGrants from './rules/assurance-scoped-grants';
import authServerIssuerMode from './rules/auth-server-issuer-mode';
import authServerKeyRotation from './rules/auth-server-key-rotation';
import authenticatorExplicitStatus from './rules/authenticator-explicit-status';
import authorizerAudience from './rules/authorizer-audience';
import authorizerIdentitySource from './rules/authorizer-identity-source';
import authorizerIssuer from './rules/authorizer-issuer';
import backendDeclared from './rules/backend-declared';
import blocklistDenyFirst from './rules/blocklist-deny-first';
import breakGlassAlarmedAndSmall from './rules/break-glass-alarmed-and-small';
import confidentialClientPrivateKeyJwt from './rules/confidential-client-private-key-jwt';
import consentRequiredPrompts from './rules/consent-required-prompts';
import corsExplicitOrigins from './rules/cors-explicit-origins';
import corsPreflightNotSwallowed from './rules/cors-preflight-not-swallowed';
import customDomainTls from './rules/custom-domain-tls';
import enrollmentRequiresPasswordOrEmail from './rules/enrollment-requires-password-or-email';
import globalSessionRequiresMfa from './rules/global-session-requires-mfa';
import highRiskNeverOneFactor from './rules/high-risk-never-one-factor';
import highTierPhishingResistant from './rules/high-tier-phishing-resistant';
import httpIntegrationHttps from './rules/http-integration-https';
import jwtRouteRequiresScope from './rules/jwt-route-requires-scope';
import lambdaNoSecretEnv from './rules/lambda-no-secret-env';
import lambdaPermissionSourceArn from './rules/lambda-permission-source-arn';
import lambdaRuntimeCurrent from './rules/lambda-runtime-current';
import lambdaTimeoutAndMemory from './rules/lambda-timeout-and-memory';
import logGroupRetention from './rules/log-group-retention';
import noCredentialLiterals from './rules/no-credential-literals';
import noLockout from './rules/no-lockout';
import noImplicitOrPasswordGrant from './rules/no-implicit-or-password-grant';
import noSmsOnlySecondFactor from './rules/no-sms-only-second-factor';
import noWildcardScopeGrant from './rules/no-wildcard-scope-grant';
import oneGroupAssignmentPerApp from './rules/one-group-assignment-per-app';
import policyTargetsNamedClients from './rules/policy-targets-named-clients';
import prioritiesContiguous from './rules/priorities-contiguous';
import priorityDependsOnChain from './rules/priority-depends-on-chain';
import prodAllowedAccountIds from './rules/prod-allowed-account-ids';
import providerCredentialsFromEnvironment from './rules/provider-credentials-from-environment';
import providerVersionsPinned from './rules/provider-versions-pinned';
import publicClientPkce from './rules/public-client-pkce';
import redirectUrisSafe from './rules/redirect-uris-safe';
import refreshTokenLifetime from './rules/refresh-token-lifetime';
import refreshTokenRotation from './rules/refresh-token-rotation';
import remoteStateS3 from './rules/remote-state-s3';
import prodStrongTiersDeviceAssurance from './rules/prod-strong-tiers-device-assurance';
import prodGatewayAuthAlarms from './rules/prod-gateway-auth-alarms';
import prodLogGroupsProtected from './rules/prod-log-groups-protected';
import prodOktaLogStream from './rules/prod-okta-log-stream';
import routeHasAuthorization from './rules/route-has-authorization';
import routeScopesDefinedAndGranted from './rules/route-scopes-defined-and-granted';
import sensitiveOutputs from './rules/sensitive-outputs';
import servicePrincipalPolicyScoped from './rules/service-principal-policy-scoped';
import signonCatchAllDenies from './rules/signon-catch-all-denies';
import signonConstraintsKnown from './rules/signon-constraints-known';
import snsTopicEncrypted from './rules/sns-topic-encrypted';
import stageAccessLogging from './rules/stage-access-logging';
import stageDefaultThrottling from './rules/stage-default-throttling';
import threatInsightBlocksInProd from './rules/threat-insight-blocks-in-prod';
import tierReauthenticationFrequency from './rules/tier-reauthentication-frequency';
import trustedOriginsSafe from './rules/trusted-origins-safe';
import passwordPolicyGuidance from './rules/password-policy-guidance';
import highRiskStepUpEnrolledOnly from './rules/high-risk-step-up-enrolled-only';
import deviceConditionExplicit from './rules/device-condition-explicit';
import securityQuestionRecovery from './rules/security-question-recovery';
import inactiveAuthenticatorAfterPolicies from './rules/inactive-authenticator-after-policies';

export const RULES: readonly Rule[] = [
  routeHasAuthorization,
  jwtRouteRequiresScope,
  routeScopesDefinedAndGranted,
  authorizerIssuer,
  authorizerAudience,
  authorizerIdentitySource,
  stageAccessLogging,
  stageDefaultThrottling,
  apiGatewayQuotas,
  accessLogRetention,
  accessLogKms,
  lambdaPermissionSourceArn,
  lambdaTimeoutAndMemory,
  lambdaRuntimeCurrent,
  lambdaNoSecretEnv,
  corsExplicitOrigins,
  customDomainTls,
  corsPreflightNotSwallowed,
  httpIntegrationHttps,
  logGroupRetention,
  snsTopicEncrypted,
  servicePrincipalPolicyScoped,
  publicClientPkce,
  noImplicitOrPasswordGrant,
  redirectUrisSafe,
  refreshTokenRotation,
  accessTokenLifetime,
  refreshTokenLifetime,
  noWildcardScopeGrant,
  policyTargetsNamedClients,
  appAuthenticationPolicy,
  confidentialClientPrivateKeyJwt,
  authServerIssuerMode,
  authServerKeyRotation,
  oneGroupAssignmentPerApp,
  prioritiesContiguous,
  priorityDependsOnChain,
  trustedOriginsSafe,
  consentRequiredPrompts,
  highTierPhishingResistant,
  noSmsOnlySecondFactor,
  globalSessionRequiresMfa,
  signonConstraintsKnown,
  blocklistDenyFirst,
  assuranceScopedGrants,
  enrollmentRequiresPasswordOrEmail,
  authenticatorExplicitStatus,
  threatInsightBlocksInProd,
  tierReauthenticationFrequency,
  signonCatchAllDenies,
  assuranceRefreshWithinReauth,
  prodStrongTiersDeviceAssurance,
  highRiskNeverOneFactor,
  adminSurfacesPhishingResistant,
  breakGlassAlarmedAndSmall,
  noLockout,
  passwordPolicyGuidance,
  highRiskStepUpEnrolledOnly,
  deviceConditionExplicit,
  securityQuestionRecovery,
  inactiveAuthenticatorAfterPolicies,
  backendDeclared,
  remoteStateS3,
  providerVersionsPinned,
  prodAllowedAccountIds,
  noCredentialLiterals,
  sensitiveOutputs,
  providerCredentialsFromEnvironment,
  prodOktaLogStream,
  prodGatewayAuthAlarms,
  prodLogGroupsProtected,
];

/** The guardrails, then the provider-conformance rules: what the engine, the CLI and docs/rules.md use. */
export const ALL_RULES: readonly Rule[] = [...RULES, ...CONFORMANCE_RULES];

/** A rule by id (guardrail or conformance). */
export const ruleById = (id: string): Rule | undefined => ALL_RULES.find((r) => r.id === id);

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Every rule as a markdown table (what `npm run rules` prints and docs/rules.md carries). */
export function rulesMarkdown(rules: readonly Rule[] = ALL_RULES): string {
  const lines = [
    '| ID | Severity | Rule | Why it matters | Source | How to fix |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rules)
    lines.push(
      `| ${r.id} | ${r.severity} | ${cell(r.title)} (\`${r.name}\`) ` +
        `| ${cell(r.why)} | ${cell(r.source)} | ${cell(r.fix)} |`,
    );
  return `${lines.join('\n')}\n`;
}

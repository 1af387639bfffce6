/**
 * The construct library: L2-style constructs for an Okta identity perimeter and a JWT-protected API
 * Gateway HTTP API. Usable without this project's config: every input is a prop, validated in the
 * constructor, with its default documented; no construct reads the environment or names one.
 */
export * from './aws/jwt-http-api';
export * from './aws/audit-trail';
export * from './aws/handler-function';
export * from './okta/groups';
export * from './okta/app-integration';
export * from './okta/authorization-server';
export * from './okta/mfa-rollout';
export * from './okta/log-stream';
export { RolloutNetworkZones, type RolloutNetworkZonesProps } from './okta/rollout/network-zones';
export { RolloutAuthenticators, type RolloutAuthenticatorsProps } from './okta/rollout/authenticators';
export {
  EnrollmentPolicy,
  GlobalSessionPolicy,
  OrgDefaultPolicies,
  type EnrollmentPolicyProps,
  type GlobalSessionPolicyProps,
  type OrgDefaultPoliciesProps,
} from './okta/rollout/policies';
export { AppSignOnTiers, type AppSignOnTiersProps, type TierPolicy } from './okta/rollout/app-sign-on';

/**
 * Names every Okta org already has, per kind of object, so a created object of that kind and name collides
 * with it at apply (Okta requires unique names per object type in an org). Sources: the Everyone group and
 * the default authorization server ("default") are in every org (Okta API reference, Groups and Authorization
 * Servers); the "Default Policy" of the global session, authenticator enrollment, password and authentication
 * policies, and the Admin Console's and Dashboard's own authentication policies (Okta API reference,
 * Policies); the default network zones LegacyIpZone, BlockedIpZone and DefaultEnhancedDynamicZone (Okta API
 * reference, Network Zones); the built-in behaviours (Okta Help, "Behavior detection": New City, New Country,
 * New Device, New Geo-Location, New IP, New State, Velocity).
 */

/** Built-in names by Terraform resource type family (see synthesized/named-objects.ts). */
export const OKTA_BUILT_IN_NAMES: Readonly<Record<string, readonly string[]>> = {
  okta_group: ['Everyone'],
  okta_auth_server: ['default'],
  okta_policy_signon: ['Default Policy'],
  okta_policy_mfa: ['Default Policy'],
  okta_policy_password: ['Default Policy'],
  okta_app_signon_policy: ['Default Policy', 'Okta Admin Console', 'Okta Dashboard'],
  okta_network_zone: ['LegacyIpZone', 'BlockedIpZone', 'DefaultEnhancedDynamicZone'],
  okta_behavior: ['New City', 'New Country', 'New Device', 'New Geo-Location', 'New IP', 'New State', 'Velocity'],
};

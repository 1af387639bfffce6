/**
 * Readers of the Okta half of a synthesized stack shared by the review's view and the simulator: an
 * app's key and assigned groups, an access rule's grants, a network zone's settings. Each caller names
 * groups and apps its own way (Labels); what is read, and how, is written once here.
 */
import { attr, stringList, type Json, type StackModel, type TfResource } from './model';
import { str } from './facts';
import { logicalPath } from './labels';

/** The app's key: its construct id, as the config names it (e.g. `portal`). */
export const appKey = (app: TfResource): string => logicalPath(app).split('/').pop() ?? app.name;

/** The group ids (references, or literals such as EVERYONE) the app's okta_app_group_assignments assign. */
export function assignedGroupIds(model: StackModel, app: TfResource): (Json | undefined)[] {
  return model
    .referrers('okta_app_group_assignments', 'app_id', app)
    .flatMap((g) => (Array.isArray(g.attrs.group) ? g.attrs.group : []).map((x) => attr(x as never, 'id')));
}

/** What an okta_auth_server_policy_rule grants, as written: status, grant types, scopes. */
export interface AccessRuleGrants {
  /** ACTIVE unless the rule says otherwise. */
  readonly status: string;
  readonly grantTypes: string[];
  /** Scope names, or `*` for all. */
  readonly scopes: string[];
}

export const accessRuleGrants = (rule: TfResource): AccessRuleGrants => ({
  status: str(rule.attrs.status) ?? 'ACTIVE',
  grantTypes: stringList(rule.attrs.grant_type_whitelist),
  scopes: stringList(rule.attrs.scope_whitelist),
});

/** An okta_network_zone's settings, as written (type and usage left unset when the JSON omits them). */
export interface ZoneSettings {
  readonly address: string;
  readonly name: string;
  readonly type?: string;
  /** POLICY unless set: BLOCKLIST blocks org-wide before sign-in. */
  readonly usage: string;
  /** ACTIVE unless set. */
  readonly status: string;
}

export const zoneSettings = (z: TfResource): ZoneSettings => ({
  address: z.address,
  name: str(z.attrs.name) ?? z.name,
  type: str(z.attrs.type),
  usage: str(z.attrs.usage) ?? 'POLICY',
  status: str(z.attrs.status) ?? 'ACTIVE',
});

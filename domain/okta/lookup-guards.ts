/**
 * Guards on what the stack looks up in an Okta org, as Terraform lifecycle postconditions: a lookup that finds
 * the wrong thing stops the plan instead of changing a stranger's object. Each guard is a condition (a Terraform
 * expression, `${...}` as the JSON syntax writes it; `self` is the looked-up object) and an error message that
 * says what to do. The constructs attach them, the conformance rule OKC-13 checks that each lookup carries its
 * guards, word for word. The attributes read are the okta provider's v4.20.0:
 * - okta_org_metadata `pipeline`: "idx" on the Identity Engine, "v1" on Classic (okta/data_source_okta_org_metadata.go
 *   :52-56, read at :122);
 * - okta_app `name`, `label`, `links` (the app's `_links` as JSON, accessPolicy among them)
 *   (okta/data_source_okta_app.go:47-61, read at :121-126);
 * - okta_app_signon_policy `id`, the policy its app_id's accessPolicy link names
 *   (okta/data_source_okta_app_signon_policy.go:36-52);
 * - okta_behavior `status` (:28-32, read at :77); its `name` is only what was asked for: the data source takes the
 *   first behaviour the name query returns, a partial match with a warning only (okta/data_source_okta_behavior.go
 *   :61-73), so the exact name is proven against okta_behaviors, which lists every match with its name
 *   (okta/data_source_okta_behaviors.go:17-55, :72-79).
 */
import { ADMIN_SURFACE_APP_NAMES, ADMIN_SURFACES, type AdminSurface } from './admin-surfaces';

/** One postcondition: the condition Terraform evaluates, and the message shown when it is false. */
export interface LookupGuard {
  /** A Terraform expression in JSON syntax: `${<expression>}`. */
  readonly condition: string;
  /** What is wrong and what to do (a Terraform template: `${` and `%{` are escaped). */
  readonly errorMessage: string;
}

/** The Identity Engine's authentication pipeline, as okta_org_metadata reads it. */
export const IDENTITY_ENGINE_PIPELINE = 'idx';

/** A string literal in a Terraform expression (inside `${...}`): quoted, escaped, no template sequences. */
export function hclString(value: string): string {
  return JSON.stringify(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/** Text for a Terraform template (an error message in JSON syntax is one): `${` and `%{` written literally. */
export function templateText(text: string): string {
  return text.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

const STOPPED = 'The plan stops here; nothing was changed.';

/** The org runs the Identity Engine: what every Okta resource of the stack waits for. */
export function identityEngineGuards(): LookupGuard[] {
  return [
    {
      condition: `\${self.pipeline == ${hclString(IDENTITY_ENGINE_PIPELINE)}}`,
      errorMessage:
        'This Okta org is not on the Identity Engine (okta_org_metadata.pipeline is not "idx"; "v1" is Classic). ' +
        'The stack manages Identity Engine policies (authentication policies, authenticator enrollment), which a ' +
        'Classic org refuses halfway through an apply. Upgrade the org to the Identity Engine, or point the ' +
        `provider (okta.orgName, okta.baseUrl) at an Identity Engine org. ${STOPPED}`,
    },
  ];
}

/** The app found by label is Okta's own first-party app of that surface, and active. */
export function firstPartyAppGuards(surface: AdminSurface): LookupGuard[] {
  const label = ADMIN_SURFACES[surface];
  const name = ADMIN_SURFACE_APP_NAMES[surface];
  return [
    {
      condition: `\${self.name == ${hclString(name)} && self.label == ${hclString(label)}}`,
      errorMessage: templateText(
        `The app found by the label "${label}" is not Okta's own ${label} (app name "${name}"): another app carries ` +
          'that label, or none matched it exactly. Rename the other app in Okta; the stack adds its rules only to ' +
          `the ${label}'s own authentication policy. ${STOPPED}`,
      ),
    },
  ];
}

/** The policy read is the one the app's accessPolicy link names: the app's own authentication policy. */
export function ownPolicyGuards(appAddress: string, surface: AdminSurface): LookupGuard[] {
  const label = ADMIN_SURFACES[surface];
  return [
    {
      condition: `\${try(basename(jsondecode(${appAddress}.links).accessPolicy.href), "") == self.id}`,
      errorMessage: templateText(
        `The policy read for the ${label} is not the one its accessPolicy link names (or the app has no ` +
          "authentication policy: not an Identity Engine org). The stack adds rules only to that app's own " +
          `policy; check the app in Okta (Applications > ${label} > Sign On). ${STOPPED}`,
      ),
    },
  ];
}

/**
 * The behaviour looked up by name is ACTIVE and named exactly so: `candidatesAddress` is an okta_behaviors data
 * source whose `q` is the same name.
 */
export function behaviorGuards(name: string, candidatesAddress: string): LookupGuard[] {
  return [
    {
      condition:
        `\${contains([for b in ${candidatesAddress}.behaviors : b.id if b.name == ${candidatesAddress}.q], ` +
        'self.id)}',
      errorMessage: templateText(
        `No Okta behaviour is named exactly "${name}": the lookup took one whose name only contains it. Create or ` +
          `rename the behaviour in Okta (Security > Behavior Detection), or correct the name in ` +
          `identity.mfa.behaviors. ${STOPPED}`,
      ),
    },
    {
      condition: `\${self.status == "ACTIVE"}`,
      errorMessage: templateText(
        `Okta behaviour "${name}" is not ACTIVE: a rule acting on it would never fire. Activate it in Okta ` +
          `(Security > Behavior Detection), or remove it from identity.mfa.behaviors. ${STOPPED}`,
      ),
    },
  ];
}

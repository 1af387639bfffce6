import { Construct, type IConstruct } from 'constructs';
import { dependable, TerraformDataSource, TerraformResource } from 'cdktf';
import { DataOktaOrgMetadata } from '@cdktf/provider-okta/lib/data-okta-org-metadata';
import { identityEngineGuards } from '../../domain/okta/lookup-guards';

/**
 * Proves the Okta org runs the Identity Engine before anything of the stack is read or written there: the org's
 * well-known metadata (okta_org_metadata, okta provider v4.20.0 okta/data_source_okta_org_metadata.go:52-56,
 * `pipeline` "idx" or "v1") is read with a postcondition, and `guard` makes every okta resource and data source
 * depend on it. A Classic org then fails the plan with a message saying what to do, instead of an apply that
 * creates groups and apps and stops at the first Identity Engine policy.
 */
export class OktaIdentityEngineCheck extends Construct {
  /** The okta_org_metadata data source with the `pipeline` postcondition. */
  readonly metadata: DataOktaOrgMetadata;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.metadata = new DataOktaOrgMetadata(this, 'Resource', {
      lifecycle: {
        postcondition: identityEngineGuards().map((g) => ({ condition: g.condition, errorMessage: g.errorMessage })),
      },
    });
  }

  /** Makes every okta_* resource and data source below `root` (but the check) depend on the check. */
  guard(root: IConstruct): void {
    const check = dependable(this.metadata);
    for (const c of root.node.findAll()) {
      if (c === this.metadata) continue;
      if (!(c instanceof TerraformResource || c instanceof TerraformDataSource)) continue;
      if (!c.terraformResourceType.startsWith('okta_')) continue;
      if (!(c.dependsOn ?? []).includes(check)) c.dependsOn = [...(c.dependsOn ?? []), check];
    }
  }
}

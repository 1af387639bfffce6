/**
 * The preflight: the live org, read-only, against the synthesized stack of one environment, before an
 * apply. First the org's engine (GET /.well-known/okta-organization, `pipeline: idx` = Identity Engine): a
 * Classic org is the one blocker there is to report, since the stack's policies are Identity Engine ones.
 * Then every check (checks/), each reading only the endpoints it needs, side by side. The imports it
 * proposes are those the stack already declares (still to be adopted) and the objects found to adopt.
 */
import { ReadModel } from '../../synthesized/read-model';
import type { StackModel } from '../../synthesized/model';
import { importIdProblem } from '../../domain/okta/ids';
import type { ImportBlock } from '../../domain/imports';
import { OrgError } from './api';
import { sortFindings, type Finding, type OrgReport } from './findings';
import type { ManagedIds } from './managed';
import type { LiveOrg } from './org';
import type { Check } from './checks/context';
import { passwordPolicy } from './checks/password-policy';
import { authenticatorInUse } from './checks/authenticator-in-use';
import { adminNotCovered, adminPolicyShared } from './checks/admins';
import { behaviors } from './checks/behaviors';
import { existsUnmanaged } from './checks/exists-unmanaged';
import { fastpassOff } from './checks/fastpass';

/** Every check but the engine's, in the order the issue lists the finding kinds. */
export const CHECKS: readonly Check[] = [
  passwordPolicy,
  authenticatorInUse,
  adminNotCovered,
  adminPolicyShared,
  behaviors,
  existsUnmanaged,
  fastpassOff,
];

export async function preflight(org: LiveOrg, model: StackModel, managed: ManagedIds): Promise<OrgReport> {
  const environment = model.environment ?? model.stackName;
  const organization = await org.organization();
  const base: Pick<OrgReport, 'environment' | 'org'> = { environment, org: org.api.origin };
  if (organization.pipeline !== 'idx') {
    const classic: Finding = {
      kind: 'classic-org',
      severity: 'blocker',
      subject: { type: 'org', name: organization._links?.organization?.href ?? org.api.origin, id: organization.id },
      message:
        `the org runs the Classic Engine (pipeline ${JSON.stringify(organization.pipeline ?? null)}), not the ` +
        'Identity Engine the stack is written for (authentication policies, authenticators, enrollment ' +
        'policies): the apply would fail or half-apply. Upgrade the org to Identity Engine first; nothing else ' +
        'was checked',
    };
    return { ...base, findings: [classic], imports: [] };
  }
  const context = { org, model, read: ReadModel.of(model), managed };
  const results = await Promise.all(CHECKS.map((check) => check(context)));
  const imports = uniqueImports(results.flatMap((r) => r.imports ?? []));
  return { ...base, findings: sortFindings(results.flatMap((r) => r.findings)), imports };
}

/** One import per address, sorted; an id the provider would not take is an error (nothing is written). */
function uniqueImports(imports: readonly ImportBlock[]): ImportBlock[] {
  const byAddress = new Map<string, ImportBlock>();
  for (const i of imports) {
    const why = importIdProblem(i.to.split('.')[0], i.id);
    if (why) throw new OrgError(`the org gave ${JSON.stringify(i.id)} as the id of ${i.to}: ${why}`);
    byAddress.set(i.to, i);
  }
  return [...byAddress.values()].sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
}

/**
 * What every preflight check gets: the live org (read lazily), the synthesized stack and its read model, and
 * the ids the stack's state already holds. A check returns findings, and the imports it proposes.
 */
import type { ImportBlock } from '../../../domain/imports';
import type { StackModel } from '../../../synthesized/model';
import type { ReadModel } from '../../../synthesized/read-model';
import type { Finding } from '../findings';
import type { ManagedIds } from '../managed';
import type { LiveOrg } from '../org';

export interface CheckContext {
  readonly org: LiveOrg;
  readonly model: StackModel;
  readonly read: ReadModel;
  /** Address -> id of what the stack's state holds (empty before the first apply). */
  readonly managed: ManagedIds;
}

export interface CheckResult {
  readonly findings: readonly Finding[];
  readonly imports?: readonly ImportBlock[];
}

export type Check = (ctx: CheckContext) => Promise<CheckResult>;

/** Names of the stack's resources of a type (the `name` attribute, or another). */
export const namesOf = (model: StackModel, type: string, attribute = 'name'): string[] =>
  model
    .resources(type)
    .filter((r) => r.mode === 'resource')
    .map((r) => r.attrs[attribute])
    .filter((v): v is string => typeof v === 'string');

import { Construct } from 'constructs';
import { Group } from '@cdktf/provider-okta/lib/group';
import { DataOktaEveryoneGroup } from '@cdktf/provider-okta/lib/data-okta-everyone-group';

/** A group this stack creates, or one that exists in the org already. */
export type OktaGroupSpec = { readonly name: string; readonly description: string } | { readonly existingId: string };

export interface OktaGroupsProps {
  /** Groups by key; keys are how apps, rules and rollout waves refer to them. */
  readonly groups: Readonly<Record<string, OktaGroupSpec>>;
  /**
   * Key that stands for Okta's built-in Everyone group (read with a data source when used).
   * @default 'everyone'
   */
  readonly everyoneKey?: string;
}

/** Resolves group keys to Okta group ids: what constructs that target groups need (OktaGroups implements it). */
export interface IGroupLookup {
  /** The key that stands for Okta's Everyone group. */
  readonly everyoneKey: string;
  /** Whether a key names a known group. */
  has(key: string): boolean;
  /** The declared group keys (without the Everyone key), named in error messages. @default - not listed */
  readonly declaredKeys?: readonly string[];
  /** The group id for a key (a Terraform reference or an existing id); throws for an unknown key. */
  idOf(key: string): string;
}

/**
 * The user groups the stack refers to: creates okta_group for declared groups and resolves existing
 * ones by id, so other constructs ask for a group by key and get a Terraform reference back.
 */
export class OktaGroups extends Construct implements IGroupLookup {
  /** okta_group resources created here, by key. */
  readonly created: Readonly<Record<string, Group>>;
  private readonly specs: Readonly<Record<string, OktaGroupSpec>>;
  /** The key that stands for Okta's Everyone group. */
  readonly everyoneKey: string;
  /** The declared group keys, in declaration order. */
  readonly declaredKeys: readonly string[];
  private everyone?: DataOktaEveryoneGroup;

  constructor(scope: Construct, id: string, props: OktaGroupsProps) {
    super(scope, id);
    this.specs = props.groups;
    this.everyoneKey = props.everyoneKey ?? 'everyone';
    this.declaredKeys = Object.keys(props.groups);
    const created: Record<string, Group> = {};
    for (const key of Object.keys(props.groups).sort()) {
      const spec = props.groups[key];
      if ('name' in spec) {
        // The group key is the construct id: renaming a key replaces the group.
        created[key] = new Group(this, key, { name: spec.name, description: spec.description });
      }
    }
    this.created = created;
  }

  /** The group id for a key (a Terraform reference, or the existing id). */
  idOf(key: string): string {
    if (key === this.everyoneKey) {
      this.everyone ??= new DataOktaEveryoneGroup(this, 'Everyone', {});
      return this.everyone.id;
    }
    const spec = this.specs[key];
    if (!spec) {
      throw new Error(
        `OktaGroups: unknown group key '${key}'; declared: ` + `${[this.everyoneKey, ...this.declaredKeys].join(', ')}`,
      );
    }
    return 'existingId' in spec ? spec.existingId : this.created[key].id;
  }

  /** Whether a key names a group known here. */
  has(key: string): boolean {
    return key === this.everyoneKey || key in this.specs;
  }
}

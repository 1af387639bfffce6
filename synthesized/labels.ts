/**
 * How reviewers and the simulator name resources of a synthesized stack: groups by name, apps by label,
 * routes by key, anything else by its construct path.
 */
import { show, stringList, type Json, type StackModel, type TfResource } from './model';
import { str } from './facts';

/** How reviewers name resources: groups by name, apps by label, routes by key. */
export class Labels {
  constructor(readonly model: StackModel) {}

  /** A human name for a resource. */
  of(r: TfResource): string {
    if (r.type === 'okta_everyone_group') return 'Everyone';
    const a = r.attrs;
    if (r.type === 'okta_app_group_assignments') {
      const app = this.model.resolve(a.app_id)?.target;
      if (app && app !== r) return `groups of ${this.of(app)}`;
    }
    if (r.type === 'okta_app_signon_policy' && r.mode === 'data') {
      // A looked-up policy (Okta's Admin Console): named after its app.
      const app = this.model.resolve(a.app_id)?.target;
      if (app && app !== r) return `authentication policy of ${this.of(app)}`;
    }
    return str(a.label) ?? str(a.route_key) ?? str(a.function_name) ?? str(a.name) ?? str(a.origin) ?? logicalPath(r);
  }

  /** The labels of what a value refers to; literal strings are kept as they are. */
  names(value: Json | undefined): string[] {
    return stringList(Array.isArray(value) ? value : value === undefined ? [] : [value]).map((s) => this.name(s));
  }

  name(value: string): string {
    const hit = this.model.resolve(value);
    if (hit?.target) return this.of(hit.target);
    return show(value);
  }
}

/** The construct path without the stack name and a trailing `/Resource`. */
export function logicalPath(r: TfResource): string {
  let path = LOGICAL_PATHS.get(r);
  if (path === undefined) {
    path = r.constructPath
      ? r.constructPath
          .split('/')
          .slice(1)
          .join('/')
          .replace(/\/Resource$/, '') || r.address
      : r.address;
    LOGICAL_PATHS.set(r, path);
  }
  return path;
}
/** Worked out once per resource: the review and the matrix ask for it many times. */
const LOGICAL_PATHS = new WeakMap<TfResource, string>();

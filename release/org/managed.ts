/**
 * What the stack already manages in the org: the Okta ids its Terraform state holds, by address. Read from a
 * state file (`terraform state pull`) or the JSON of `terraform show -json`; only addresses and ids are
 * kept (a state holds secrets: nothing else is read, nothing is printed). Without a state the preflight
 * assumes the first apply: nothing is managed yet.
 */
import { readJsonObject, RELEASE_JSON_LIMITS } from '../../domain/read-json';

/** Address -> the id of the object the state holds for it. */
export type ManagedIds = ReadonlyMap<string, string>;

export function readManagedIds(file: string): ManagedIds {
  const json = readJsonObject(file, RELEASE_JSON_LIMITS, (why) => new Error(`--state ${file}: ${why}`)) as any;
  const out = new Map<string, string>();
  if (json.version === 4 && Array.isArray(json.resources)) {
    // terraform state pull: resources[] with instances[].attributes.id
    for (const r of json.resources) {
      if (r?.mode !== 'managed' || r.module || typeof r.type !== 'string' || typeof r.name !== 'string') continue;
      const id = r.instances?.[0]?.attributes?.id;
      if (typeof id === 'string') out.set(`${r.type}.${r.name}`, id);
    }
    return out;
  }
  const resources = json.values?.root_module?.resources;
  if (Array.isArray(resources)) {
    // terraform show -json: values.root_module.resources[] with address and values.id
    for (const r of resources) {
      if (r?.mode === 'managed' && typeof r.address === 'string' && typeof r.values?.id === 'string')
        out.set(r.address, r.values.id);
    }
    return out;
  }
  if (json.format_version !== undefined && json.values === undefined) return out; // show -json of an empty state
  throw new Error(`--state ${file}: neither a Terraform state (terraform state pull) nor terraform show -json output`);
}

/** Test helpers for reading synthesized Terraform JSON; no cdktf, so a test that only reads output stays light. */

export type TfJson = {
  terraform: Record<string, any>;
  provider?: Record<string, any[]>;
  resource: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, any>;
};

/** Resources of a type as [name, attributes] pairs. */
export function resources(json: TfJson, type: string): [string, any][] {
  return Object.entries(json.resource[type] ?? {});
}

/** A `${type.name.attr}` reference string. */
export const ref = (type: string, name: string, attr: string) => `\${${type}.${name}.${attr}}`;

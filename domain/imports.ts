/**
 * The adoption file of an environment, `config/imports/<env>.json`: existing objects the stack takes over
 * instead of creating (one Terraform `import` block each, Terraform >= 1.5). `npm run preflight --
 * --write-imports` writes it; synthesis reads it (config/imports.ts parses, stacks/imports.ts turns each entry
 * into an `import` block for the resource at that address). Written sorted, so a rerun that finds the same objects
 * writes the same bytes.
 */

/** One adoption: the Terraform address of a resource of the stack, and the id of the existing object. */
export interface ImportBlock {
  /** `<type>.<name>`, e.g. `okta_group.Groups_api-admins_3854545A`. */
  readonly to: string;
  /** The provider's import id (for the okta types this project adopts: the Okta object id). */
  readonly id: string;
}

/** Where the adoption files live, relative to the project root. */
export const IMPORTS_DIR = 'config/imports';

/** The file of one environment, relative to the project root. */
export const importsFile = (environment: string): string => `${IMPORTS_DIR}/${environment}.json`;

/** A Terraform resource address as the stack's resources have them (no module, no index). */
export const RESOURCE_ADDRESS = /^[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*$/;

/** The file's text: the environment and its imports, sorted by address. */
export function importsFileText(environment: string, imports: readonly ImportBlock[]): string {
  const sorted = [...imports]
    .map(({ to, id }) => ({ to, id }))
    .sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return `${JSON.stringify({ environment, imports: sorted }, null, 2)}\n`;
}

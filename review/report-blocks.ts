/**
 * What a posture report is made of: sections of text lines, tables and the diagram, rendered alike as markdown
 * and HTML (review/report.ts). Each section is built by one function of its own (report-sections.ts,
 * report-security.ts), so a new question a reader asks is a new function and one line in the report's order.
 */
import type { Graph } from './diagram';

export type Table = { readonly headers: readonly string[]; readonly rows: readonly (readonly string[])[] };
export type Block = { readonly text: string } | { readonly table: Table } | { readonly diagram: Graph };

export interface Section {
  readonly title: string;
  readonly blocks: readonly Block[];
}

/** A section with one table, or a line saying why there is none. */
export function tableSection(title: string, table: Table, none: string, intro?: string): Section {
  const lead = intro ? [{ text: intro }] : [];
  return { title, blocks: table.rows.length ? [...lead, { table }] : [...lead, { text: none }] };
}

/** `1`, or `last` for a rule whose priority is unset (Okta appends it). */
export const priorityText = (p: number | undefined): string => (p === undefined ? 'last' : String(p));

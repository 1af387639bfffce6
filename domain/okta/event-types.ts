/**
 * Okta's System Log event-type catalogue, vendored as data (`event-types.tsv` beside this file, with
 * its header naming the release and the source). Every event type the project watches is checked
 * against it: a name Okta never logs, or one only Classic orgs log, would make a rule that never fires.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OktaEventType {
  /** The `eventType` value, e.g. `policy.rule.add`. */
  readonly id: string;
  /** Okta's category of the event. */
  readonly category: string;
  /** Marked beta in the catalogue. */
  readonly beta: boolean;
  /** Marked internal in the catalogue. */
  readonly internal: boolean;
  /** The release it first appeared in. */
  readonly released: string;
  /** Logged only by Classic (V1 API) orgs, never by Identity Engine. */
  readonly classicOnly: boolean;
}

export interface OktaEventCatalogue {
  /** The catalogue release, from the file's header (e.g. `2026.08.1`). */
  readonly release: string;
  /** Every event type by id. */
  readonly types: ReadonlyMap<string, OktaEventType>;
}

const COLUMNS = ['id', 'category', 'beta', 'internal', 'released', 'note'];

/** Parses the catalogue's TSV text; throws on a malformed file, naming the line. */
export function parseEventCatalogue(text: string): OktaEventCatalogue {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const release = /catalogue release ([0-9.]+)/.exec(lines[0] ?? '')?.[1];
  if (!release) throw new Error('event-types.tsv: the first line names no catalogue release');
  const rows = lines.filter((l) => !l.startsWith('#'));
  if (rows[0] !== COLUMNS.join('\t')) throw new Error(`event-types.tsv: expected the header ${COLUMNS.join(', ')}`);
  const types = new Map<string, OktaEventType>();
  rows.slice(1).forEach((row, i) => {
    const [id, category, beta, internal, released, note, ...rest] = row.split('\t');
    if (!id || rest.length > 0 || note === undefined)
      throw new Error(`event-types.tsv: data row ${i + 1} does not have ${COLUMNS.length} columns`);
    types.set(id, {
      id,
      category,
      beta: beta === 'true',
      internal: internal === 'true',
      released,
      classicOnly: note === 'classic-only',
    });
  });
  return { release, types };
}

let loaded: OktaEventCatalogue | undefined;

/** The vendored catalogue (read once). */
export function oktaEventCatalogue(): OktaEventCatalogue {
  loaded ??= parseEventCatalogue(readFileSync(join(__dirname, 'event-types.tsv'), 'utf8'));
  return loaded;
}

/** Why `eventType` cannot be watched in an Identity Engine org, or undefined when it can. */
export function eventTypeProblem(
  eventType: string,
  catalogue: OktaEventCatalogue = oktaEventCatalogue(),
): string | undefined {
  const known = catalogue.types.get(eventType);
  if (!known) return `'${eventType}' is not an Okta System Log event type (catalogue release ${catalogue.release})`;
  if (known.classicOnly) {
    const where = `catalogue release ${catalogue.release}`;
    return `'${eventType}' is logged only by Classic orgs, never by Identity Engine (${where})`;
  }
  return undefined;
}

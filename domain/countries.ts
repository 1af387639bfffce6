/**
 * ISO 3166-1 alpha-2 country codes, vendored as data (`iso-3166-1.tsv` beside this file, whose header names
 * its source): the codes Okta's network zones accept as locations. Codes that look like countries but are
 * not officially assigned (UK, EU, XK, ...) are refused with what to use instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let loaded: ReadonlySet<string> | undefined;

/** The officially assigned codes, read once from iso-3166-1.tsv. */
export function countryCodes(): ReadonlySet<string> {
  if (loaded) return loaded;
  const rows = readFileSync(join(__dirname, 'iso-3166-1.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (rows[0] !== 'code\tname') throw new Error('iso-3166-1.tsv: expected the header code, name');
  loaded = new Set(rows.slice(1).map((r) => r.split('\t')[0]));
  return loaded;
}

/**
 * Codes people write for a country that ISO 3166-1 does not assign (exceptionally or transitionally
 * reserved, or user-assigned), with what to write instead.
 */
const NOT_ASSIGNED: Readonly<Record<string, string>> = {
  UK: 'the United Kingdom is GB',
  EU: 'the European Union is not a country: list its members',
  XK: 'Kosovo has no ISO 3166-1 code (XK is user-assigned)',
  FX: 'metropolitan France is FR',
  SU: 'the Soviet Union was withdrawn: use RU and the other successor states',
  YU: 'Yugoslavia was withdrawn: use RS, ME, BA, HR, SI, MK',
  CS: 'Serbia and Montenegro was withdrawn: use RS and ME',
  AN: 'the Netherlands Antilles were withdrawn: use CW, SX, BQ',
  TP: 'East Timor is TL',
  ZR: 'Zaire is CD',
};

/** Why `code` is not an officially assigned ISO 3166-1 alpha-2 code, or undefined when it is one. */
export function iso3166Problem(code: string): string | undefined {
  if (countryCodes().has(code)) return undefined;
  const hint = NOT_ASSIGNED[code];
  return (
    `${JSON.stringify(code)} is not an officially assigned ISO 3166-1 alpha-2 country code` +
    `${hint ? ` (${hint})` : ''}; allowed: one of the ${countryCodes().size} codes in domain/iso-3166-1.tsv`
  );
}

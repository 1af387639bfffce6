/**
 * Reads a JSON file handed to a command (a synthesized stack, a release manifest, a convergence record, a
 * Terraform plan or state) so that anything but a regular file of sane size and depth holding a JSON object
 * is an error naming the file, never a hang (a link to /dev/zero, a pipe), a crash or a silent misread.
 */
import { lstatSync, readFileSync, statSync } from 'node:fs';
import { tooDeepAt } from './nesting';

export interface ReadJsonLimits {
  /** Largest file read. */
  readonly maxBytes: number;
  /** Deepest nesting (JSON inside strings included). */
  readonly maxDepth: number;
  /** Refuse a symbolic link even to a regular file (what synth writes is never a link). @default false */
  readonly refuseLinks?: boolean;
}

/** The JSON object in `file`; `fail` turns the reason into the error thrown (it names the file). */
export function readJsonObject(
  file: string,
  limits: ReadJsonLimits,
  fail: (why: string) => Error = (why) => new Error(`${file}: ${why}`),
): Record<string, unknown> {
  if (limits.refuseLinks && lstatSync(file).isSymbolicLink()) {
    throw fail('it is a symbolic link, and synth writes only regular files');
  }
  let stat;
  try {
    stat = statSync(file);
  } catch (e) {
    throw fail(`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!stat.isFile()) throw fail('it is not a regular file (a directory, device or pipe)');
  if (stat.size > limits.maxBytes) throw fail(`${stat.size} bytes is over the limit of ${limits.maxBytes}`);
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') throw fail('the file is empty');
  if (text.charCodeAt(0) === 0xfeff) throw fail('the file starts with a byte-order mark');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw fail(`not valid JSON (truncated?): ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw fail(`the top level is ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed}`);
  }
  const deep = tooDeepAt(parsed, limits.maxDepth);
  if (deep) throw fail(`${deep} is nested deeper than the limit of ${limits.maxDepth} levels`);
  return parsed as Record<string, unknown>;
}

/** Limits for the release files (manifests, records, plans, states): generous, still bounded. */
export const RELEASE_JSON_LIMITS: ReadJsonLimits = { maxBytes: 256 * 1024 * 1024, maxDepth: 128 };

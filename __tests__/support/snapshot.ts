/**
 * The reviewable stack snapshot: one entry per Terraform block (the `terraform` block, each provider,
 * data source, resource and output), keyed by its address, each the block's JSON with sorted keys and
 * JSON strings (IAM policies, the dashboard, sign-on constraints) expanded. A config change then shows in the
 * snapshot diff as the changed lines of the blocks it touches only.
 */
import type { EnvironmentName } from '../../config/schema';
import { stackName } from '../../domain/stack-names';
import { stackJson } from './fixture';
import type { TfJson } from './tf-json';

/** The key that marks a string holding JSON, shown expanded (policies, dashboards, sign-on constraints). */
export const JSON_STRING = '(JSON string)';

/**
 * A string of compact JSON, expanded under JSON_STRING so that a change shows on its own line. Only
 * when it round-trips exactly (the snapshot stays lossless); its keys keep their order.
 */
function expanded(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return JSON.stringify(parsed) === value ? { [JSON_STRING]: layout(parsed, false) } : value;
  } catch {
    return value;
  }
}

/** The snapshot layout of a value: JSON strings expanded, object keys sorted where `sort` (arrays keep order). */
function layout(value: unknown, sort = true): unknown {
  if (typeof value === 'string') return expanded(value);
  if (Array.isArray(value)) return value.map((v) => layout(v, sort));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (sort) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, layout(v, sort)]));
}

/** A block's snapshot text: its JSON in the snapshot layout, two spaces of indentation. */
export const blockText = (block: unknown): string => JSON.stringify(layout(block), null, 2);

/** Every block of a stack as [address, text], sorted by address (`//` metadata is not part of it). */
export function snapshotEntries(json: TfJson): [address: string, text: string][] {
  const blocks: [string, unknown][] = [['terraform', json.terraform]];
  for (const [name, config] of Object.entries(json.provider ?? {})) blocks.push([`provider.${name}`, config]);
  for (const [type, byName] of Object.entries(json.data ?? {})) {
    for (const [name, config] of Object.entries(byName)) blocks.push([`data.${type}.${name}`, config]);
  }
  for (const [type, byName] of Object.entries(json.resource)) {
    for (const [name, config] of Object.entries(byName)) blocks.push([`${type}.${name}`, config]);
  }
  for (const [name, config] of Object.entries(json.output ?? {})) blocks.push([`output.${name}`, config]);
  return blocks
    .map(([address, block]): [string, string] => [address, blockText(block)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The lines a line diff (through the longest common subsequence) removes from `before` and adds in `after`. */
export function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  // common[i][j]: length of the longest common subsequence of a[i..] and b[j..]
  const common = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const removed: string[] = [];
  const added: string[] = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) [i, j] = [i + 1, j + 1];
    else if (j < b.length && (i === a.length || common[i][j + 1] >= common[i + 1][j])) added.push(b[j++]);
    else removed.push(a[i++]);
  }
  return { removed, added };
}

/**
 * The snapshot of one default environment: a test fixing the list of addresses (so a block that
 * appears or disappears fails), and one test per block, named by its address.
 */
export function describeStackSnapshot(env: EnvironmentName): void {
  const entries = snapshotEntries(stackJson(env));
  describe(stackName(env), () => {
    test('has exactly the snapshotted blocks', () => {
      expect(entries.map(([address]) => address)).toMatchSnapshot();
    });
    test.each(entries)('%s', (_address, text) => {
      expect(text).toMatchSnapshot();
    });
  });
}

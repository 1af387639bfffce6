/**
 * A small typed model of one synthesized stack (cdk.tf.json), shared by the guardrails and the review.
 * What ships is what is checked: everything here is read from the synthesized Terraform JSON, never
 * from the config or the constructs.
 */
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readDeclarations, type Declarations } from './declarations';
import { isObject, strings, type Attrs, type Json } from './json';
import { refuseStaleStacks } from './stale-stacks';
import { MAX_JSON_DEPTH, MAX_STACK_FILE_BYTES } from './limits';
import { readJsonObject } from '../domain/read-json';

export type { Declarations, RecordedSuppression } from './declarations';

export { attr, isObject, strings, stringList, type Attrs, type Json } from './json';

/** A resource or data source of the stack. */
export interface TfResource {
  /** `resource` or `data`. */
  readonly mode: 'resource' | 'data';
  /** Terraform type, e.g. `aws_apigatewayv2_route`. */
  readonly type: string;
  /** Terraform name (cdktf logical id). */
  readonly name: string;
  /** Terraform address: `type.name`, or `data.type.name`. */
  readonly address: string;
  /** The construct path cdktf recorded, e.g. `identity-gateway-prod/Gateway/Routes/GET --me`. */
  readonly constructPath?: string;
  /** Attributes as synthesized, without cdktf's `//` metadata. */
  readonly attrs: Attrs;
}

/** A `${...}` reference to another resource's attribute. */
export interface TfReference {
  readonly mode: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  /** Address of the referenced resource. */
  readonly address: string;
  /** Attribute path after the resource, e.g. `issuer` or `audiences`. */
  readonly attribute: string;
  /** The whole expression inside `${...}`, e.g. `tolist(okta_auth_server.x.audiences)`. */
  readonly expression: string;
}

const REF = new RegExp(
  /(?<![\w.])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)\./.source +
    /([A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])?(?:\.[A-Za-z_][A-Za-z0-9_]*)*)/.source,
  'g',
);
const INTERPOLATION = /\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g;

export class StackModel {
  /** Resources (and data sources) by address. */
  readonly byAddress: ReadonlyMap<string, TfResource>;
  private readonly byType = new Map<string, TfResource[]>();
  private readonly referrerIndex = new Map<string, Map<string, TfResource[]>>();
  private declared?: Declarations;

  constructor(
    /** Stack name, e.g. `identity-gateway-prod`. */
    readonly stackName: string,
    /** The raw synthesized JSON. */
    readonly json: { readonly [key: string]: Json },
  ) {
    const all = new Map<string, TfResource>();
    const add = (mode: 'resource' | 'data', block: Json | undefined) => {
      if (!isObject(block)) return;
      for (const type of Object.keys(block).sort()) {
        const instances = block[type];
        if (!isObject(instances)) continue;
        for (const name of Object.keys(instances).sort()) {
          const raw = instances[name];
          if (!isObject(raw)) continue;
          const { ['//']: meta, ...attrs } = raw;
          const metadata = isObject(meta) && isObject(meta.metadata) ? meta.metadata : undefined;
          const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
          const r: TfResource = {
            mode,
            type,
            name,
            address,
            constructPath: typeof metadata?.path === 'string' ? metadata.path : undefined,
            attrs,
          };
          all.set(address, r);
          const list = this.byType.get(type) ?? [];
          list.push(r);
          this.byType.set(type, list);
        }
      }
    };
    add('resource', json.resource);
    add('data', json.data);
    this.byAddress = all;
  }

  /** Loads one stack from its cdk.tf.json. */
  static fromFile(file: string, stackName: string): StackModel {
    return new StackModel(stackName, readStackJson(file));
  }

  /**
   * Loads every stack under a synth output directory: `<dir>/stacks/<stack>/cdk.tf.json` (a cdktf.out),
   * `<dir>/<stack>/cdk.tf.json`, or a single `<dir>/cdk.tf.json`. Sorted by stack name.
   */
  static loadDir(dir: string): StackModel[] {
    const direct = join(dir, 'cdk.tf.json');
    if (existsSync(direct)) return [StackModel.fromFile(direct, stackNameFrom(direct, dir))];
    const root = existsSync(join(dir, 'stacks')) ? join(dir, 'stacks') : dir;
    if (!existsSync(root)) throw new Error(`No synthesized stacks: ${dir} does not exist (run npm run synth first)`);
    if (!statSync(root).isDirectory()) throw new Error(`${dir} is a file: give the synth output directory`);
    const dirs = readdirSync(root).filter((d) => statSync(join(root, d), { throwIfNoEntry: false })?.isDirectory());
    const link = dirs.find((d) => lstatSync(join(root, d)).isSymbolicLink());
    if (link) throw new Error(`${join(root, link)} is a symbolic link: synth writes only real directories`);
    const [found, bare] = [true, false].map((has) =>
      dirs.filter((d) => existsSync(join(root, d, 'cdk.tf.json')) === has),
    );
    if (found.length === 0) {
      throw new Error(
        `No synthesized stacks under ${dir}: no cdk.tf.json there nor in stacks/<stack>/ (run npm run synth)`,
      );
    }
    refuseStaleStacks(dir, root, dirs);
    if (bare.length > 0) {
      const where = join(root, bare.sort()[0]);
      throw new Error(`Stack directory ${where} has no cdk.tf.json (a failed or HCL-only synth?): run npm run synth`);
    }
    return found.sort().map((d) => StackModel.fromFile(join(root, d, 'cdk.tf.json'), d));
  }

  /** Resources of a type (managed resources and data sources), sorted by name. */
  resources(type: string): readonly TfResource[] {
    return this.byType.get(type) ?? [];
  }

  /** Whether the stack has any resource of the type. */
  has(type: string): boolean {
    return this.resources(type).length > 0;
  }

  get(address: string): TfResource | undefined {
    return this.byAddress.get(address);
  }

  /** All resources, sorted by address. */
  all(): readonly TfResource[] {
    return [...this.byAddress.values()].sort((a, b) => cmp(a.address, b.address));
  }

  /** The environment the stack declares (undefined for JSON that carries no declarations). */
  get environment(): string | undefined {
    return this.declarations.environment;
  }

  /** `terraform` block: backend, required_providers. */
  get terraform(): Attrs {
    return isObject(this.json.terraform) ? this.json.terraform : {};
  }

  /** The backend type and its settings, or undefined when the stack declares none. */
  get backend(): { readonly type: string; readonly settings: Attrs } | undefined {
    const b = this.terraform.backend;
    if (!isObject(b)) return undefined;
    const type = Object.keys(b)[0];
    return type ? { type, settings: isObject(b[type]) ? (b[type] as Attrs) : {} } : undefined;
  }

  /** Provider configurations by provider name (each a list, as Terraform JSON has it). */
  providers(name: string): readonly Attrs[] {
    const p = isObject(this.json.provider) ? this.json.provider[name] : undefined;
    if (Array.isArray(p)) return p.filter(isObject);
    return isObject(p) ? [p] : [];
  }

  /** What the stack declares beyond its resources (synthesized/declarations.ts), read once. */
  get declarations(): Declarations {
    return (this.declared ??= readDeclarations(this.stackName, this.json));
  }

  /**
   * The stack's Terraform `import` blocks (`import: [{ to, id }]`, stacks/imports.ts): what the
   * first plan adopts from the provider instead of creating.
   */
  get imports(): readonly { readonly to: string; readonly id: string }[] {
    const blocks = Array.isArray(this.json.import) ? this.json.import : [];
    return blocks
      .flatMap((b) => (isObject(b) && typeof b.to === 'string' && typeof b.id === 'string' ? [b] : []))
      .map((b) => ({ to: b.to as string, id: b.id as string }));
  }

  /** Outputs by name. */
  get outputs(): { readonly [name: string]: Attrs } {
    const o = this.json.output;
    if (!isObject(o)) return {};
    return Object.fromEntries(Object.entries(o).filter(([, v]) => isObject(v))) as { [name: string]: Attrs };
  }

  /** Every reference in a value (string, list or object), in order. */
  references(value: Json | undefined): TfReference[] {
    if (typeof value === 'string') return [...referencesIn(value)];
    return strings(value).flatMap((s) => referencesIn(s));
  }

  /** The first reference in a value, with the resource it points to (if that resource is in the stack). */
  resolve(value: Json | undefined): { readonly ref: TfReference; readonly target?: TfResource } | undefined {
    const ref = this.references(value)[0];
    return ref ? { ref, target: this.get(ref.address) } : undefined;
  }

  /** Resources of `type` whose attribute `attr` references `target` (e.g. routes of an API). */
  referrers(type: string, attr: string, target: TfResource): readonly TfResource[] {
    // Indexed once per (type, attribute): rules ask this for every API, log group and policy, and a
    // linear scan per question grows with the square of the stack.
    const key = `${type}\0${attr}`;
    let index = this.referrerIndex.get(key);
    if (!index) {
      index = new Map();
      for (const r of this.resources(type)) {
        for (const address of new Set(this.references(r.attrs[attr]).map((x) => x.address))) {
          const list = index.get(address) ?? [];
          list.push(r);
          index.set(address, list);
        }
      }
      this.referrerIndex.set(key, index);
    }
    return index.get(target.address) ?? [];
  }
}

/**
 * References inside one string, parsed once per distinct string: a synthesized stack repeats the same
 * `${aws_apigatewayv2_api.x.id}` on every route, integration and permission.
 */
const parsedReferences = new Map<string, readonly TfReference[]>();
function referencesIn(s: string): readonly TfReference[] {
  const cached = parsedReferences.get(s);
  if (cached) return cached;
  const out: TfReference[] = [];
  if (s.includes('${')) {
    for (const m of s.matchAll(INTERPOLATION)) {
      const expression = m[1];
      for (const r of expression.matchAll(REF)) {
        const mode = r[1] ? 'data' : 'resource';
        const [type, name, attribute] = [r[2], r[3], r[4]];
        if (
          mode === 'resource' &&
          ['var', 'local', 'module', 'path', 'each', 'count', 'self', 'terraform'].includes(type)
        )
          continue;
        const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
        out.push({ mode, type, name, address, attribute, expression });
      }
    }
  }
  parsedReferences.set(s, out);
  return out;
}

/** Whether a value contains a Terraform interpolation. */
export function isReference(value: Json | undefined): boolean {
  return strings(value).some((s) => s.includes('${'));
}

/** Renders a value for a finding or a review line, references shown by what they point to. */
export function show(value: Json | undefined): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string') return value.replace(INTERPOLATION, (_, e: string) => `<${e}>`);
  return JSON.stringify(value, (_, v) =>
    typeof v === 'string' ? v.replace(INTERPOLATION, (_m: string, e: string) => `<${e}>`) : v,
  );
}

function stackNameFrom(file: string, dir: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 2] || dir;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A cdk.tf.json as an object; empty, truncated, BOM-prefixed or non-object JSON is an error naming the file. */
function readStackJson(file: string): { [key: string]: Json } {
  const fail = (why: string) => new Error(`${file}: ${why}; expected a Terraform JSON object (run npm run synth)`);
  const limits = { maxBytes: MAX_STACK_FILE_BYTES, maxDepth: MAX_JSON_DEPTH, refuseLinks: true };
  return readJsonObject(file, limits, fail) as { [key: string]: Json };
}

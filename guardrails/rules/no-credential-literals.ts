import { defineRule, verdict, type RuleFinding } from '../rule';
import { isObject, type Json } from '../../synthesized/model';
import { CREDENTIAL_PATTERNS } from '../../synthesized/facts';

/** Where a string sits in the synthesized JSON, as an address for findings. */
function walk(value: Json, path: string[], visit: (s: string, path: string[]) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, String(i)], visit));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) if (k !== '//') walk(v, [...path, k], visit);
}

function addressOf(path: string[]): string {
  if (path[0] === 'resource') return `${path[1]}.${path[2]}`;
  if (path[0] === 'data') return `data.${path[1]}.${path[2]}`;
  if (path[0] === 'provider') return `provider.${path[1]}`;
  if (path[0] === 'output') return `output.${path[1]}`;
  return path.slice(0, 2).join('.');
}

export default defineRule({
  id: 'ST-05',
  name: 'no-credential-literals',
  severity: 'error',
  title: 'No credential-looking literal anywhere in the synthesized output',
  why:
    'The synthesized JSON is committed in snapshots, uploaded as CI ' +
    'artifacts and shown in plans: a key or token in it is a leaked key.',
  source: 'CKV_SECRET_2 / CKV_SECRET_6 (secrets in IaC); OWASP API8:2023',
  fix: 'Read credentials from the environment at deploy time; never put them in config.',
  check: (stack) => {
    const f: RuleFinding[] = [];
    walk(stack.json as Json, [], (s, path) => {
      // Public JWKs of private_key_jwt clients are public by design.
      if (path.includes('jwks')) return;
      const hit = CREDENTIAL_PATTERNS.find(([, p]) => p.test(s));
      if (hit)
        f.push({ address: addressOf(path), message: `${path.slice(3).join('.') || path.join('.')} holds ${hit[0]}` });
    });
    return verdict(f);
  },
});

import { defineRule, each, on, type RuleFinding } from '../rule';
import { isObject, type Json } from '../../synthesized/model';
import { constraintsOf } from '../../synthesized/facts';
import { KNOWLEDGE_TYPES, POSSESSION_LEVEL_KEYS, POSSESSION_TYPES } from '../../domain/okta/sign-on-constraints';
import { AUTHENTICATOR_LIST, OKTA_AUTHENTICATOR_KEYS, weakestFirst } from '../../domain/okta/authenticators';

const LEVEL_KEYS: readonly string[] = POSSESSION_LEVEL_KEYS;
const COMMON_KEYS = [
  'types',
  'methods',
  'reauthenticateIn',
  'required',
  'authenticationMethods',
  'excludedAuthenticationMethods',
];
const KEYS: Record<string, string[]> = { possession: [...COMMON_KEYS, ...LEVEL_KEYS], knowledge: COMMON_KEYS };
const TYPES: Record<string, readonly string[]> = { possession: POSSESSION_TYPES, knowledge: KNOWLEDGE_TYPES };
/** Okta's method types (a class's `methods`), the authenticators' weakest first. */
const METHODS = [...new Set(weakestFirst(AUTHENTICATOR_LIST).flatMap((a) => a.methods))];
const DURATION = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

function problems(klass: string, value: Json): string[] {
  if (!isObject(value)) return [`${klass} is not an object`];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const path = `${klass}.${k}`;
    if (!KEYS[klass].includes(k)) out.push(`unknown key ${path} (Okta ignores it silently)`);
    else if (LEVEL_KEYS.includes(k) && v !== 'REQUIRED' && v !== 'OPTIONAL')
      out.push(`${path} = ${JSON.stringify(v)}; allowed: REQUIRED, OPTIONAL`);
    else if (
      k === 'types' &&
      !(
        Array.isArray(v) &&
        v.length > 0 &&
        v.every((t) => typeof t === 'string' && TYPES[klass].includes(t.toLowerCase()))
      )
    ) {
      out.push(`${path} = ${JSON.stringify(v)}; allowed: ${TYPES[klass].join(', ')}`);
    } else if (
      k === 'methods' &&
      !(Array.isArray(v) && v.every((m) => typeof m === 'string' && METHODS.includes(m.toLowerCase())))
    ) {
      out.push(`${path} = ${JSON.stringify(v)}; allowed: ${METHODS.join(', ')}`);
    } else if (k === 'reauthenticateIn' && !(typeof v === 'string' && DURATION.test(v)))
      out.push(`${path} = ${JSON.stringify(v)} is not an ISO 8601 duration such as PT2H`);
    else if (k === 'required' && typeof v !== 'boolean')
      out.push(`${path} = ${JSON.stringify(v)}; expected true or false`);
    else if (k === 'authenticationMethods' || k === 'excludedAuthenticationMethods') {
      const list = Array.isArray(v) ? v : [];
      if (!Array.isArray(v)) out.push(`${path} is not a list`);
      for (const m of list) {
        if (!isObject(m) || typeof m.key !== 'string' || !OKTA_AUTHENTICATOR_KEYS.includes(m.key))
          out.push(`${path} entry ${JSON.stringify(m)} names no known authenticator key`);
        else
          for (const mk of Object.keys(m))
            if (!['key', 'id', 'method', 'userVerification'].includes(mk)) out.push(`unknown key ${path}.${mk}`);
      }
    }
  }
  return out;
}

export default defineRule({
  id: 'MFA-04',
  name: 'signon-constraints-known',
  severity: 'error',
  title: 'App sign-on rule constraints are valid JSON using only keys and values Okta knows',
  why:
    'Okta silently ignores a key it does not know: `posession` or `phishingResistent` ' +
    'turns "phishing-resistant required" into "anything goes" and nothing fails.',
  source:
    'Okta API: AccessPolicyConstraint (knowledge, possession); ' +
    'okta provider docs: okta_app_signon_policy_rule constraints',
  fix: 'Build constraints with the typed constraint builder (domain/okta/sign-on-constraints.ts), never by hand.',
  check: (stack) =>
    each(stack.resources('okta_app_signon_policy_rule'), (rule) => {
      const f: RuleFinding[] = [];
      constraintsOf(rule).forEach((c, i) => {
        if (!c.value) return f.push(on(rule, `constraint ${i + 1} ${c.error}`));
        const keys = Object.keys(c.value);
        if (keys.length === 0) f.push(on(rule, `constraint ${i + 1} is empty: it allows anything`));
        for (const k of keys) {
          if (!(k in KEYS))
            f.push(
              on(
                rule,
                `constraint ${i + 1}: unknown class '${k}' (allowed: knowledge, possession; Okta ignores it silently)`,
              ),
            );
          else problems(k, c.value[k]).forEach((p) => f.push(on(rule, `constraint ${i + 1}: ${p}`)));
        }
        return undefined;
      });
      return f;
    }),
});

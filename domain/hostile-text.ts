/**
 * What a config string may not carry, beyond invisible characters (domain/text.ts): text that Terraform
 * would evaluate, control characters, look-alike letters from another script, broken Unicode, and lengths
 * no name or label has. Each is a copy-paste accident or an attack that the plan, Okta's console and a
 * review would all show as harmless-looking text.
 */
import { hiddenCharacter } from './text';

/** Longest string a config may hold (an RSA-8192 JWK modulus is 1,366 characters). */
export const MAX_CONFIG_STRING = 2048;

/** `${` (interpolation) and `%{` (template directive): Terraform evaluates both in every string it reads. */
const TERRAFORM_TEMPLATE = /[$%]\{/;
/** C0 and C1 control characters (newline, tab, NUL, escape, DEL included). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
/** A UTF-16 surrogate without its pair: not a character at all, and mangled differently by each tool. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Full-width forms of ASCII (`Ｐortal`): look like Latin letters, compare unequal. */
const FULL_WIDTH = /[\uFF01-\uFF5E]/u;

const code = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The scripts a word's letters come from, among those whose letters look alike. */
function confusableScripts(word: string): string[] {
  const scripts = [
    ['Latin', /\p{Script=Latin}/u],
    ['Cyrillic', /\p{Script=Cyrillic}/u],
    ['Greek', /\p{Script=Greek}/u],
  ] as const;
  return scripts.filter(([, re]) => re.test(word)).map(([name]) => name);
}

/** Why `value` may not be in a config, or undefined when it is fine. Never repeats the value itself. */
export function textProblem(value: string): string | undefined {
  if (value.length > MAX_CONFIG_STRING) {
    return `is ${value.length} characters long; at most ${MAX_CONFIG_STRING} (a paste accident?)`;
  }
  const template = TERRAFORM_TEMPLATE.exec(value);
  if (template) {
    return (
      `contains '${template[0]}', which Terraform evaluates as an expression in any string (it could read ` +
      'files or variables at plan time): remove it'
    );
  }
  const hidden = hiddenCharacter(value);
  if (hidden) return `contains the invisible or non-breaking character ${hidden}: retype the value with plain spaces`;
  const control = CONTROL.exec(value);
  if (control) return `contains the control character ${code(control[0])}: use one line of plain text`;
  if (LONE_SURROGATE.test(value)) return 'contains a broken Unicode character (an unpaired surrogate): retype it';
  const wide = FULL_WIDTH.exec(value);
  if (wide) return `contains the full-width character ${code(wide[0])}, a look-alike of ASCII: retype it in ASCII`;
  for (const word of value.split(/[^\p{L}\p{M}]+/u)) {
    const scripts = confusableScripts(word);
    if (scripts.length > 1) {
      return (
        `mixes ${scripts.join(' and ')} letters in the word '${word}': ` +
        'look-alike letters make a different name that reads the same; retype it'
      );
    }
  }
  return undefined;
}

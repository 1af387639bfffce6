/**
 * Characters a careless copy-paste brings into names and labels: invisible in an editor and a review,
 * but part of the value Okta and AWS store (two names that look equal are not).
 */

/** Zero-width, non-breaking, bidirectional-control and other invisible or look-alike space characters. */
const HIDDEN = /[\u00A0\u00AD\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF]/u;

/** The first hidden character in `value` as `U+XXXX`, or undefined when there is none. */
export function hiddenCharacter(value: string): string | undefined {
  const m = HIDDEN.exec(value);
  return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** A URL with its user-info (`user:password@`) masked, so a credential is never echoed. */
export function maskUserInfo(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1***@');
}

/** Whether `value` is a URL carrying user-info (`user[:password]@`). */
export function hasUserInfo(value: string): boolean {
  return maskUserInfo(value) !== value;
}

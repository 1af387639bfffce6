/**
 * Regular expressions Okta evaluates: a groups claim's REGEX filter (okta_auth_server_claim group_filter_type
 * REGEX). Okta evaluates them as Java regular expressions and matches the WHOLE group name (Okta support, "How to
 * Filter Groups with Regex in Okta": the pattern must match the group names exactly as they appear), while this
 * project (simulator, review, config rules) evaluates them in JavaScript. A pattern is accepted only when both
 * read it the same way: it compiles in JavaScript with the `u` flag, uses no syntax only one of the two has, and
 * is not a plain word that JavaScript would find inside a name but Okta compares with the whole name.
 */

/** Java syntax JavaScript does not have (it fails to compile or means something else there). */
const JAVA_ONLY: readonly (readonly [RegExp, string])[] = [
  [/(^|[^\\])[*+?}]\+/, 'a possessive quantifier (*+, ++, ?+)'],
  [/\(\?>/, 'an atomic group (?>...)'],
  [/\(\?[imsxudU-]+[:)]/, 'an inline flag such as (?i)'],
  [/\\[AZzhHRGQE]/, 'a Java-only escape (\\A, \\Z, \\z, \\h, \\R, \\G, \\Q...\\E)'],
  [/\\p\{(java|Is|In)/, 'a Java-only character class (\\p{javaLowerCase}, \\p{IsAlphabetic}, \\p{InGreek})'],
];
/** JavaScript syntax Java reads differently. */
const JAVASCRIPT_ONLY: readonly (readonly [RegExp, string])[] = [
  [/(^|[^\\])\[\^?\]/, 'an empty class [] or [^] (Java refuses it; JavaScript matches nothing or anything)'],
  [/\\u\{/, 'a \\u{...} code point escape (Java writes \\x{...})'],
];

/** Regular-expression metacharacters: a pattern with none of them is a plain word. */
const META = /[\\^$.|?*+()[\]{}]/;

/** Why Okta and this project would evaluate `pattern` differently, or undefined when they agree. */
export function groupFilterRegexProblem(pattern: string): string | undefined {
  const allowed = 'allowed: a regular expression both Java (Okta) and JavaScript read alike, matching whole names';
  for (const [syntax, what] of JAVA_ONLY)
    if (syntax.test(pattern))
      return `uses ${what}, Java syntax that JavaScript (the simulator and review) cannot evaluate; ${allowed}`;
  for (const [syntax, what] of JAVASCRIPT_ONLY) if (syntax.test(pattern)) return `uses ${what}; ${allowed}`;
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
  } catch (e) {
    return `does not compile: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}; ${allowed}`;
  }
  if (!META.test(pattern))
    return (
      `Okta matches a REGEX filter against the whole group name, so '${pattern}' matches only a group named exactly ` +
      `that (JavaScript would find it inside longer names): use EQUALS for one group, STARTS_WITH or CONTAINS, ` +
      `or write '.*${pattern}.*'`
    );
  return undefined;
}

/**
 * Makes user-controlled text (labels, descriptions, reasons, URLs, group names, route keys) inert in
 * markdown: it cannot start a heading, list, quote or table row, close a table cell, make a link, image,
 * HTML tag or @-mention, and credential-looking values are masked (the guardrail's address and rule say
 * where; the value itself is never repeated).
 */
import { CREDENTIAL_PATTERNS } from '../synthesized/facts';

/** Line breaks of every kind, collapsed to one space: a value never starts a new markdown block. */
const LINE_BREAKS = /[\r\n\u2028\u2029\u0085\v\f]+/g;
/**
 * Characters CommonMark/GFM gives an inline meaning to mid-line; each is backslash-escaped in text. An underscore
 * between two letters or digits (`client_id`) starts no emphasis in GFM and is left as it is, so the comment
 * reads the same raw and rendered.
 */
const MARKDOWN_PUNCTUATION = /[\\`*[\]<#!|~&]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
/** Bare URLs and `www.` that GFM turns into links by itself. */
const AUTOLINK = /(:)(\/\/)|\b(www)(\.)/gi;
/** The user part of `scheme://user:password@host`. */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi;

/** The value with every credential-looking part replaced by a short marker saying what it looked like. */
export function maskCredentials(value: string): string {
  let out = value.replace(URL_USERINFO, '$1[masked credentials]@');
  for (const [what, pattern] of CREDENTIAL_PATTERNS) {
    out = out.replace(new RegExp(pattern.source, 'g'), `[masked: ${what}]`);
  }
  return out;
}

/** One line of plain text, safe anywhere in markdown prose or a table cell. */
export function mdText(value: string): string {
  return maskCredentials(value)
    .replace(LINE_BREAKS, ' ')
    .replace(MARKDOWN_PUNCTUATION, '\\$&')
    .replace(AUTOLINK, '$1$3&#8203;$2$4')
    .replace(/@/g, '@&#8203;');
}

/** A value as an inline code span: inert (no links, HTML or mentions), one line, safe in a table cell. */
export function mdCode(value: string): string {
  const s = maskCredentials(value).replace(LINE_BREAKS, ' ').replace(/`/g, "'").replace(/\|/g, '\\|');
  return `\`${s}\``;
}

/**
 * A sentence built by this project around user values: the code spans it wrote itself (`...`) stay code
 * spans, everything else is escaped as text.
 */
export function mdSentence(sentence: string): string {
  const oneLine = sentence.replace(LINE_BREAKS, ' ');
  const parts = oneLine.split(/(`[^`]*`)/);
  return parts.map((p, i) => (i % 2 === 1 ? mdCode(p.slice(1, -1)) : mdText(p))).join('');
}

/** Text for HTML element content or a double-quoted attribute; credentials masked. */
export function htmlText(value: string): string {
  return maskCredentials(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

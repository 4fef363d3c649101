/**
 * Text clean-up shared by the parsers. Chinese pages mix full-width forms (０-９ ． ， ￥ ：)
 * into otherwise ASCII numbers, and copy/paste adds zero-width characters.
 */

/** Parsers read at most this much: labels are short, and a cap keeps every regex cheap. */
export const MAX_INPUT = 1000;

/** Full-width ASCII (U+FF01–FF5E) → ASCII, ideographic space → space, dash look-alikes → '-'. */
export function toHalfWidth(text: string): string {
  return text
    .slice(0, MAX_INPUT)
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\uFFE1/g, '£')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63]/g, '-')
    .replace(/\u301C/g, '~')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
}

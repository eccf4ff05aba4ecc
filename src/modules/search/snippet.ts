// The snippet of a search hit: plain text around the first matched word, every matched word wrapped in
// <mark>…</mark> and everything else HTML-escaped, so a client may show it as HTML as it is. Built here
// rather than with ts_headline, whose output is not escaped.

const WORD = /[\p{L}\p{N}]+/gu;
const BEFORE = 40;
const LENGTH = 160;
const LIGATURES: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

/** Case and accents folded as the search folds them (unaccent and lower case), for highlighting. */
export function foldWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (char) => LIGATURES[char] ?? char);
}

/** The letters-and-digits parts of the search terms (an address like a@b.com matches by its parts). */
export function highlightTerms(terms: string[]): string[] {
  return [...new Set(terms.flatMap((term) => foldWord(term).match(WORD) ?? []))];
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

/** `terms` as highlightTerms gives them; a word matches when it starts with one of them. */
export function buildSnippet(content: string, terms: string[]): string {
  const text = content.replace(/\s+/gu, ' ').trim();
  const words = [...text.matchAll(WORD)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    marked: terms.some((term) => foldWord(match[0]).startsWith(term)),
  }));
  const first = words.find((word) => word.marked);
  // Start at a word at most BEFORE characters before the first match; end on a word's end.
  let start = 0;
  if (first && first.start > BEFORE) {
    start = words.find((word) => word.start >= first.start - BEFORE)?.start ?? first.start;
  }
  let end = text.length;
  if (end - start > LENGTH) {
    const last = words.filter((word) => word.end <= start + LENGTH).at(-1);
    end = last && last.end > start ? last.end : (first?.end ?? start + LENGTH);
  }
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const word of words) {
    if (word.start < start || word.end > end || !word.marked) continue;
    out += `${escapeHtml(text.slice(at, word.start))}<mark>${escapeHtml(text.slice(word.start, word.end))}</mark>`;
    at = word.end;
  }
  out += escapeHtml(text.slice(at, end));
  return end < text.length ? `${out}…` : out;
}

// What counts as one emoji: a single grapheme that Unicode lists as an emoji (RGI: skin tones, flags,
// keycaps and ZWJ sequences such as families included), so a reaction is never text or two emoji.

// The `v` flag (Node 20+) brings \p{RGI_Emoji}, a property of whole sequences rather than code points.
// biome-ignore lint/complexity/useRegexLiterals: TypeScript accepts a `v` literal only when targeting ES2024.
const RGI_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');
const VARIATION_SELECTOR_16 = '\uFE0F';
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The emoji in its fully qualified form, or null when `text` is not exactly one emoji. A symbol typed
 * without its emoji presentation selector ("❤" for "❤️") is taken as the emoji, so both count as one.
 */
export function normalizeEmoji(text: string): string | null {
  const segments = [...graphemes.segment(text)];
  if (segments.length !== 1) return null;
  if (RGI_EMOJI.test(text)) return text;
  const qualified = text + VARIATION_SELECTOR_16;
  return !text.includes(VARIATION_SELECTOR_16) && RGI_EMOJI.test(qualified) ? qualified : null;
}

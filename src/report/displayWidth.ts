/** Code points a terminal draws two columns wide: East Asian Wide and Fullwidth (UAX #11), emoji drawn as pictures. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}\p{Emoji_Presentation}]/u;

/** Code points drawn on the previous one: combining marks, zero-width joiners, variation selectors. */
const ZERO = /[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufe00-\ufe0f]/u;

/**
 * How many terminal columns a printable text takes, so that a heading holding a Japanese key
 * or an emoji still ends its rule where the table ends. Control characters never reach here:
 * callers pass text through `printable` first.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) width += ZERO.test(c) ? 0 : WIDE.test(c) ? 2 : 1;
  return width;
}

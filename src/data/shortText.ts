/** How much of a value or a name a one-line message shows. */
export const SHOWN_CHARS = 40;

/**
 * A value or a column name as an error or a note shows it: cut to SHOWN_CHARS, so that a
 * 1 MB field or a whole file read as one header name still gives a one-line message.
 */
export function shortText(text: string, limit = SHOWN_CHARS): string {
  return text.length > limit ? `${text.slice(0, limit - 3)}...` : text;
}

/**
 * A line break inside a text cell: CRLF, LF or a lone CR, each of which ends a line in CommonMark
 * and for csv and tsv readers (pandas, Python's csv). Unicode's U+2028 and U+2029 are not among
 * them: CommonMark, pandas and browsers' rendering keep them within the line.
 */
const LINE_BREAK = /\r\n|[\r\n]/g;

/** The text with each line break a space, for formats whose row must stay one line (markdown, tsv). */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAK, " ");
}

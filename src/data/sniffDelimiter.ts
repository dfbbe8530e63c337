/**
 * `--delimiter auto`: our own sniffing, so that one rule, written down in the README, decides the
 * delimiter of the whole file before the first row is parsed (Papa's guess ran per chunk and, when
 * it failed, surfaced as a parse error).
 *
 * Rule: each candidate splits the first SNIFFED_RECORDS non-blank records of the sample, quotes
 * respected as the parser respects them. A candidate that leaves the header (the first record) one
 * field is out. Of the others, the one giving the header's field count on the most records wins;
 * ties go to the order of DELIMITER_CANDIDATES. In a well-formed file every record has the same
 * count under the true delimiter, so it can only tie, never lose; anchoring on the header keeps a
 * character that only the values hold (pipes in a tags column, commas in a one-column file of
 * names) from winning.
 */
export const DELIMITER_CANDIDATES: readonly string[] = [",", ";", "\t", "|"];

export const SNIFFED_RECORDS = 10;

/** The sample reaches past this many characters, to the next line end: enough for 10 records. */
export const SNIFF_CHARS = 1 << 16;

const QUOTE = '"';

/** What String.prototype.trim removes, as far as a CSV cell goes. */
function isSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v" || c === "\u00a0";
}

/**
 * Field counts of the first `limit` non-blank records of `sample` split on `delimiter`. A quote
 * opens a quoted field only at the field's start and `""` inside it is a literal quote, as in the
 * parser; \n, \r\n and \r end a record outside quotes. A record the sample cuts off is left out,
 * unless the sample is the whole input (`atEnd`). A blank record (only spaces and delimiters, as
 * the reader skips it) is not counted.
 */
export function fieldCounts(sample: string, delimiter: string, atEnd: boolean, limit = SNIFFED_RECORDS): number[] {
  const counts: number[] = [];
  const n = sample.length;
  let i = 0;
  while (i < n && counts.length < limit) {
    let fields = 1;
    let content = false;
    let fieldStart = true;
    let quoted = false;
    let end = -1;
    let j = i;
    for (; j < n; j++) {
      const c = sample[j];
      if (quoted) {
        if (c === QUOTE) {
          if (sample[j + 1] === QUOTE) j++;
          else quoted = false;
        }
        if (c !== QUOTE && !isSpace(c)) content = true;
        continue;
      }
      if (c === "\n" || c === "\r") {
        end = c === "\r" && sample[j + 1] === "\n" ? j + 2 : j + 1;
        break;
      }
      if (c === delimiter) {
        fields++;
        fieldStart = true;
        continue;
      }
      if (c === QUOTE && fieldStart) quoted = true;
      else if (!isSpace(c)) content = true;
      fieldStart = false;
    }
    if (end < 0 && !atEnd) break;
    if (content) counts.push(fields);
    i = end < 0 ? n : end;
  }
  return counts;
}

/**
 * The delimiter of a file whose text starts with `sample`, by the rule above, among `candidates`;
 * null when none splits the header (a one-column file, or an empty one).
 */
export function sniffDelimiter(sample: string, atEnd: boolean, candidates: readonly string[] = DELIMITER_CANDIDATES): string | null {
  let best: string | null = null;
  let bestScore = 0;
  for (const delimiter of candidates) {
    const counts = fieldCounts(sample, delimiter, atEnd);
    if (counts.length === 0 || counts[0] < 2) continue;
    let score = 0;
    for (const count of counts) if (count === counts[0]) score++;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/**
 * How much of a text's beginning the sniffer reads: up to and including the first line end at or
 * past SNIFF_CHARS. -1 while `head` holds no such line end yet (read more, unless the input has
 * ended). Defined on the text, not on how it arrived, so a FIFO's small chunks sniff the same.
 */
export function sampleLength(head: string, from = SNIFF_CHARS): number {
  if (head.length <= SNIFF_CHARS) return -1;
  const start = Math.max(from, SNIFF_CHARS);
  const lf = head.indexOf("\n", start);
  const cr = head.indexOf("\r", start);
  const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
  return end < 0 ? -1 : end + 1;
}

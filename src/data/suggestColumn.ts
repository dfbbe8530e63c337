import { shortText } from "./shortText.js";
/**
 * What to tell a user whose column name is not in the header: the names they probably meant, or
 * the names there are. A pure function of the name and the header, tested on its own.
 */

/** How many names a list shows before "... and N more": enough to spot one, one line still. */
export const LISTED_COLUMNS = 20;
/** How many equally close names a suggestion offers. */
const SUGGESTED = 3;

/**
 * Edit distance with adjacent transpositions (the optimal-string-alignment form of
 * Damerau-Levenshtein): "tagret" is one edit from "target", as a typist sees it.
 */
export function editDistance(a: string, b: string): number {
  const width = b.length + 1;
  // Three rows of the dynamic programme: the one before last (for transpositions), last, current.
  let before = new Uint32Array(width);
  let last = Uint32Array.from({ length: width }, (_, j) => j);
  let current = new Uint32Array(width);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(last[j] + 1, current[j - 1] + 1, last[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
    }
    [before, last, current] = [last, current, before];
  }
  return last[b.length];
}

/**
 * The header names `name` most likely meant, in header order: those equal to it but for case,
 * else those closest to it (case aside) within 2 edits and a third of the longer name's length, so
 * that `survivd` finds `Survived` but `age` does not find `sex`. At most 3; none when nothing is
 * that close.
 */
export function closeColumns(name: string, header: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const sameButCase = header.filter((column) => column.toLowerCase() === lower);
  if (sameButCase.length > 0) return sameButCase.slice(0, SUGGESTED);
  let best = Infinity;
  let found: string[] = [];
  for (const column of header) {
    const limit = Math.min(2, Math.floor(Math.max(name.length, column.length) / 3));
    const distance = editDistance(lower, column.toLowerCase());
    if (distance > limit || distance > best) continue;
    if (distance < best) found = [];
    best = distance;
    found.push(column);
  }
  return found.slice(0, SUGGESTED);
}

/** A name as a comma-separated list (and --by, --ignore) needs it: quoted when it holds a comma or a quote. */
export function quotedName(name: string): string {
  return /[,"]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
}

function either(names: readonly string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

/**
 * The end of a "no such column" message: `did you mean Survived?`, or `the columns are a, b, c`
 * (the first 20, then `... and N more`). `asTyped` writes a suggested name as the option takes it.
 */
export function columnHint(name: string, header: readonly string[], asTyped: (name: string) => string = (n) => n): string {
  const close = closeColumns(name, header);
  if (close.length > 0) return `did you mean ${either(close.map(asTyped))}?`;
  const shown = header.slice(0, LISTED_COLUMNS).map((column) => quotedName(shortText(column))).join(", ");
  const more = header.length > LISTED_COLUMNS ? `, ... and ${header.length - LISTED_COLUMNS} more` : "";
  return `the columns are ${shown}${more}`;
}

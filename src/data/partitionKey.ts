/**
 * A partition key is the tuple of its --by values (missing values as ""). Keys are compared
 * column by column in one total order, so that the grid's order never depends on the input's
 * row order (nor on which shard held which key): the missing value first, then numbers by value
 * (store 2 before store 10), equal numbers ("5", "05", "5.0") by code units, then text by code
 * units, never by the locale. Comparing a number with text by code units instead would not be
 * transitive (9 < 10 numerically, "10" < "1a" < "9" as text), and sort's result would depend on
 * the order it was handed. Keys keep their text with `--decimal ,`, so a number written with a
 * decimal comma (`9,5`) is a number here too: the order then needs no dialect, and a merge
 * orders the keys as the run did.
 */
import { numberWithEitherMark } from "./numberCell.js";
import { shortText } from "./shortText.js";

export type PartitionKey = readonly string[];


/** 0 missing, 1 number, 2 text: the first criterion of the order. */
function valueClass(value: string, number: number): number {
  if (value === "") return 0;
  return Number.isNaN(number) ? 2 : 1;
}

function compareValues(a: string, b: string): number {
  if (a === b) return 0;
  const x = numberWithEitherMark(a);
  const y = numberWithEitherMark(b);
  const ca = valueClass(a, x);
  const cb = valueClass(b, y);
  if (ca !== cb) return ca - cb;
  if (ca === 1 && x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : 1;
}

export function compareKeys(a: PartitionKey, b: PartitionKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** A stable string id for a key, used for hashing (seeds, shards) and as a map key. */
export function keyId(key: PartitionKey): string {
  return JSON.stringify(key);
}

/** Human-readable form for messages: "Sex=male". */
export function describeKey(by: readonly string[], key: PartitionKey): string {
  if (by.length === 0) return "the table";
  return by.map((column, i) => `${shortText(column)}=${shortText(key[i])}`).join(", ");
}

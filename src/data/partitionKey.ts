/**
 * A partition key is the tuple of its --by values (missing values as ""). Keys are compared
 * column by column: numbers numerically when both parse as numbers, otherwise by code units,
 * so store 2 comes before store 10 and the order never depends on the locale.
 */
import { isNumericCell } from "./numberCell.js";

export type PartitionKey = readonly string[];

function compareValues(a: string, b: string): number {
  if (a === b) return 0;
  if (isNumericCell(a) && isNumericCell(b)) {
    const d = Number(a) - Number(b);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
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
  return by.map((column, i) => `${column}=${key[i]}`).join(", ");
}

import { compareKeys, describeKey, type PartitionKey } from "./data/partitionKey.js";
import type { PartitionResult } from "./evaluate/grid.js";

/** Where a note was said: one partition by name, all of them, or the first few and a count. */
function noteScope(where: readonly string[], total: number): string {
  if (where.length === 1) return where[0];
  if (where.length === total) return `all ${total} partitions`;
  const shown = where.slice(0, 3).map((key) => `(${key})`).join(", ");
  return `${where.length} partitions: ${shown}${where.length > 3 ? ", ..." : ""}`;
}

/**
 * The notes of a run's partitions, each said once with the partitions it came from (an
 * identifier column dropped in every partition is one line, not a hundred). Lines come in key
 * order, so that neither scheduling nor resuming changes what stderr says.
 */
export class PartitionNotes {
  private readonly where = new Map<string, PartitionKey[]>();

  add(result: PartitionResult): void {
    for (const note of result.notes) {
      const keys = this.where.get(note);
      if (keys === undefined) this.where.set(note, [result.key]);
      else keys.push(result.key);
    }
  }

  /** One line per note; with no --by columns, the note alone. */
  lines(by: readonly string[], total: number): string[] {
    return [...this.where].map(([note, keys]) => {
      if (by.length === 0) return note;
      const named = [...keys].sort(compareKeys).map((key) => describeKey(by, key));
      return `${noteScope(named, total)}: ${note}`;
    });
  }
}

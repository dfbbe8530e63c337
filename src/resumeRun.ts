import { keyId, type PartitionKey } from "./data/partitionKey.js";
import type { PartitionResult } from "./evaluate/grid.js";
import type { RunMetadata } from "./report/runMetadata.js";

/** Where a run records its finished partitions, so that a killed run can be resumed (--resume). */
export interface RunJournal {
  /** For messages. */
  readonly name: string;
  /**
   * Called once the input is read and the options resolved, before any partition is scored: the
   * results an earlier run of the same job recorded, or null for a new journal. Rejects the
   * journal of another input or of other options.
   */
  begin(metadata: RunMetadata): readonly PartitionResult[] | null;
  /** Called as each partition finishes, before it is reported. */
  record(result: PartitionResult): void;
}

export interface Resumption<P> {
  /** Results the journal holds for partitions of this input, in the input's order. */
  readonly resumed: readonly PartitionResult[];
  /** The partitions left to score. */
  readonly todo: readonly P[];
  /** What to tell the user, or null for a run without a journal or with a new one. */
  readonly note: string | null;
}

/**
 * Splits the partitions into those a journal already holds and those to score. A journaled
 * partition that failed is scored again: the failure may have been the machine's. A skipped one
 * is not: the same rows and options skip it again.
 */
export function resumeRun<P extends { readonly key: PartitionKey }>(partitions: readonly P[], metadata: RunMetadata, journal: RunJournal | undefined): Resumption<P> {
  const recorded = journal?.begin(metadata) ?? null;
  if (journal === undefined || recorded === null) return { resumed: [], todo: partitions, note: null };
  const finished = new Map(recorded.filter((result) => result.status !== "failed").map((result) => [keyId(result.key), result]));
  const resumed = partitions.flatMap((partition) => finished.get(keyId(partition.key)) ?? []);
  const todo = partitions.filter((partition) => !finished.has(keyId(partition.key)));
  return { resumed, todo, note: `resumed ${resumed.length} of ${partitions.length} partition${partitions.length === 1 ? "" : "s"} from ${journal.name}` };
}

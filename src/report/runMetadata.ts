import type { Shard } from "../data/shard.js";
import type { ResultOptions } from "../evaluate/resultOptions.js";

/**
 * What a json or jsonl grid says about the run that made it: the options that change its numbers
 * (the task among them), the input's fingerprint and, for a piece of a sharded run, which shard.
 * `merge` checks it before it trusts the rows; a program reading the grid can tell the task.
 */
export interface RunMetadata {
  readonly format: "automl-grid";
  readonly version: 2;
  /** sha256 of the input file's bytes. */
  readonly fingerprint: string;
  readonly options: ResultOptions;
  readonly shard: Shard | null;
}

/** The key under which metadata appears: jsonl's first line, json's top-level object. */
export const METADATA_KEY = "automl_grid";

export function metadataRecord(metadata: RunMetadata): Record<string, RunMetadata> {
  return { [METADATA_KEY]: metadata };
}

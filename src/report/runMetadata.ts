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
  /**
   * A grid's rows as --sort and --top cut them (json and jsonl grids record it; a journal, whose
   * rows are whole, does not): merge refuses a piece cut in a way its own grid cannot be made from.
   */
  readonly kept?: KeptRows;
  /**
   * How many row objects the grid holds (json and jsonl record it): a piece cut short at a line
   * boundary in a copy still parses, and merge would otherwise take it for a whole one.
   */
  readonly rowCount?: number;
  /**
   * --baseline global could not be computed (why): the grid's Global_ columns are empty. A run
   * exits 1 for it, and so does a merge of a piece that carries it.
   */
  readonly baselineFailed?: string;
}

/** The rows a grid kept of each partition: the best `top` by the `sort` column, or all of them (top null). */
export interface KeptRows {
  readonly sort: string;
  readonly top: number | null;
}

/** The key under which metadata appears: jsonl's first line, json's top-level object. */
export const METADATA_KEY = "automl_grid";

export function metadataRecord(metadata: RunMetadata): Record<string, RunMetadata> {
  return { [METADATA_KEY]: metadata };
}

/** The command-line spelling of each result option, for messages. */
const OPTION_FLAGS: Readonly<Record<keyof ResultOptions, string>> = {
  task: "--task",
  target: "--target",
  by: "--by",
  models: "--models",
  folds: "--folds",
  foldColumn: "--fold-column",
  trainSize: "--train-size",
  minRows: "--min-rows",
  seed: "--seed",
  ignore: "--ignore",
  delimiter: "--delimiter",
  encoding: "--encoding",
  decimal: "--decimal",
  baseline: "--baseline",
};

function shown(value: unknown): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return "none";
  if (Array.isArray(value)) return value.join(",");
  if (typeof value === "object") {
    const shard = value as Partial<Shard>;
    return `${String(shard.index)}/${String(shard.count)}`;
  }
  return String(value);
}

/**
 * Options whose value is a set of columns: their order, and a column named twice, change no
 * result (--ignore Name,PassengerId drops what --ignore PassengerId --ignore Name drops). --by's
 * order is not among them: it orders the key columns and the partitions.
 */
const SET_OPTIONS: ReadonlySet<keyof ResultOptions> = new Set(["ignore"]);

/** An option's value as two runs are compared on it. */
function comparable(field: keyof ResultOptions, value: unknown): unknown {
  return SET_OPTIONS.has(field) && Array.isArray(value) ? [...new Set(value.map(String))].sort() : value;
}

/**
 * The first option that differs between two runs' metadata, as "--seed 7 (this run: --seed
 * 123)" (`nowName` names the second run), the shard too when `withShard`; null when every option that changes a result agrees.
 * Merge and --resume name what differs with it.
 */
export function optionDifference(before: RunMetadata, now: RunMetadata, withShard: boolean, nowName = "this run"): string | null {
  const differs = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);
  for (const [field, flag] of Object.entries(OPTION_FLAGS) as [keyof ResultOptions, string][]) {
    const a = before.options[field];
    const b = now.options[field];
    if (differs(comparable(field, a), comparable(field, b))) return `${flag} ${shown(a)} (${nowName}: ${flag} ${shown(b)})`;
  }
  if (withShard && differs(before.shard, now.shard)) return `--shard ${shown(before.shard)} (${nowName}: --shard ${shown(now.shard)})`;
  return null;
}

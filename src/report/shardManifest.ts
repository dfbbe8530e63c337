import type { DecimalMark } from "../data/dialect.js";
import type { Shard } from "../data/shard.js";
import { InputError } from "../errors.js";
import type { ModelId } from "../models/estimator.js";

/** The options that change a grid's numbers: shards of one run must agree on all of them. */
export interface ResultOptions {
  readonly target: string;
  readonly by: readonly string[];
  readonly models: readonly ModelId[];
  readonly folds: number;
  readonly foldColumn: string | null;
  readonly trainSize: number;
  readonly seed: number;
  readonly ignore: readonly string[];
  /** How the file is read (src/data/dialect.ts): the option as given, "auto" included. */
  readonly delimiter: string;
  readonly encoding: string;
  readonly decimal: DecimalMark;
}

/** First line of a shard's jsonl: what `merge` checks before it trusts the rows below. */
export interface ShardManifest {
  readonly format: "automl-grid shard";
  readonly version: 1;
  readonly shard: Shard;
  /** sha256 of the input file's bytes. */
  readonly fingerprint: string;
  readonly options: ResultOptions;
}

export const MANIFEST_KEY = "automl_grid_shard";

export function manifestLine(manifest: ShardManifest): string {
  return JSON.stringify({ [MANIFEST_KEY]: manifest }) + "\n";
}

export interface ShardFile {
  readonly name: string;
  readonly manifest: ShardManifest;
  readonly rows: readonly Record<string, unknown>[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses one shard's jsonl text; anything else is an InputError naming the file and line. */
export function parseShardFile(name: string, text: string): ShardFile {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  const parse = (line: string, number: number): Record<string, unknown> => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputError(`${name}: line ${number} is not JSON`);
    }
    if (!isRecord(value)) throw new InputError(`${name}: line ${number} is not a JSON object`);
    return value;
  };
  const first = lines.length > 0 ? parse(lines[0], 1)[MANIFEST_KEY] : undefined;
  if (!isRecord(first) || first.format !== "automl-grid shard" || !isRecord(first.shard) || !isRecord(first.options)) {
    throw new InputError(`${name}: not a shard file (its first line is not an automl-grid shard manifest; write shards with --shard I/N --format jsonl)`);
  }
  if (first.version !== 1) throw new InputError(`${name}: shard format version ${String(first.version)} is not supported`);
  return {
    name,
    manifest: first as unknown as ShardManifest,
    rows: lines.slice(1).map((line, i) => parse(line, i + 2)),
  };
}

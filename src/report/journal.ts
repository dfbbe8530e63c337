import { keyId } from "../data/partitionKey.js";
import { InputError } from "../errors.js";
import { PARTITION_STATUSES, type GridRow, type PartitionResult, type PartitionStatus } from "../evaluate/grid.js";
import { jsonLine, jsonNumber, readJsonNumber } from "./jsonNumber.js";
import type { RunMetadata } from "./runMetadata.js";

/**
 * A `--resume` journal is jsonl: the run's metadata on the first line (the same record json and
 * jsonl grids carry: fingerprint, resolved options, shard), under its own key so that a journal is
 * never mistaken for a grid, then one line per finished partition, appended as each completes. A
 * line counts once its newline is written, so a line cut short by a kill is simply not there yet.
 */
export const JOURNAL_KEY = "automl_grid_journal";

export function journalManifestLine(metadata: RunMetadata): string {
  return jsonLine({ [JOURNAL_KEY]: metadata }) + "\n";
}

/** An undefined mean or deviation (NaN) and an infinite one, as jsonNumber writes them, read back alike. */
const numbersAsJson = (_key: string, value: unknown): unknown => (typeof value === "number" ? jsonNumber(value) : value);

/** The whole result, rows in registry order and notes and facts included. */
export function journalResultLine(result: PartitionResult): string {
  const { key, status, reason, rows, notes, facts, global, globalFailed } = result;
  return (
    jsonLine(
      { key, status, reason, rows, notes, ...(facts === undefined ? {} : { facts }), ...(global === undefined ? {} : { global }), ...(globalFailed === undefined ? {} : { globalFailed }) },
      numbersAsJson,
    ) + "\n"
  );
}

export interface Journal {
  readonly manifest: RunMetadata;
  /** The last recorded result of each partition (a failed one may have been scored again since). */
  readonly results: readonly PartitionResult[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function columns(value: unknown): Record<string, number> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, number> = {};
  for (const [column, v] of Object.entries(value)) {
    const number = readJsonNumber(v);
    if (number === undefined) return undefined;
    out[column] = number;
  }
  return out;
}

function gridRow(value: unknown): GridRow | undefined {
  if (!isRecord(value) || typeof value.model !== "string") return undefined;
  const mean = columns(value.mean);
  const sd = columns(value.sd);
  return mean === undefined || sd === undefined ? undefined : { model: value.model, mean, sd };
}

function isStatus(value: unknown): value is PartitionStatus {
  return PARTITION_STATUSES.some((status) => status === value);
}

function partitionResult(value: unknown): PartitionResult | undefined {
  if (!isRecord(value) || !isStringArray(value.key) || !isStringArray(value.notes)) return undefined;
  if (!isStatus(value.status) || typeof value.reason !== "string") return undefined;
  if (!Array.isArray(value.rows)) return undefined;
  const rows = value.rows.map(gridRow);
  if (rows.some((row) => row === undefined)) return undefined;
  let result: PartitionResult = { key: value.key, status: value.status, reason: value.reason, rows: rows as GridRow[], notes: value.notes };
  if (value.global !== undefined) {
    if (!Array.isArray(value.global)) return undefined;
    const global = value.global.map(gridRow);
    if (global.some((row) => row === undefined)) return undefined;
    result = { ...result, global: global as GridRow[] };
  }
  if (value.globalFailed !== undefined) {
    if (typeof value.globalFailed !== "string") return undefined;
    result = { ...result, globalFailed: value.globalFailed };
  }
  if (value.facts === undefined) return result;
  const facts = columns(value.facts);
  return facts === undefined ? undefined : { ...result, facts };
}

function manifest(value: unknown): RunMetadata | undefined {
  const inner = isRecord(value) ? value[JOURNAL_KEY] : undefined;
  if (!isRecord(inner) || inner.format !== "automl-grid" || typeof inner.fingerprint !== "string") return undefined;
  if (!isRecord(inner.options) || !(inner.shard === null || isRecord(inner.shard))) return undefined;
  return inner as unknown as RunMetadata;
}

/**
 * Reads a journal's text. Whatever follows the last newline is a line a kill cut short and is
 * ignored; any other line that is not what we write is an InputError naming the file and line.
 */
export function parseJournal(name: string, text: string): Journal {
  const lines = text.slice(0, text.lastIndexOf("\n") + 1).split("\n").slice(0, -1);
  const parse = (line: string): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      return undefined;
    }
  };
  const first = lines.length > 0 ? manifest(parse(lines[0])) : undefined;
  if (first === undefined) {
    throw new InputError(`${name}: not an automl-grid journal (its first line is not a journal manifest; give --resume a new file name to start one)`);
  }
  if (first.version !== 2) throw new InputError(`${name}: journal format version ${String(first.version)} is not supported`);
  const results = new Map<string, PartitionResult>();
  lines.slice(1).forEach((line, i) => {
    const result = partitionResult(parse(line));
    if (result === undefined) throw new InputError(`${name}: line ${i + 2} is not a partition result`);
    results.delete(keyId(result.key));
    results.set(keyId(result.key), result);
  });
  return { manifest: first, results: [...results.values()] };
}


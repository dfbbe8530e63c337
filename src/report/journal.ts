import type { Shard } from "../data/shard.js";
import { keyId } from "../data/partitionKey.js";
import { InputError } from "../errors.js";
import type { GridRow, PartitionResult } from "../evaluate/grid.js";
import { METRIC_IDS } from "../evaluate/metrics.js";
import type { ResultOptions } from "./shardManifest.js";

/**
 * A `--resume` journal is jsonl: a manifest line saying which run it belongs to, then one line per
 * finished partition, appended as each completes. A line counts once its newline is written, so a
 * line cut short by a kill is simply not there yet.
 */
export interface JournalManifest {
  readonly format: "automl-grid journal";
  readonly version: 1;
  /** sha256 of the input's bytes. */
  readonly fingerprint: string;
  readonly options: ResultOptions;
  readonly shard: Shard | null;
}

export const JOURNAL_KEY = "automl_grid_journal";

export function journalManifestLine(manifest: JournalManifest): string {
  return JSON.stringify({ [JOURNAL_KEY]: manifest }) + "\n";
}

/** The whole result, rows in registry order and notes included; JSON writes a NaN metric as null. */
export function journalResultLine(result: PartitionResult): string {
  const rows = result.rows.map((row) => ({
    Model: row.Model,
    ...Object.fromEntries(METRIC_IDS.map((id) => [id, row[id]])),
    TT_Sec: row.TT_Sec,
  }));
  return JSON.stringify({ key: result.key, status: result.status, reason: result.reason, rows, notes: result.notes }) + "\n";
}

export interface Journal {
  readonly manifest: JournalManifest;
  /** The last recorded result of each partition (a failed one may have been scored again since). */
  readonly results: readonly PartitionResult[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function metric(value: unknown): number | undefined {
  if (value === null) return NaN;
  return typeof value === "number" ? value : undefined;
}

function gridRow(value: unknown): GridRow | undefined {
  if (!isRecord(value) || typeof value.Model !== "string") return undefined;
  const row: Record<string, string | number> = { Model: value.Model };
  for (const id of [...METRIC_IDS, "TT_Sec"]) {
    const n = metric(value[id]);
    if (n === undefined) return undefined;
    row[id] = n;
  }
  return row as GridRow;
}

function partitionResult(value: unknown): PartitionResult | undefined {
  if (!isRecord(value) || !isStringArray(value.key) || !isStringArray(value.notes)) return undefined;
  if ((value.status !== "ok" && value.status !== "failed") || typeof value.reason !== "string") return undefined;
  if (!Array.isArray(value.rows)) return undefined;
  const rows = value.rows.map(gridRow);
  if (rows.some((row) => row === undefined)) return undefined;
  return { key: value.key, status: value.status, reason: value.reason, rows: rows as GridRow[], notes: value.notes };
}

function manifest(value: unknown): JournalManifest | undefined {
  const inner = isRecord(value) ? value[JOURNAL_KEY] : undefined;
  if (!isRecord(inner) || inner.format !== "automl-grid journal" || typeof inner.fingerprint !== "string") return undefined;
  if (!isRecord(inner.options) || !(inner.shard === null || isRecord(inner.shard))) return undefined;
  return inner as unknown as JournalManifest;
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
  if (first.version !== 1) throw new InputError(`${name}: journal format version ${String(first.version)} is not supported`);
  const results = new Map<string, PartitionResult>();
  lines.slice(1).forEach((line, i) => {
    const result = partitionResult(parse(line));
    if (result === undefined) throw new InputError(`${name}: line ${i + 2} is not a partition result`);
    results.delete(keyId(result.key));
    results.set(keyId(result.key), result);
  });
  return { manifest: first, results: [...results.values()] };
}

const OPTION_NAMES: Readonly<Record<keyof ResultOptions, string>> = {
  target: "--target",
  by: "--by",
  models: "--models",
  folds: "--folds",
  foldColumn: "--fold-column",
  trainSize: "--train-size",
  seed: "--seed",
  ignore: "--ignore",
  delimiter: "--delimiter",
  encoding: "--encoding",
  decimal: "--decimal",
};

function shown(value: unknown): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return "none";
  if (Array.isArray(value)) return value.join(",");
  if (isRecord(value)) return `${String(value.index)}/${String(value.count)}`;
  return String(value);
}

/**
 * The first option that differs between the run that wrote the journal and this one, as
 * "--seed 7 (this run: --seed 123)", or null when every option that changes a result agrees.
 */
export function journalMismatch(journal: JournalManifest, options: ResultOptions, shard: Shard | null): string | null {
  const differs = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);
  for (const [field, flag] of Object.entries(OPTION_NAMES) as [keyof ResultOptions, string][]) {
    const before = journal.options[field];
    if (differs(before, options[field])) return `${flag} ${shown(before)} (this run: ${flag} ${shown(options[field])})`;
  }
  if (differs(journal.shard, shard)) return `--shard ${shown(journal.shard)} (this run: --shard ${shown(shard)})`;
  return null;
}

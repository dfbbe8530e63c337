import { readFileSync } from "node:fs";
import type { Readable } from "node:stream";
import { describeKey, keyId } from "./data/partitionKey.js";
import { InputError, UsageError } from "./errors.js";
import { PARTITION_STATUSES, type GridRow, type PartitionResult, type PartitionStatus } from "./evaluate/grid.js";
import { gridColumns, partitionFactColumns } from "./evaluate/task.js";
import { isTaskId, taskInfo } from "./evaluate/tasks.js";
import { METADATA_KEY, optionDifference, type KeptRows, type RunMetadata } from "./report/runMetadata.js";
import { BASELINE_ROW_COLUMN, GLOBAL_ROW } from "./report/globalColumns.js";
import { JOURNAL_KEY } from "./report/journal.js";
import { readJsonNumber } from "./report/jsonNumber.js";
import { deviationColumn, keyColumns } from "./report/leaderboard.js";
import { chooseSort } from "./resolveOptions.js";

/** One shard's jsonl: its metadata line and its row objects. */
export interface ShardFile {
  readonly name: string;
  readonly metadata: RunMetadata;
  readonly rows: readonly Record<string, unknown>[];
}

/** The pieces put back together: the run's metadata (no shard), every partition's result, and the column to sort by. */
export interface MergedRun {
  readonly metadata: RunMetadata;
  readonly results: readonly PartitionResult[];
  /** merge's --sort as a column of the pieces' task (the task's default when not given). */
  readonly sort: string;
}

/** What merge's own command line asks of the grid: --sort (null: the task's default) and --top. */
export interface MergeRequest {
  readonly sort: string | null;
  readonly top: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * What a file that is no shard piece but something else of ours is: a json grid (pretty-printed,
 * so its first line alone is no JSON) or a --resume journal; null for anything else.
 */
function wholeRunJson(text: string): string | null {
  const firstLine = text.slice(0, text.indexOf("\n") + 1 || undefined);
  try {
    const first: unknown = JSON.parse(firstLine);
    return isRecord(first) && JOURNAL_KEY in first ? "a --resume journal" : null;
  } catch {
    // Not one JSON value per line: perhaps one JSON document.
  }
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) && isRecord(value[METADATA_KEY]) ? "a json grid (--format json)" : null;
  } catch {
    return null;
  }
}

/** Parses one shard's jsonl text; anything else is an InputError naming the file and line. */
export function parseShardFile(name: string, text: string): ShardFile {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  const whole = wholeRunJson(text);
  if (whole !== null) throw new InputError(`${name}: is ${whole}, not a shard's piece; merge reads the jsonl pieces that --shard I/N writes`);
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
  const first = lines.length > 0 ? parse(lines[0], 1)[METADATA_KEY] : undefined;
  if (!isRecord(first) || first.format !== "automl-grid" || !isRecord(first.options)) {
    throw new InputError(`${name}: not a shard file (its first line is not automl-grid metadata; write shards with --shard I/N --format jsonl)`);
  }
  if (first.version !== 2) throw new InputError(`${name}: grid format version ${String(first.version)} is not supported: rerun the shards with this version`);
  if (!isRecord(first.shard)) throw new InputError(`${name}: is a whole run's grid, not a shard (write shards with --shard I/N)`);
  if (typeof first.options.task !== "string" || !isTaskId(first.options.task)) throw new InputError(`${name}: unknown task ${String(first.options.task)}`);
  if (!isKeptRows(first.kept)) throw new InputError(`${name}: does not record the --sort and --top its rows were cut by (an earlier version wrote it): rerun the shards with this version`);
  const { rowCount } = first;
  if (typeof rowCount !== "number" || !Number.isSafeInteger(rowCount) || rowCount < 0) {
    throw new InputError(`${name}: does not record how many rows it holds (an earlier version wrote it): rerun the shards with this version`);
  }
  const rows = lines.slice(1).map((line, i) => parse(line, i + 2));
  if (rows.length < rowCount) {
    throw new InputError(`${name}: holds ${rows.length} of the ${rowCount} rows its first line announces: the piece is incomplete (cut short in a copy?)`);
  }
  if (rows.length > rowCount) throw new InputError(`${name}: holds ${rows.length} rows where its first line announces ${rowCount}: rows were added to the piece`);
  return { name, metadata: first as unknown as RunMetadata, rows };
}

/** Reads and parses one shard file; a missing or unreadable file is an InputError naming it. */
export function readShardFile(name: string): ShardFile {
  let text: string;
  try {
    text = readFileSync(name, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${name}: ${code === "ENOENT" ? "no such file" : `cannot read (${code})`}`);
  }
  return parseShardFile(name, text);
}

/** stdin's whole text: one shard piece piped in (`... | automl-grid merge - part-1.jsonl`). */
async function readStdin(stdin: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  } catch (error) {
    throw new InputError(`stdin: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The pieces named on merge's command line, in order: files, and `-` for one piece read from
 * stdin, named "stdin" in messages. stdin holds one piece, so `-` may be named once.
 */
export async function readShardFiles(names: readonly string[], stdin: Readable): Promise<ShardFile[]> {
  if (names.filter((name) => name === "-").length > 1) throw new UsageError("merge: - is named more than once; stdin holds one piece");
  const files: ShardFile[] = [];
  for (const name of names) files.push(name === "-" ? parseShardFile("stdin", await readStdin(stdin)) : readShardFile(name));
  return files;
}

function isKeptRows(value: unknown): value is KeptRows {
  return isRecord(value) && typeof value.sort === "string" && (value.top === null || (typeof value.top === "number" && Number.isSafeInteger(value.top) && value.top >= 1));
}

/** A piece's rows as --top cut them: the best `top` of each partition by `sort`. */
interface Cut {
  readonly sort: string;
  readonly top: number;
}

/** How a piece was cut: null when it kept every row of every partition (no --top, or one of at least its model count). */
function cutOf(file: ShardFile): Cut | null {
  const { kept, options } = file.metadata;
  return kept === undefined || kept.top === null || kept.top >= options.models.length ? null : { sort: kept.sort, top: kept.top };
}

function describeCut(cut: Cut | null): string {
  return cut === null ? "every row of each partition" : `the top ${cut.top} rows of each partition by ${cut.sort} (--top ${cut.top} --sort ${cut.sort})`;
}

/**
 * A piece cut with --top holds only its partitions' best rows by its --sort: merge can rebuild a
 * single run's grid from it only with the same --sort and a --top no larger, and only if every
 * piece was cut alike. Uncut pieces merge with any --sort and --top.
 */
function checkCuts(files: readonly ShardFile[], sort: string, top: number): void {
  const [first] = files;
  const cut = cutOf(first);
  for (const file of files.slice(1)) {
    const other = cutOf(file);
    if (JSON.stringify(other) !== JSON.stringify(cut)) {
      throw new InputError(`${file.name}: kept ${describeCut(other)}, but ${first.name} ${describeCut(cut)}: rerun the shards with one --top and --sort`);
    }
  }
  if (cut === null) return;
  const asked = top >= Number.MAX_SAFE_INTEGER ? "merge without --top" : `merge --top ${top}`;
  if (sort !== cut.sort) {
    throw new InputError(`${first.name}: kept ${describeCut(cut)}; merge --sort ${sort} would rank rows it dropped: merge with --sort ${cut.sort}, or rerun the shards without --top`);
  }
  if (top > cut.top) {
    throw new InputError(`${first.name}: kept ${describeCut(cut)}; ${asked} would need rows it dropped: merge with --top ${cut.top} or less, or rerun the shards without --top`);
  }
}

function checkPieces(files: readonly ShardFile[]): void {
  if (files.length === 0) throw new InputError("merge: no shard files given");
  const [first] = files;
  const count = first.metadata.shard!.count;
  const seen = new Map<number, string>();
  for (const file of files) {
    const { shard, fingerprint } = file.metadata;
    if (fingerprint !== first.metadata.fingerprint) {
      throw new InputError(`${file.name}: read a different input file than ${first.name} (fingerprints differ)`);
    }
    const differs = optionDifference(file.metadata, first.metadata, false, first.name);
    if (differs !== null) throw new InputError(`${file.name}: was run with ${differs}`);
    if (shard!.count !== count) throw new InputError(`${file.name}: is shard ${shard!.index}/${shard!.count}, but ${first.name} is one of ${count}`);
    const other = seen.get(shard!.index);
    if (other !== undefined) throw new InputError(`${file.name}: shard ${shard!.index}/${count} is also in ${other}`);
    seen.set(shard!.index, file.name);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new InputError(`merge: missing shard${missing.length > 1 ? "s" : ""} ${missing.join(", ")} of ${count}`);
}

/** A metric or deviation as a piece writes it (jsonNumber: NaN null, Infinity a string); anything else is undefined, NaN. */
const numberOrNaN = (value: unknown): number => readJsonNumber(value) ?? NaN;

function status(value: unknown): PartitionStatus {
  return PARTITION_STATUSES.find((known) => known === value) ?? "failed";
}

/**
 * Checks that the pieces are the shards of one run (same input fingerprint, same options, every
 * shard 0..N-1 exactly once) and hold the rows the request's grid needs (checkCuts), and rebuilds
 * the partition results they hold, rows in registry order so that sorting ties break exactly as
 * in a single run: means from the metric columns, fold deviations from a piece's SD_ columns, the
 * partition's Rows and target facts from any of its rows.
 */
export function mergeShards(files: readonly ShardFile[], request: MergeRequest): MergedRun {
  checkPieces(files);
  const { options } = files[0].metadata;
  const task = taskInfo(options.task);
  const sort = chooseSort(task, request.sort);
  checkCuts(files, sort, request.top);
  const columns = gridColumns(task).map((column) => column.id);
  const factColumns = partitionFactColumns(task);
  // The names the shard's leaderboard gave the key columns (`by_Model` for a --by Model).
  const names = keyColumns(options.by, task);
  const order = new Map(task.models.map((model, i) => [model.name, i]));
  const partitions = new Map<string, { key: string[]; file: ShardFile; status: PartitionStatus; reason: string; rows: GridRow[]; global: GridRow[]; facts: Record<string, number> }>();
  for (const file of files) {
    for (const [i, record] of file.rows.entries()) {
      const key = names.map((name) => {
        const value = record[name];
        // A shard from before key columns were renamed lost its `Model` key to the model's name.
        if (typeof value !== "string") throw new InputError(`${file.name}: line ${i + 2} has no key column ${name}`);
        return value;
      });
      const id = keyId(key);
      let partition = partitions.get(id);
      if (partition === undefined) {
        // A fact left empty in the piece was not known (a child that died): it stays unknown.
        const facts = Object.fromEntries(factColumns.flatMap((column) => (typeof record[column] === "number" ? [[column, record[column]]] : [])));
        partition = { key, file, status: status(record.status ?? "ok"), reason: String(record.reason ?? ""), rows: [], global: [], facts };
        partitions.set(id, partition);
      } else if (partition.file !== file) {
        // The shards of one run hold each partition once; pieces of versions that assigned
        // partitions differently would otherwise double some and lose others.
        throw new InputError(`${file.name}: partition ${describeKey(options.by, key)} is also in ${partition.file.name}; rerun the shards with one version of automl-grid`);
      }
      if (typeof record.Model !== "string") continue;
      // A piece of a --baseline global run carries the global rows in full, marked.
      (record[BASELINE_ROW_COLUMN] === GLOBAL_ROW ? partition.global : partition.rows).push({
        model: record.Model,
        mean: Object.fromEntries(columns.map((column) => [column, numberOrNaN(record[column])])),
        sd: Object.fromEntries(columns.map((column) => [column, numberOrNaN(record[deviationColumn(column)])])),
      });
    }
  }
  const byRegistry = (a: GridRow, b: GridRow): number => (order.get(a.model) ?? 0) - (order.get(b.model) ?? 0);
  const results: PartitionResult[] = [...partitions.values()].map((p) => ({
    key: p.key,
    status: p.status,
    reason: p.reason,
    rows: p.rows.sort(byRegistry),
    notes: [],
    facts: p.facts,
    ...(options.baseline === "global" ? { global: p.global.sort(byRegistry) } : {}),
  }));
  // A piece whose global baseline failed makes the whole run's fail, as one run's would.
  const failedPiece = files.find((file) => file.metadata.baselineFailed !== undefined);
  const { baselineFailed: _, ...common } = files[0].metadata;
  const failure = failedPiece === undefined ? {} : { baselineFailed: `${String(failedPiece.metadata.baselineFailed)} (in ${failedPiece.name})` };
  return { metadata: { ...common, ...failure, shard: null }, results, sort };
}

import { InputError, UsageError } from "../errors.js";
import { describeDelimiter, type Dialect } from "./dialect.js";
import { NumericDistinct } from "./distinctValues.js";
import { isMissing } from "./missing.js";
import { numericTally } from "./mostlyNumeric.js";
import { fromDecimalComma, isNumericCell } from "./numberCell.js";
import { compareKeys, describeKey, keyId, type PartitionKey } from "./partitionKey.js";
import { inputName, readCsv, type CsvReadResult } from "./readCsv.js";
import { rowText } from "./rowText.js";
import { shardAssignment, type Shard } from "./shard.js";
import { columnHint, quotedName } from "./suggestColumn.js";
import { statSync } from "node:fs";
import type { Readable } from "node:stream";
import { shortText } from "./shortText.js";

export interface ReadPartitionsOptions extends Dialect {
  readonly input: string;
  readonly target: string;
  readonly by: readonly string[];
  readonly foldColumn: string | null;
  readonly ignore: readonly string[];
  readonly shard: Shard | null;
}

/** A partition's rows, one JSON array text per row (see rowText): what a child receives. */
export interface PartitionRows {
  readonly key: PartitionKey;
  readonly lines: string[];
}

/** The target over the whole file: whether every present value is a number, and how many distinct values (counted up to a cap). */
export interface TargetSummary {
  /** The first present value that is not a number and its row (numbered as every message numbers rows); null when every one is a number. */
  readonly notNumber: { readonly value: string; readonly row: number } | null;
  /**
   * The first DISTINCT_CAP distinct present values, in order of appearance, each as the text of
   * its first cell: distinct by value when every one is a number (`1`, `01` and `1.0` are one
   * value, as pandas reads the column), else by text.
   */
  readonly values: readonly string[];
  /** The largest size of a present value when every one is a number (all of them, not only the first DISTINCT_CAP); 0 otherwise. */
  readonly largest: number;
}

/** Enough to tell "more than 20 distinct values" without holding a continuous target's values. */
export const DISTINCT_CAP = 1000;

export interface PartitionedInput {
  /** The columns of the rows held (Layout.sent): features, keys, target and fold column, in the file's order. */
  readonly header: readonly string[];
  readonly features: readonly string[];
  readonly partitions: readonly PartitionRows[];
  /** What the target's present values look like, for choosing the task. */
  readonly target: TargetSummary;
  /** Rows dropped because their target was missing. */
  readonly droppedTargets: number;
  /** Partitions (in key order) whose every row's target is missing: no grid can be made, and the run says so. */
  readonly targetless: readonly PartitionKey[];
  readonly dataRows: number;
  readonly fingerprint: string;
  /** What the reading found worth saying once on stderr (columns a stray cell makes categorical). */
  readonly notes: readonly string[];
}

/** Why a header may have come out as one column, and what to do about it. */
function oneColumnHint(options: ReadPartitionsOptions): string {
  if (options.delimiter !== "auto") return `split on ${describeDelimiter(options.delimiter)} as --delimiter says; is that the file's delimiter?`;
  const candidates = options.decimal === "," ? "; tab or | (with --decimal , a comma is no delimiter)" : ", ; tab or |";
  return `no ${candidates} splits it; if the file has another delimiter, give --delimiter`;
}

function checkHeader(name: string, header: readonly string[], options: ReadPartitionsOptions): readonly string[] {
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) throw new InputError(`${name}: the header has column ${shortText(column)} twice`);
    seen.add(column);
  }
  const oneColumn = header.length === 1 ? ` (its header is one column, "${shortText(header[0])}"; ${oneColumnHint(options)})` : "";
  const need = (column: string, option: string): void => {
    if (seen.has(column)) return;
    // --by and --ignore read their names as CSV records: a suggested name is written that way.
    const asTyped = option === "--by" || option === "--ignore" ? quotedName : undefined;
    const hint = oneColumn !== "" ? oneColumn : `; ${columnHint(column, header, asTyped)}`;
    throw new UsageError(`${option} ${column}: no such column in ${name}${hint}`);
  };
  need(options.target, "--target");
  for (const column of options.by) need(column, "--by");
  if (options.foldColumn !== null) need(options.foldColumn, "--fold-column");
  for (const column of options.ignore) need(column, "--ignore");
  if (options.foldColumn !== null && options.by.includes(options.foldColumn)) {
    throw new UsageError(`--fold-column ${options.foldColumn}: also a --by column; a column is one or the other`);
  }
  const roles = [...options.by, ...(options.foldColumn !== null ? [options.foldColumn] : [])];
  if (roles.includes(options.target)) throw new UsageError(`--target ${options.target} cannot also be a --by or --fold-column column`);
  const excluded = new Set([options.target, ...roles, ...options.ignore]);
  const features = header.filter((column) => !excluded.has(column));
  if (features.length === 0) {
    // A one-column header is most often a file split on the wrong character: say so.
    const why = header.length === 1 ? ` (the header is one column, "${shortText(header[0])}": ${oneColumnHint(options)})` : "";
    throw new UsageError(`${name}: no feature columns left after --target, --by, --fold-column and --ignore${why}`);
  }
  return features;
}

/** Where the columns a run reads sit in the header, found once. */
interface Layout {
  readonly features: readonly string[];
  readonly targetAt: number;
  readonly foldAt: number;
  readonly byAt: readonly number[];
  /** The columns turned to the dot form with `--decimal ,`: all but the keys, which keep their text. */
  readonly converted: readonly number[];
  /**
   * The columns the children read (features, target, fold column, and the keys, which the global
   * baseline takes as features), in header order: a row is kept and sent with these cells only,
   * so an --ignore'd column (of long texts, say) costs nothing past the parse.
   */
  readonly sent: readonly number[];
}

function layoutOf(name: string, header: readonly string[], options: ReadPartitionsOptions): Layout {
  const features = checkHeader(name, header, options);
  const featureSet = new Set(features);
  const byAt = options.by.map((column) => header.indexOf(column));
  return {
    features,
    targetAt: header.indexOf(options.target),
    foldAt: options.foldColumn === null ? -1 : header.indexOf(options.foldColumn),
    byAt,
    converted: options.decimal === "," ? header.map((_, j) => j).filter((j) => !byAt.includes(j)) : [],
    sent: header.flatMap((column, j) => (featureSet.has(column) || byAt.includes(j) || column === options.target || column === options.foldColumn ? [j] : [])),
  };
}

/** A row's partition key: its --by values, a missing one as "". */
function keyOf(cells: readonly string[], layout: Layout): PartitionKey {
  return layout.byAt.map((j) => (isMissing(cells[j]) ? "" : cells[j]));
}

/** A partition of the file, numbered in order of first appearance, with the rows it has. */
interface PartitionCount {
  readonly key: PartitionKey;
  readonly id: string;
  readonly index: number;
  rows: number;
}

/**
 * What every row of the file says, before any shard's filter: the target's values (--task auto
 * must choose the same task in every shard of a run) and each partition's row count (every shard
 * must compute the same assignment). Rows with a missing target are dropped and counted.
 */
function fileSummary(name: string, options: ReadPartitionsOptions) {
  const partitions = new Map<string, PartitionCount>();
  const texts = new Set<string>();
  const numbers = new NumericDistinct(DISTINCT_CAP);
  let notNumber: TargetSummary["notNumber"] = null;
  let droppedTargets = 0;
  const droppedKeys = new Map<string, PartitionKey>();
  return {
    partitions,
    /** Counts one row; its partition, or null for a row whose target is missing. */
    row(cells: readonly string[], rowNumber: number, layout: Layout): PartitionCount | null {
      const label = cells[layout.targetAt];
      if (isMissing(label)) {
        droppedTargets++;
        if (options.by.length > 0) {
          const key = keyOf(cells, layout);
          droppedKeys.set(keyId(key), key);
        }
        return null;
      }
      const value = options.decimal === "," ? fromDecimalComma(label) : label;
      if (texts.size < DISTINCT_CAP) texts.add(value);
      if (notNumber === null && !isNumericCell(value)) notNumber = { value: label, row: rowNumber };
      if (notNumber === null) numbers.add(value);
      if (layout.foldAt >= 0 && isMissing(cells[layout.foldAt])) {
        throw new InputError(`${name}: row ${rowNumber} has no value in fold column ${options.foldColumn}`);
      }
      const key = keyOf(cells, layout);
      const id = keyId(key);
      let partition = partitions.get(id);
      if (partition === undefined) {
        partition = { key, id, index: partitions.size, rows: 0 };
        partitions.set(id, partition);
      }
      partition.rows++;
      return partition;
    },
    target(): TargetSummary {
      if (texts.size === 0) throw new InputError(`${name}: every row's target ${options.target} is missing`);
      return notNumber === null ? { notNumber, values: numbers.values(), largest: numbers.largest } : { notNumber, values: [...texts], largest: 0 };
    },
    droppedTargets: () => droppedTargets,
    targetless: (): PartitionKey[] => [...droppedKeys].flatMap(([id, key]) => (partitions.has(id) ? [] : [key])).sort(compareKeys),
  };
}

/**
 * The rows the run scores (every partition's, or one shard's), as the children receive them,
 * counted for the notes on mostly-numeric columns: the notes are about the rows this run scores.
 */
function keptRows(header: readonly string[], layout: Layout, options: ReadPartitionsOptions) {
  const partitions = new Map<string, PartitionRows & { readonly index: number }>();
  const tally = numericTally(header, [...layout.features, options.target], options.decimal, options.target);
  return {
    add(cells: string[], rowNumber: number, key: PartitionKey, id: string): void {
      let partition = partitions.get(id);
      if (partition === undefined) {
        partition = { key, lines: [], index: partitions.size };
        partitions.set(id, partition);
      }
      tally.add(cells, rowNumber, partition.index);
      for (const j of layout.converted) cells[j] = fromDecimalComma(cells[j]);
      // Most runs send every column: no second array a row then.
      partition.lines.push(rowText(layout.sent.length === cells.length ? cells : layout.sent.map((j) => cells[j])));
    },
    result(): { partitions: PartitionRows[]; notes: string[] } {
      const kept = [...partitions.values()];
      const partitionName = options.by.length === 0 ? null : (index: number) => describeKey(options.by, kept[index].key);
      return { partitions: kept.map(({ key, lines }) => ({ key, lines })), notes: tally.notes(partitionName) };
    },
  };
}

type KeptRows = ReturnType<typeof keptRows>;

/**
 * A shard's input that cannot be read twice (stdin, a FIFO, a shell's `<(zcat ...)`): every row
 * with a target is held through the one pass, as an unsharded run holds them, and the rows of the
 * shard's partitions are handed on once the assignment is known.
 */
function heldRows() {
  const texts: string[] = [];
  const rowNumbers: number[] = [];
  const partitionOf: number[] = [];
  return {
    add(cells: readonly string[], rowNumber: number, partition: number): void {
      texts.push(rowText(cells));
      rowNumbers.push(rowNumber);
      partitionOf.push(partition);
    },
    /** Hands on, in file order, the rows of the partitions `mine` marks. */
    replay(mine: (partition: number) => PartitionCount | undefined, into: KeptRows): void {
      for (let i = 0; i < texts.length; i++) {
        const partition = mine(partitionOf[i]);
        if (partition !== undefined) into.add(JSON.parse(texts[i]) as string[], rowNumbers[i], partition.key, partition.id);
      }
      texts.length = 0;
    },
  };
}

type HeldRows = ReturnType<typeof heldRows>;

/** Whether the input can be read a second time: a regular file, not stdin or a pipe. */
function rereadable(input: string): boolean {
  return input !== "-" && statSync(input, { throwIfNoEntry: false })?.isFile() === true;
}

/**
 * Reads the CSV and routes each row to its partition (one partition when there is no --by),
 * skipping rows whose target is missing, so that the parent holds only the partitions it will
 * score. With `--decimal ,` every cell but the --by keys (which keep their text) is turned to the
 * dot form here, once.
 *
 * With --shard the partitions are assigned to shards by their row counts (shardAssignment), which
 * only the whole file tells: a regular file is read twice, counting rows and then keeping this
 * shard's, so that a shard never holds the others' rows; an input that cannot be read twice has
 * all its rows held through its one pass and the others' dropped after it.
 */
export async function readPartitions(options: ReadPartitionsOptions, stdin?: Readable): Promise<PartitionedInput> {
  const name = inputName(options.input);
  const { shard } = options;
  const summary = fileSummary(name, options);
  let layout = null as Layout | null; // set by onHeader, which readCsv calls first
  let kept = null as KeptRows | null; // without --shard, the one pass keeps every row
  const held = shard !== null && !rereadable(options.input) ? heldRows() : null;

  const read = await readCsv(
    options.input,
    {
      onHeader(header) {
        layout = layoutOf(name, header, options);
        if (shard === null) kept = keptRows(header, layout, options);
      },
      onRow(cells, rowNumber) {
        if (layout === null) return;
        const partition = summary.row(cells, rowNumber, layout);
        if (partition === null) return;
        kept?.add(cells, rowNumber, partition.key, partition.id);
        held?.add(cells, rowNumber, partition.index);
      },
    },
    options,
    stdin,
  );
  const target = summary.target();
  if (layout === null) throw new Error("readCsv resolved without a header");
  const rows = shard === null ? kept : await shardRows(name, options, shard, read, layout, [...summary.partitions.values()], held);
  if (rows === null) throw new Error("readCsv resolved without a header");
  const { partitions, notes } = rows.result();
  const header = read.header;
  return {
    header: layout.sent.map((j) => header[j]),
    features: layout.features,
    partitions,
    target,
    droppedTargets: summary.droppedTargets(),
    targetless: summary.targetless(),
    dataRows: read.dataRows,
    fingerprint: read.fingerprint,
    notes,
  };
}

/** The rows of `shard`'s partitions, once the whole file has told every partition's row count. */
async function shardRows(
  name: string,
  options: ReadPartitionsOptions,
  shard: Shard,
  first: CsvReadResult,
  layout: Layout,
  partitions: readonly PartitionCount[],
  held: HeldRows | null,
): Promise<KeptRows> {
  const assigned = shardAssignment(partitions, shard.count);
  const mine = new Map(partitions.filter((partition) => assigned[partition.index] === shard.index).map((partition) => [partition.id, partition]));
  const kept = keptRows(first.header, layout, options);
  if (held !== null) held.replay((index) => mine.get(partitions[index].id), kept);
  else await keepShardRows(name, options, first, layout, mine, kept);
  return kept;
}

/**
 * The second pass over a shard's regular file: the same file (its sha256 is checked), split on the
 * delimiter the first pass found, keeping the rows of the shard's partitions.
 */
async function keepShardRows(
  name: string,
  options: ReadPartitionsOptions,
  first: CsvReadResult,
  layout: Layout,
  mine: ReadonlyMap<string, PartitionCount>,
  into: KeptRows,
): Promise<void> {
  const changed = new InputError(`${name}: changed while --shard read it twice (once to count each partition's rows, once to keep this shard's)`);
  const second = await readCsv(
    options.input,
    {
      onHeader(names) {
        if (names.length !== first.header.length || names.some((column, j) => column !== first.header[j])) throw changed;
      },
      onRow(cells, rowNumber) {
        if (isMissing(cells[layout.targetAt])) return;
        const partition = mine.get(keyId(keyOf(cells, layout)));
        if (partition !== undefined) into.add(cells, rowNumber, partition.key, partition.id);
      },
    },
    { ...options, delimiter: first.delimiter },
  );
  if (second.fingerprint !== first.fingerprint || second.dataRows !== first.dataRows) throw changed;
}

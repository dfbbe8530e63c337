import { InputError, UsageError } from "../errors.js";
import { describeDelimiter, type Dialect } from "./dialect.js";
import { isMissing } from "./missing.js";
import { numericTally, type NumericTally } from "./mostlyNumeric.js";
import { fromDecimalComma, isNumericCell } from "./numberCell.js";
import { describeKey, keyId, type PartitionKey } from "./partitionKey.js";
import { inputName, readCsv } from "./readCsv.js";
import { rowText } from "./rowText.js";
import { shardOf, type Shard } from "./shard.js";
import type { Readable } from "node:stream";

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
  readonly numeric: boolean;
  /** The first DISTINCT_CAP distinct present values, in order of appearance. */
  readonly values: readonly string[];
}

/** Enough to tell "more than 20 distinct values" without holding a continuous target's values. */
export const DISTINCT_CAP = 1000;

export interface PartitionedInput {
  readonly header: readonly string[];
  readonly features: readonly string[];
  readonly partitions: readonly PartitionRows[];
  /** What the target's present values look like, for choosing the task. */
  readonly target: TargetSummary;
  /** Rows dropped because their target was missing. */
  readonly droppedTargets: number;
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
    if (column === "") throw new InputError(`${name}: the header has an empty column name`);
    if (seen.has(column)) throw new InputError(`${name}: the header has column ${column} twice`);
    seen.add(column);
  }
  const oneColumn = header.length === 1 ? ` (its header is one column, "${header[0]}"; ${oneColumnHint(options)})` : "";
  const need = (column: string, option: string): void => {
    if (!seen.has(column)) throw new UsageError(`${option} ${column}: no such column in ${name}${oneColumn}`);
  };
  need(options.target, "--target");
  for (const column of options.by) need(column, "--by");
  if (options.foldColumn !== null) need(options.foldColumn, "--fold-column");
  for (const column of options.ignore) need(column, "--ignore");
  const roles = [...options.by, ...(options.foldColumn !== null ? [options.foldColumn] : [])];
  if (roles.includes(options.target)) throw new UsageError(`--target ${options.target} cannot also be a --by or --fold-column column`);
  const excluded = new Set([options.target, ...roles, ...options.ignore]);
  const features = header.filter((column) => !excluded.has(column));
  if (features.length === 0) {
    // A one-column header is most often a file split on the wrong character: say so.
    const why = header.length === 1 ? ` (the header is one column, "${header[0]}": ${oneColumnHint(options)})` : "";
    throw new UsageError(`${name}: no feature columns left after --target, --by, --fold-column and --ignore${why}`);
  }
  return features;
}

/**
 * Reads the CSV once and routes each row to its partition (one partition when there is no --by),
 * skipping rows whose target is missing and rows of other shards as they stream past, so that the
 * parent holds only the partitions it will score. With `--decimal ,` every cell but the --by keys
 * (which keep their text) is turned to the dot form here, once.
 */
export async function readPartitions(options: ReadPartitionsOptions, stdin?: Readable): Promise<PartitionedInput> {
  const name = inputName(options.input);
  let features: readonly string[] = [];
  let targetAt = -1;
  let foldAt = -1;
  let byAt: number[] = [];
  let converted: number[] = [];
  let tally = null as NumericTally | null; // set by onHeader, which readCsv calls first
  const partitions = new Map<string, PartitionRows & { readonly index: number }>();
  const distinct = new Set<string>();
  let numeric = true;
  let droppedTargets = 0;

  const result = await readCsv(
    options.input,
    {
      onHeader(header) {
        features = checkHeader(name, header, options);
        targetAt = header.indexOf(options.target);
        foldAt = options.foldColumn === null ? -1 : header.indexOf(options.foldColumn);
        byAt = options.by.map((column) => header.indexOf(column));
        converted = options.decimal === "," ? header.map((_, j) => j).filter((j) => !byAt.includes(j)) : [];
        tally = numericTally(header, [...features, options.target], options.decimal, options.target);
      },
      onRow(cells, rowNumber) {
        const label = cells[targetAt];
        if (isMissing(label)) {
          droppedTargets++;
          return;
        }
        // Over every row of the file, before the shard's filter: --task auto must choose the
        // same task in every shard of a run.
        const value = options.decimal === "," ? fromDecimalComma(label) : label;
        if (distinct.size < DISTINCT_CAP) distinct.add(value);
        if (numeric && !isNumericCell(value)) numeric = false;
        if (foldAt >= 0 && isMissing(cells[foldAt])) {
          throw new InputError(`${name}: row ${rowNumber} has no value in fold column ${options.foldColumn}`);
        }
        const key = byAt.map((j) => (isMissing(cells[j]) ? "" : cells[j]));
        if (options.shard !== null && shardOf(key, options.shard.count) !== options.shard.index) return;
        const id = keyId(key);
        let partition = partitions.get(id);
        if (partition === undefined) {
          partition = { key, lines: [], index: partitions.size };
          partitions.set(id, partition);
        }
        tally?.add(cells, rowNumber, partition.index);
        for (const j of converted) cells[j] = fromDecimalComma(cells[j]);
        partition.lines.push(rowText(cells));
      },
    },
    options,
    stdin,
  );
  if (distinct.size === 0) throw new InputError(`${name}: every row's target ${options.target} is missing`);
  const kept = [...partitions.values()];
  const partitionName = options.by.length === 0 ? null : (index: number) => describeKey(options.by, kept[index].key);
  return {
    header: result.header,
    features,
    partitions: kept.map(({ key, lines }) => ({ key, lines })),
    target: { numeric, values: [...distinct] },
    droppedTargets,
    dataRows: result.dataRows,
    fingerprint: result.fingerprint,
    notes: tally?.notes(partitionName) ?? [],
  };
}

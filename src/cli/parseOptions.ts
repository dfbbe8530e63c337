import { availableParallelism } from "node:os";
import { extname } from "node:path";
import type { DecimalMark } from "../data/dialect.js";
import type { Shard } from "../data/shard.js";
import { UsageError } from "../errors.js";
import { gridColumns, type TaskId } from "../evaluate/task.js";
import { isTaskId, TASK_IDS, taskInfo } from "../evaluate/tasks.js";
import { FORMATS, isFormat, type Format } from "../report/formats.js";
import type { RunOptions } from "../index.js";

/** Option values as commander hands them over: strings, before any checking. */
export interface RawOptions {
  target?: string;
  task?: string;
  exclude?: string;
  /** One value per --by given (the flag repeats); each a CSV record of column names. */
  by?: string[];
  models?: string;
  folds?: string;
  foldColumn?: string;
  trainSize?: string;
  minRows?: string;
  seed?: string;
  sort?: string;
  top?: string;
  round?: string;
  ignore?: string[];
  format?: string;
  out?: string;
  workers?: string;
  shard?: string;
  baseline?: string;
  resume?: string;
  delimiter?: string;
  encoding?: string;
  decimal?: string;
  quiet?: boolean;
  strict?: boolean;
  debug?: boolean;
}

/**
 * Every default, written once: the help text shows these and runOptions falls back on them.
 * Options absent here default to "none" (or, for --models and --sort, to the task's own).
 */
export const DEFAULTS = {
  task: "auto",
  folds: "10",
  trainSize: "0.7",
  // Off: a partition too small to fold is skipped anyway; PyCaret has no such floor either.
  minRows: "0",
  seed: "123",
  round: "4",
  workers: String(availableParallelism()),
} as const satisfies Partial<Record<keyof RawOptions, string>>;

export interface OutputOptions {
  readonly format: Format;
  readonly round: number;
  readonly out: string | null;
  readonly quiet: boolean;
  /** Skipped partitions exit 1, as failed ones do. */
  readonly strict: boolean;
}

export function list(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/**
 * One option value read as one CSV record, so that a column whose name holds a comma can be
 * named: `"Make, Model",Year` is `Make, Model` and `Year`. Names are trimmed, as the header's
 * are; an empty name is refused rather than skipped, since `--by a,,b` is more likely a slip.
 */
function csvRecord(option: string, text: string): string[] {
  const bad = (why: string): UsageError => new UsageError(`${option} ${text}: ${why}`);
  const names: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === " " || text[i] === "\t") i++;
    let name: string;
    if (text[i] === '"') {
      // RFC 4180: a quoted field, "" standing for one quote.
      name = "";
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) throw bad("a quote is not closed");
        name += text.slice(i, close);
        i = close + 1;
        if (text[i] !== '"') break;
        name += '"';
        i++;
      }
      while (text[i] === " " || text[i] === "\t") i++;
      if (i < text.length && text[i] !== ",") throw bad("text after a closing quote; quote the whole name");
    } else {
      const comma = text.indexOf(",", i);
      name = text.slice(i, comma < 0 ? text.length : comma);
      i = comma < 0 ? text.length : comma;
    }
    name = name.trim();
    if (name === "") throw bad("an empty column name");
    names.push(name);
    if (i >= text.length) return names;
    i++; // past the comma
  }
}

/** A repeatable column-list option: every value's names, in order, each named once. */
function columnList(option: string, values: readonly string[] | undefined): string[] {
  const names: string[] = [];
  for (const value of values ?? []) {
    for (const name of csvRecord(option, value)) {
      if (names.includes(name)) throw new UsageError(`${option} ${name}: column named twice`);
      names.push(name);
    }
  }
  return names;
}

/** Plain decimal digits only: Number() would also take 0x10, 1e3, " 3 ", "" (as 0) and Infinity. */
const INTEGER = /^\d+$/;
/** A plain decimal fraction: 1, 0.7, .5; no sign, exponent, hex or blanks. */
const DECIMAL = /^(?:\d+|\d*\.\d+)$/;

export function integer(option: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = INTEGER.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    // Digits past the largest safe integer are a number all the same: say it is too large, and how large it may be.
    const range = max === Number.MAX_SAFE_INTEGER && !(n > max) ? `>= ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`${option} ${value}: ${n > max ? "too large: " : ""}expected an integer ${range}`);
  }
  return n;
}

function trainSize(value: string): number {
  const n = DECIMAL.test(value) ? Number(value) : NaN;
  if (!(n > 0 && n <= 1)) {
    throw new UsageError(`--train-size ${value}: expected a number above 0 and at most 1, such as 0.7`);
  }
  return n;
}

/** Every column any task can sort by, for checking --sort before the task is known. */
export const SORT_COLUMNS: readonly string[] = [...new Set(TASK_IDS.flatMap((id) => gridColumns(taskInfo(id)).map((column) => column.id)))];

/** --sort, checked against every task's columns (the chosen task's are checked once it is known); null: the task's default. */
export function sortColumn(value: string | undefined): string | null {
  if (value === undefined) return null;
  const found = SORT_COLUMNS.find((column) => column.toLowerCase() === value.toLowerCase());
  if (found === undefined) throw new UsageError(`--sort ${value}: expected one of ${SORT_COLUMNS.join(", ")}`);
  return found;
}

function task(value: string): TaskId | "auto" {
  if (value === "auto" || isTaskId(value)) return value;
  throw new UsageError(`--task ${value}: expected auto, ${TASK_IDS.join(" or ")}`);
}

/** Every model id of any task, for checking --models and --exclude before the task is known. */
const MODEL_IDS: readonly string[] = [...new Set(TASK_IDS.flatMap((id) => taskInfo(id).models.map((model) => model.id)))];

function modelIds(option: string, value: string | undefined): string[] {
  const ids = list(value);
  if (value !== undefined && ids.length === 0) throw new UsageError(`${option}: expected a list from ${MODEL_IDS.join(",")}`);
  for (const id of ids) {
    if (!MODEL_IDS.includes(id)) throw new UsageError(`${option} ${id}: unknown model; expected some of ${MODEL_IDS.join(",")}`);
  }
  return ids;
}

export function shard(value: string | undefined): Shard | null {
  if (value === undefined) return null;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index >= count) {
    throw new UsageError(`--shard ${value}: expected I/N with 0 <= I < N, e.g. 0/8`);
  }
  return { index, count };
}

/** --delimiter: one character (`tab` or `\t` for a tab), or auto (sniffed; see sniffDelimiter). */
export function delimiter(value: string | undefined): string {
  if (value === undefined || value === "auto") return "auto";
  const character = value === "tab" || value === "\\t" ? "\t" : value;
  if ([...character].length !== 1) throw new UsageError(`--delimiter ${value}: expected one character, tab, or auto`);
  if (['"', "\r", "\n", "\uFEFF"].includes(character)) throw new UsageError(`--delimiter ${value}: cannot be a quote or a line end`);
  return character;
}

/** --encoding: any label TextDecoder knows, kept under its canonical name (latin1 is windows-1252). */
export function encoding(value: string | undefined): string {
  if (value === undefined) return "utf-8";
  try {
    return new TextDecoder(value.trim()).encoding;
  } catch {
    throw new UsageError(`--encoding ${value}: unknown encoding; expected a label such as utf-8, latin1, windows-1252 or utf-16le`);
  }
}

export function decimalMark(value: string | undefined): DecimalMark {
  if (value === undefined || value === ".") return ".";
  if (value === ",") return ",";
  throw new UsageError(`--decimal ${value}: expected . or ,`);
}

/** The format an --out file's extension names (case aside): the one place a format's extension is written. */
export const FORMAT_BY_EXTENSION: ReadonlyMap<string, Format> = new Map<string, Format>([
  [".csv", "csv"],
  [".tsv", "tsv"],
  [".json", "json"],
  [".jsonl", "jsonl"],
  [".md", "markdown"],
  [".html", "html"],
  [".txt", "table"],
]);

function knownExtensions(): string {
  return [...FORMAT_BY_EXTENSION].map(([extension, format]) => `${extension} (${format})`).join(", ");
}

function format(value: string): Format {
  if (!isFormat(value)) throw new UsageError(`--format ${value}: expected one of ${FORMATS.join(", ")}`);
  return value;
}

/**
 * --format, else the --out file's extension, else table on a terminal and csv in a pipe. An --out
 * whose extension names another format than --format, or, without --format, no format at all, is
 * refused: a grid of one format in a file named for another is read wrong later, silently. An
 * --out with an extension no format has is fine when --format says what it holds.
 */
export function outputFormat(value: string | undefined, out: string | null, stdoutIsTty: boolean): Format {
  const given = value === undefined ? undefined : format(value);
  if (out === null) return given ?? (stdoutIsTty ? "table" : "csv");
  const extension = extname(out).toLowerCase();
  const named = FORMAT_BY_EXTENSION.get(extension);
  if (given === undefined) {
    if (named !== undefined) return named;
    const why = extension === "" ? "has no extension to name a format" : `extension ${extension} names no format`;
    throw new UsageError(`--out ${out}: ${why}; give --format, or end the name in one of ${knownExtensions()}`);
  }
  if (named !== undefined && named !== given) {
    throw new UsageError(`--out ${out}: ${extension} is the extension of ${named}, but --format is ${given}; change one of them`);
  }
  return given;
}

/**
 * The output options of a run or a merge. A shard writes a piece for `merge`: jsonl, whose first
 * line says which run it belongs to, in a file named *.jsonl.
 */
export function outputOptions(raw: RawOptions, stdoutIsTty: boolean, shard = false): OutputOptions {
  const out = raw.out ?? null;
  if (out === "") throw new UsageError("--out: expected a file path");
  if (shard) {
    if (raw.format !== undefined && format(raw.format) !== "jsonl") {
      throw new UsageError(`--shard writes pieces for automl-grid merge: use --format jsonl, not ${raw.format}`);
    }
    if (out !== null && extname(out).toLowerCase() !== ".jsonl") {
      throw new UsageError(`--out ${out}: --shard writes jsonl pieces for automl-grid merge; name the file *.jsonl`);
    }
  }
  return {
    format: shard ? "jsonl" : outputFormat(raw.format, out, stdoutIsTty),
    round: integer("--round", raw.round ?? DEFAULTS.round, 0, 15),
    out,
    quiet: raw.quiet === true,
    strict: raw.strict === true,
  };
}

/** --resume's journal path, or null without it. */
export function resumePath(raw: RawOptions): string | null {
  if (raw.resume === undefined) return null;
  if (raw.resume.trim() === "") throw new UsageError("--resume: expected a file path");
  return raw.resume;
}

/** Checks every option at the door; the core only ever sees valid values. */
export function runOptions(input: string, raw: RawOptions): RunOptions {
  if (raw.target === undefined || raw.target.trim() === "") throw new UsageError("--target <column> is required");
  const target = raw.target.trim();
  const by = columnList("--by", raw.by);
  const ignore = columnList("--ignore", raw.ignore);
  for (const name of ignore) {
    if (by.includes(name)) throw new UsageError(`--ignore ${name}: also a --by column; a column is one or the other`);
    if (name === target) throw new UsageError(`--ignore ${name}: is the --target column, which is never a feature`);
  }
  if (raw.shard !== undefined && by.length === 0) {
    throw new UsageError("--shard splits a run's partitions among machines: it needs --by");
  }
  const baseline = baselineOption(raw.baseline);
  if (baseline !== undefined && by.length === 0) {
    throw new UsageError("--baseline global compares per-partition models with one trained on all partitions: it needs --by");
  }
  const dialect = { delimiter: delimiter(raw.delimiter), encoding: encoding(raw.encoding), decimal: decimalMark(raw.decimal) };
  if (dialect.delimiter === dialect.decimal) {
    throw new UsageError(`--decimal ${dialect.decimal}: the decimal mark cannot also be the --delimiter`);
  }
  return {
    input,
    target,
    task: task(raw.task ?? DEFAULTS.task),
    by,
    models: raw.models === undefined || raw.models.trim() === "all" ? null : modelIds("--models", raw.models),
    exclude: modelIds("--exclude", raw.exclude),
    folds: integer("--folds", raw.folds ?? DEFAULTS.folds, 2),
    foldColumn: foldColumn(raw.foldColumn),
    trainSize: trainSize(raw.trainSize ?? DEFAULTS.trainSize),
    minRows: integer("--min-rows", raw.minRows ?? DEFAULTS.minRows, 0),
    seed: integer("--seed", raw.seed ?? DEFAULTS.seed, 0, 0xffffffff),
    ignore,
    sort: sortColumn(raw.sort),
    top: integer("--top", raw.top ?? String(Number.MAX_SAFE_INTEGER), 1),
    workers: integer("--workers", raw.workers ?? DEFAULTS.workers, 1, 256),
    shard: shard(raw.shard),
    ...dialect,
    ...(baseline === undefined ? {} : { baseline }),
  };
}

/** --fold-column: a name, or none when absent; an empty name is refused, not read as absent. */
function foldColumn(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (value.trim() === "") throw new UsageError("--fold-column: expected a column name");
  return value.trim();
}

/** --baseline: global, or none (the default, which records nothing). */
function baselineOption(value: string | undefined): "global" | undefined {
  if (value === undefined || value.trim() === "none") return undefined;
  if (value.trim() === "global") return "global";
  throw new UsageError(`--baseline ${value}: expected global or none`);
}

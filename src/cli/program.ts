import { Command, Option } from "commander";
import { MODEL_IDS } from "../models/registry.js";
import { FORMATS } from "../report/formats.js";
import { SORT_COLUMNS, type RawOptions } from "./parseOptions.js";

export interface ProgramHandlers {
  writeOut(text: string): void;
  writeErr(text: string): void;
  score(input: string, options: RawOptions): Promise<void>;
  merge(files: string[], options: RawOptions): Promise<void>;
}

const EXAMPLES = `
Examples:
  automl-grid titanic.csv --target Survived --by Sex --top 5 > grid.csv
  automl-grid sales.csv --target churned --by region,plan --workers 2 --top 3 --format jsonl --out grid.jsonl
  automl-grid data.csv --target y --by store --shard 3/8 --out part-3.jsonl   # one piece of 8, on one machine
  automl-grid merge part-*.jsonl --format csv --out grid.csv                  # the whole grid from the pieces
  cat data.csv | automl-grid - --target y --models lr,rf --folds 5

Exit codes:
  0  every partition was scored
  1  some partitions failed (their rows say why); the grid was still written
  2  bad usage or bad input (one line on stderr; nothing written)
  130, 143  interrupted by SIGINT / SIGTERM (children stopped; nothing written)
  141       stdout closed early by its reader (as with | head)
`;

/** A repeatable option's values, in order; parseOptions reads each as a CSV record of names. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The commander program: argument syntax, help and version only; checking happens in parseOptions. */
export function buildProgram(version: string, handlers: ProgramHandlers): Command {
  const program = new Command("automl-grid");
  program
    .description(
      "PyCaret-style compare_models leaderboards from a CSV: stratified k-fold scores for lr, rf, nb, knn and dt, one grid per partition.",
    )
    .version(version, "-V, --version")
    .argument("<csv>", 'input CSV file, or "-" for stdin')
    .option("--target <column>", "column to predict (classification); required")
    .option("--by <columns>", 'partition key columns, one grid per distinct combination; comma-separated, a name holding a comma in double quotes (\'"Make, Model",Year\'); repeatable', collect)
    .option("--models <ids>", `model families, comma-separated (default: ${MODEL_IDS.join(",")})`)
    .option("--folds <n>", "stratified k-fold count (default: 10)")
    .option("--fold-column <column>", "use this column's values as predefined folds; not a feature")
    .option("--train-size <fraction>", "stratified train split, cross-validated as PyCaret does; 1 = all rows (default: 0.7)")
    .option("--seed <n>", "seed for every random choice: split, folds, forests (default: 123)")
    .option("--sort <metric>", `sort column, descending (TT_Sec ascending): ${SORT_COLUMNS.join(", ")} (default: Accuracy)`)
    .option("--top <n>", "rows kept per grid, like n_select (default: all)")
    .option("--round <n>", "decimals in text formats; json and jsonl keep full precision (default: 4)")
    .option("--ignore <columns>", "columns that are not features, comma-separated as --by; repeatable", collect)
    .addOption(
      new Option("--format <format>", `output format: ${FORMATS.join("|")} (default: table on a terminal, else from --out's extension, else csv)`),
    )
    .option("--out <file>", "write the grid there (atomically: whole or not at all) instead of stdout")
    .option("--workers <n>", "child processes scoring partitions in parallel (default: number of cores)")
    .option("--shard <I/N>", "score only shard I of N (0 <= I < N) of the partitions, to merge later")
    .option("--resume <file>", "journal of finished partitions: rerun a killed run with the same file and options to score only the rest")
    .option("--delimiter <char>", "field separator: one character, tab, or auto (sniffed among , ; tab | from the first lines) (default: auto)")
    .option("--encoding <label>", "text encoding of the CSV: utf-8, latin1, windows-1252, utf-16le, ... (default: utf-8)")
    .option("--decimal <mark>", "decimal mark of numeric cells: . or , (default: .)")
    .option("--quiet", "no progress on stderr (warnings and errors still shown)")
    .option("--debug", "print stack traces of internal errors")
    .addHelpText("after", EXAMPLES)
    .showSuggestionAfterError(true)
    // Options after "merge" belong to merge, not to the scoring command.
    .enablePositionalOptions()
    .allowExcessArguments(false)
    .configureOutput({
      writeOut: handlers.writeOut,
      writeErr: handlers.writeErr,
      // One line, always: commander puts its "(Did you mean ...?)" on a line of its own.
      outputError: (text, write) => write(`automl-grid: ${text.trim().replace(/\s*\n\s*/g, " ")}\n`),
    })
    .exitOverride()
    .action(async (input: string, options: RawOptions) => handlers.score(input, options));

  program
    .command("merge")
    .description("merge the jsonl pieces written with --shard I/N into one grid, as a single run would write it")
    .argument("<files...>", "every shard's jsonl file, 0..N-1, once each")
    .option("--sort <metric>", "sort column, as for a run (default: Accuracy)")
    .option("--top <n>", "rows kept per grid (default: all)")
    .option("--round <n>", "decimals in text formats (default: 4)")
    .addOption(new Option("--format <format>", `output format: ${FORMATS.join("|")}`))
    .option("--out <file>", "write the grid there (atomically) instead of stdout")
    .option("--quiet", "accepted for symmetry; merge prints no progress")
    .option("--debug", "print stack traces of internal errors")
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({
      writeOut: handlers.writeOut,
      writeErr: handlers.writeErr,
      outputError: (text, write) => write(`automl-grid merge: ${text.trim().replace(/\s*\n\s*/g, " ")}\n`),
    })
    .action(async (files: string[], options: RawOptions) => handlers.merge(files, options));
  return program;
}

import { Command, InvalidArgumentError, Option } from "commander";
import { TASK_IDS, taskInfo } from "../evaluate/tasks.js";
import { shortText } from "../data/shortText.js";
import { FORMATS } from "../report/formats.js";
import { DEFAULTS, type RawOptions } from "./parseOptions.js";

/** "lr,rf,... (classification); lr,lasso,... (regression)": every task's models, from the registries. */
const MODELS_BY_TASK = TASK_IDS.map((id) => `${taskInfo(id).models.map((model) => model.id).join(",")} (${id})`).join("; ");
const SORT_BY_TASK = TASK_IDS.map((id) => `${taskInfo(id).defaultSort} for ${id}`).join(", ");

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
  0  every partition was scored or skipped (too little data to cross-validate; see status, reason)
  1  some partitions failed, or with --strict were skipped (their rows say why), or --baseline global
     could not be computed (stderr says why); the grid was still written
  2  bad usage or bad input (one line on stderr; nothing written)
  130, 143  interrupted by SIGINT / SIGTERM (children stopped; nothing written)
  141       stdout closed early by its reader (as with | head)
`;

/** A repeatable option's values, in order; parseOptions reads each as a CSV record of names. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * Every option that takes one value refuses a second: commander would keep the last, and
 * `--target a ... --target b` is more likely a slip than a choice (--by and --ignore repeat).
 */
function singleValued(command: Command): void {
  for (const option of command.options) {
    if (!option.required || option.parseArg !== undefined) continue;
    option.argParser((value: string, previous: string | undefined) => {
      if (previous !== undefined) throw new InvalidArgumentError(`given twice (${shortText(previous)}, then ${shortText(value)}); it takes one value`);
      return value;
    });
  }
}

/** The commander program: argument syntax, help and version only; checking happens in parseOptions. */
export function buildProgram(version: string, handlers: ProgramHandlers): Command {
  const program = new Command("automl-grid");
  program
    .description(
      "PyCaret-style compare_models leaderboards from a CSV: k-fold cross-validated scores of many model families, one grid per partition, for classification or regression.",
    )
    .version(version, "-V, --version")
    .argument("<csv>", 'input CSV file, or "-" for stdin')
    .option("--target <column>", "column to predict; required")
    .option("--task <task>", `auto, ${TASK_IDS.join(" or ")}; auto: regression when the target is numeric with more than 20 distinct values (default: ${DEFAULTS.task})`)
    .option("--by <columns>", 'partition key columns, one grid per distinct combination; comma-separated, a name holding a comma in double quotes (\'"Make, Model",Year\'); repeatable', collect)
    .option("--models <ids>", `model ids, comma-separated, or all: ${MODELS_BY_TASK} (default: all of the task's)`)
    .option("--exclude <ids>", "model ids to leave out, comma-separated, as compare_models' exclude")
    .option("--folds <n>", `k-fold count, stratified for classification (default: ${DEFAULTS.folds})`)
    .option("--fold-column <column>", "use this column's values as predefined folds; not a feature")
    .option("--train-size <fraction>", `train split (stratified for classification), cross-validated as PyCaret does; 1 = all rows (default: ${DEFAULTS.trainSize})`)
    .option("--min-rows <n>", `skip partitions with fewer rows than this (rows with a target, before the train split) (default: ${DEFAULTS.minRows})`)
    .option("--seed <n>", `seed for every random choice: split, folds, forests (default: ${DEFAULTS.seed})`)
    .option("--sort <column>", `any grid column of the task, best first: scores descending, errors and TT_Sec ascending (default: ${SORT_BY_TASK})`)
    .option("--top <n>", "rows kept per grid, like n_select (default: all)")
    .option("--round <n>", `decimals in text formats; json and jsonl keep full precision (default: ${DEFAULTS.round})`)
    .option("--ignore <columns>", "columns that are not features, comma-separated as --by; repeatable", collect)
    .addOption(
      new Option("--format <format>", `output format: ${FORMATS.join("|")} (default: from --out's extension, else table on a terminal, else csv)`),
    )
    .option("--out <file>", "write the grid there (atomically: whole or not at all) instead of stdout")
    .option("--workers <n>", `child processes scoring partitions in parallel (default: the number of cores, ${DEFAULTS.workers})`)
    .option("--baseline <kind>", "global: also score each partition with the same models trained on every partition's rows (needs --by) (default: none)")
    .option("--shard <I/N>", "score only shard I of N (0 <= I < N) of the partitions, to merge later")
    .option("--resume <file>", "journal of finished partitions: rerun a killed run with the same file and options to score only the rest")
    .option("--delimiter <char>", "field separator: one character, tab, or auto (sniffed among , ; tab | from the first lines) (default: auto)")
    .option("--encoding <label>", "text encoding of the CSV: utf-8, latin1, windows-1252, utf-16le, ... (default: utf-8)")
    .option("--decimal <mark>", "decimal mark of numeric cells: . or , (default: .)")
    .option("--quiet", "no progress on stderr (warnings and errors still shown)")
    .option("--strict", "exit 1 when a partition was skipped (too little data to cross-validate), as when one failed")
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
    .argument("<files...>", 'every shard\'s jsonl file, 0..N-1, once each; "-" reads one of them from stdin')
    .option("--sort <column>", "sort column, as for a run (default: the task's)")
    .option("--top <n>", "rows kept per grid (default: all)")
    .option("--round <n>", `decimals in text formats (default: ${DEFAULTS.round})`)
    .addOption(new Option("--format <format>", `output format: ${FORMATS.join("|")}`))
    .option("--out <file>", "write the grid there (atomically) instead of stdout")
    .option("--quiet", "accepted for symmetry; merge prints no progress")
    .option("--strict", "exit 1 when a partition was skipped, as when one failed")
    .option("--debug", "print stack traces of internal errors")
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({
      writeOut: handlers.writeOut,
      writeErr: handlers.writeErr,
      outputError: (text, write) => write(`automl-grid merge: ${text.trim().replace(/\s*\n\s*/g, " ")}\n`),
    })
    .action(async (files: string[], options: RawOptions) => handlers.merge(files, options));
  singleValued(program);
  for (const command of program.commands) singleValued(command);
  return program;
}

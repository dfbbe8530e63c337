import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import type { Readable } from "node:stream";
import { AutomlGridError, InputError, UsageError } from "../errors.js";
import { run } from "../index.js";
import { mergeShards } from "../merge.js";
import { leaderboard } from "../report/leaderboard.js";
import { manifestLine, parseShardFile, type ShardFile } from "../report/shardManifest.js";
import { AbortedError } from "../parallel/pool.js";
import { renderLeaderboard } from "../report/formats.js";
import type { SortColumn } from "../evaluate/grid.js";
import type { RunOptions } from "../index.js";
import { integer, outputOptions, runOptions, sortColumn, type OutputOptions, type RawOptions } from "./parseOptions.js";
import { checkOutPath, writeOutput } from "./output.js";
import { createProgress, type Progress } from "./progress.js";
import { buildProgram } from "./program.js";

/** What the CLI may touch; tests and the bin file pass the real process's streams. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: Readable;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
  /** Aborted on SIGINT/SIGTERM, with the signal's name as reason. */
  readonly signal: AbortSignal;
}

export const EXIT = { ok: 0, partitionFailed: 1, usage: 2, bug: 70 } as const;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Every check a scoring command line gets before any file is read. */
export function scoreOptions(input: string, raw: RawOptions, stdoutIsTty: boolean): { options: RunOptions; output: OutputOptions } {
  const options = runOptions(input, raw);
  // A shard is a piece for `merge`: jsonl, whose first line says which run it belongs to.
  const output = outputOptions(options.shard !== null && raw.format === undefined ? { ...raw, format: "jsonl" } : raw, stdoutIsTty);
  if (options.shard !== null && output.format !== "jsonl") {
    throw new UsageError(`--shard writes pieces for automl-grid merge: use --format jsonl, not ${output.format}`);
  }
  return { options, output };
}

/** Every check a merge command line gets before any file is read. */
export function mergeOptions(raw: RawOptions, stdoutIsTty: boolean): { output: OutputOptions; sort: SortColumn; top: number } {
  return {
    output: outputOptions(raw, stdoutIsTty),
    sort: sortColumn(raw.sort ?? "Accuracy"),
    top: integer("--top", raw.top ?? String(Number.MAX_SAFE_INTEGER), 1),
  };
}

/**
 * Parses and checks a command line without running it: for the examples' tests, so that a
 * renamed option breaks a test and not a user's cluster job.
 */
export async function checkCommandLine(argv: readonly string[]): Promise<void> {
  const program = buildProgram(version(), {
    writeOut: () => undefined,
    writeErr: () => undefined,
    score: async (input, raw) => void scoreOptions(input, raw, false),
    merge: async (_files, raw) => void mergeOptions(raw, false),
  });
  await program.parseAsync([...argv], { from: "user" });
}

async function score(input: string, raw: RawOptions, io: CliIo, setProgress: (p: Progress) => void): Promise<number> {
  const { options, output } = scoreOptions(input, raw, io.stdoutIsTty);
  checkOutPath(output.out);
  const progress = await createProgress({
    stderr: io.stderr,
    interactive: io.stderrIsTty,
    quiet: output.quiet,
    by: options.by,
  });
  setProgress(progress);
  const result = await run(options, { events: progress, signal: io.signal, stdin: io.stdin });
  progress.stop();
  if (options.by.length === 0 && options.shard === null && result.failed > 0) {
    throw new InputError(`${input === "-" ? "stdin" : input}: cannot score the table: ${result.results[0].reason}`);
  }
  let text = renderLeaderboard(result.board, output.format, output.round);
  if (options.shard !== null) {
    const { target, by, models, folds, foldColumn, trainSize, seed, ignore, delimiter, encoding, decimal } = options;
    text =
      manifestLine({
        format: "automl-grid shard",
        version: 1,
        shard: options.shard,
        fingerprint: result.fingerprint,
        options: { target, by, models, folds, foldColumn, trainSize, seed, ignore, delimiter, encoding, decimal },
      }) + text;
  }
  writeOutput(output.out, text, io.stdout);
  return result.failed > 0 ? EXIT.partitionFailed : EXIT.ok;
}

function readShardFile(name: string): ShardFile {
  let text: string;
  try {
    text = readFileSync(name, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${name}: ${code === "ENOENT" ? "no such file" : `cannot read (${code})`}`);
  }
  return parseShardFile(name, text);
}

async function merge(files: readonly string[], raw: RawOptions, io: CliIo): Promise<number> {
  const { output, sort, top } = mergeOptions(raw, io.stdoutIsTty);
  checkOutPath(output.out);
  const merged = mergeShards(files.map(readShardFile));
  const board = leaderboard(merged.results, { by: merged.options.by, sort, top });
  const text = renderLeaderboard(board, output.format, output.round);
  writeOutput(output.out, text, io.stdout);
  return merged.results.some((result) => result.status !== "ok") ? EXIT.partitionFailed : EXIT.ok;
}

/**
 * Parses argv, runs, and maps every outcome to one exit code: 0 all partitions ok, 1 some failed
 * (the grid is still written), 2 bad usage or input (one line on stderr, nothing written),
 * 130/143 interrupted. Anything else is a bug: one line, and the stack only with --debug.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  let debug = argv.includes("--debug");
  let progress: Progress | null = null;
  const program: Command = buildProgram(version(), {
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    score: async (input, raw) => {
      debug = raw.debug === true;
      exitCode = await score(input, raw, io, (p) => (progress = p));
    },
    merge: async (files, raw) => {
      debug = raw.debug === true;
      exitCode = await merge(files, raw, io);
    },
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    (progress as Progress | null)?.stop();
    if (error instanceof CommanderError) {
      // commander already printed its one-line message (or the help / version text).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof AbortedError || io.signal.aborted) {
      const reason = String(io.signal.reason ?? "");
      return reason === "SIGTERM" ? 143 : 130;
    }
    if (error instanceof AutomlGridError) {
      io.stderr.write(`automl-grid: error: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`automl-grid: internal error: ${message}${debug ? "" : " (run with --debug for details)"}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.bug;
  }
}

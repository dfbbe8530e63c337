import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import type { Readable } from "node:stream";
import { AutomlGridError, InputError, UsageError } from "../errors.js";
import { run } from "../index.js";
import { mergeShards, readShardFiles } from "../merge.js";
import { leaderboard } from "../report/leaderboard.js";
import { AbortedError } from "../parallel/pool.js";
import { renderLeaderboard } from "../report/formats.js";
import { chooseSort } from "../resolveOptions.js";
import type { PartitionStatus } from "../evaluate/grid.js";
import { taskInfo } from "../evaluate/tasks.js";
import { printable } from "../report/printable.js";
import type { RunOptions, RunResult } from "../index.js";
import { integer, outputOptions, resumePath, runOptions, sortColumn, type OutputOptions, type RawOptions } from "./parseOptions.js";
import { openJournal } from "./journalFile.js";
import { checkNotInput, checkOutPath, sameFile, writeOutput } from "./output.js";
import { heldBack } from "./heldProgress.js";
import { createProgress, HEARTBEAT_SECONDS, type Progress } from "./progress.js";
import { buildProgram } from "./program.js";

/** What the CLI may touch; tests and the bin file pass the real process's streams. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: Readable;
  readonly stdoutIsTty: boolean;
  /** stdout is a terminal that takes colour (see stdoutTakesColor). */
  readonly stdoutColor?: boolean;
  readonly stderrIsTty: boolean;
  /** Aborted on SIGINT/SIGTERM, with the signal's name as reason. */
  readonly signal: AbortSignal;
  /** stdout was closed when the process started (`>&-`): a grid written there would be lost. */
  readonly stdoutClosed?: boolean;
}

export const EXIT = { ok: 0, partitionFailed: 1, usage: 2, bug: 70 } as const;

/**
 * The exit code of a grid that was written, from its partitions' statuses: the one place that
 * decides it. A failed partition is a fault (exit 1), and so is a global baseline that was asked
 * for and could not be computed; a skipped partition had too little data to cross-validate,
 * which is the data's fact and not the run's fault (exit 0), unless --strict.
 */
export function gridExitCode(statuses: readonly PartitionStatus[], strict: boolean, baselineFailed = false): number {
  const faulty = baselineFailed || statuses.some((status) => status === "failed" || (strict && status === "skipped"));
  return faulty ? EXIT.partitionFailed : EXIT.ok;
}

/**
 * Seconds between heartbeat lines in a pipe: AUTOML_GRID_HEARTBEAT_SECONDS, for the tests, which
 * cannot wait 10 s; the progress's own default when unset or not a positive number.
 */
function heartbeatSeconds(): number | undefined {
  const given = Number(process.env.AUTOML_GRID_HEARTBEAT_SECONDS);
  return given > 0 && Number.isFinite(given) ? given : undefined;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Every check a scoring command line gets before any file is read. */
export function scoreOptions(input: string, raw: RawOptions, stdoutIsTty: boolean): { options: RunOptions; output: OutputOptions; resume: string | null } {
  const options = runOptions(input, raw);
  const output = outputOptions(raw, stdoutIsTty, options.shard !== null);
  return { options, output, resume: resumePath(raw) };
}

/** Nothing a run writes (grid, journal) may land on a file it reads or on each other. */
function checkFiles(input: string, out: string | null, resume: string | null): void {
  checkOutPath(out, [input]);
  checkNotInput("--resume", resume, [input]);
  if (resume !== null && out !== null && sameFile(resume, out)) {
    throw new UsageError(`--resume ${resume}: names the --out file too; the journal and the grid need two files`);
  }
}

/** Every check a merge command line gets before any file is read. */
export function mergeOptions(raw: RawOptions, stdoutIsTty: boolean): { output: OutputOptions; sort: string | null; top: number } {
  return {
    output: outputOptions(raw, stdoutIsTty),
    sort: sortColumn(raw.sort),
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

/** Whether an --out path is this process's own stdout by another name. */
function namesStdout(out: string): boolean {
  return ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"].includes(resolve(out));
}

/** Refuses, before any work, to write the grid where it would vanish with exit 0. */
function checkStdoutOpen(out: string | null, io: CliIo): void {
  if ((out === null || namesStdout(out)) && io.stdoutClosed === true) {
    throw new UsageError("stdout is closed (or a read-write /dev/null): the grid would be lost; use --out FILE, or > /dev/null to discard it");
  }
}

async function score(input: string, raw: RawOptions, io: CliIo, setProgress: (p: Progress) => void): Promise<number> {
  const { options, output, resume } = scoreOptions(input, raw, io.stdoutIsTty);
  checkStdoutOpen(output.out, io);
  checkFiles(input, output.out, resume);
  const progress = await createProgress({
    stderr: io.stderr,
    interactive: io.stderrIsTty,
    quiet: output.quiet,
    by: options.by,
    heartbeatSeconds: heartbeatSeconds(),
  });
  setProgress(progress);
  // Without --by (and so without --shard) the run is one table, and its failure is bad input.
  const single = options.by.length === 0;
  // Its journal is held back until it was scored: exit 2 writes nothing.
  const journal = resume === null ? undefined : openJournal(resume, (message) => progress.note?.(message), single);
  const held = single ? heldBack(progress, heartbeatSeconds() ?? HEARTBEAT_SECONDS) : null;
  const events = held?.events ?? progress;
  const cores = availableParallelism();
  if (options.workers > cores) {
    events.note?.(`--workers ${options.workers} is more than the ${cores} cores here: the children take turns on them, each holding its own rows (more memory, no sooner done), and TT_Sec counts the turns`);
  }
  let result: RunResult;
  try {
    result = await run(options, { events, signal: io.signal, stdin: io.stdin, journal });
  } finally {
    journal?.close();
  }
  // Skipped or failed, a single table has no grid to show: it is bad input.
  if (single && result.results[0].status !== "ok") {
    held?.discard();
    progress.stop();
    // Its notes, the task's among them, are not shown: when --task auto read the target as
    // classes too few to cross-validate, the one line says why it read classes.
    const refused = result.results[0];
    const classes = refused.status === "skipped" && result.task.id === "classification" && result.taskReason !== null;
    const chosen = classes ? ` (task classification: ${result.taskReason}; --task sets it)` : "";
    throw new InputError(`${input === "-" ? "stdin" : input}: cannot score the table: ${refused.reason}${chosen}`);
  }
  journal?.commit();
  held?.release();
  progress.stop();
  const context = { color: output.out === null && io.stdoutColor === true, sort: chooseSort(result.task, options.sort), source: input === "-" ? "stdin" : input };
  const text = renderLeaderboard(result.board, output.format, output.round, result.metadata, context);
  writeOutput(output.out, text, io.stdout);
  return gridExitCode(
    result.results.map((partition) => partition.status),
    output.strict,
    result.baselineFailed,
  );
}

async function merge(files: readonly string[], raw: RawOptions, io: CliIo): Promise<number> {
  const { output, sort, top } = mergeOptions(raw, io.stdoutIsTty);
  checkStdoutOpen(output.out, io);
  checkOutPath(output.out, files);
  const merged = mergeShards(await readShardFiles(files, io.stdin), { sort, top });
  const { options } = merged.metadata;
  const task = taskInfo(options.task);
  const sortId = merged.sort;
  const board = leaderboard(merged.results, { task, by: options.by, sort: sortId, top, globalBaseline: options.baseline === "global" });
  const context = { color: output.out === null && io.stdoutColor === true, sort: sortId, source: files.join(", ") };
  const text = renderLeaderboard(board, output.format, output.round, merged.metadata, context);
  writeOutput(output.out, text, io.stdout);
  const { baselineFailed } = merged.metadata;
  if (baselineFailed !== undefined) io.stderr.write(`automl-grid: global baseline: ${printable(baselineFailed)}\n`);
  return gridExitCode(
    merged.results.map((result) => result.status),
    output.strict,
    baselineFailed !== undefined,
  );
}

/** Messages can hold column names and values from the file: shown printable, line breaks kept. */
function printableLines(text: string): string {
  return text.split("\n").map(printable).join("\n");
}

/**
 * Parses argv, runs, and maps every outcome to one exit code: 0 every partition scored or
 * skipped, 1 some failed (or, with --strict, were skipped; the grid is still written; see
 * gridExitCode), 2 bad usage or input (one line on stderr, nothing written), 130/143
 * interrupted. Anything else is a bug: one line, and the stack only with --debug.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  let debug = argv.includes("--debug");
  let progress: Progress | null = null;
  const program: Command = buildProgram(version(), {
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(printableLines(text)),
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
      if (error.exitCode !== 0) return EXIT.usage;
      if (io.stdoutClosed !== true) return EXIT.ok;
      io.stderr.write("automl-grid: error: stdout is closed: the help or version text was lost\n");
      return EXIT.usage;
    }
    if (error instanceof AbortedError || io.signal.aborted) {
      const reason = String(io.signal.reason ?? "");
      return reason === "SIGTERM" ? 143 : 130;
    }
    if (error instanceof AutomlGridError) {
      io.stderr.write(`automl-grid: error: ${printable(error.message)}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`automl-grid: internal error: ${printable(message)}${debug ? "" : " (run with --debug for details)"}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${printableLines(error.stack)}\n`);
    return EXIT.bug;
  }
}

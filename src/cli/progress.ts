import type { Ora } from "ora";
import { describeKey } from "../data/partitionKey.js";
import type { PartitionResult } from "../evaluate/grid.js";
import type { RunEvents } from "../index.js";
import { printable } from "../report/printable.js";

export interface ProgressOptions {
  readonly stderr: NodeJS.WritableStream;
  readonly interactive: boolean;
  readonly quiet: boolean;
  readonly by: readonly string[];
  /** Longest silence in a pipe before a heartbeat line; HEARTBEAT_SECONDS when not given. */
  readonly heartbeatSeconds?: number;
}

/** A log that says nothing for longer looks hung to a CI job's reader (or its timeout). */
export const HEARTBEAT_SECONDS = 10;

export interface Progress extends RunEvents {
  /** Stops the spinner (call before printing the final error or when done). */
  stop(): void;
}

const PREFIX = "automl-grid:";

/**
 * Progress on stderr, never stdout: an ora spinner (partitions done / total, models fitted,
 * elapsed) when stderr is a terminal, one plain line per finished partition otherwise, with a
 * heartbeat line once the partitions are known whenever nothing was printed for
 * heartbeatSeconds (a 27k-row partition is a minute of silence), nothing with --quiet. Notes
 * (dropped rows, fewer folds, failed models) are printed in every mode.
 * ora is imported only when the spinner will show: loading it costs 40 ms, a tenth of a small
 * run, and a pipe in CI never needs it.
 */
export async function createProgress(options: ProgressOptions): Promise<Progress> {
  const started = Date.now();
  let total = 0;
  let done = 0;
  let fits = 0;
  let failed = 0;
  let skipped = 0;
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  let heartbeat: NodeJS.Timeout | null = null;
  // Lines carry keys, column names and labels from the file: a key holding ESC must not drive
  // the user's terminal.
  const print = (line: string): void => {
    options.stderr.write(`${printable(line)}\n`);
    // Any line shows the run is alive: the next heartbeat is a full interval after it.
    heartbeat?.refresh();
  };
  const label = (result: PartitionResult): string =>
    options.by.length > 0 ? `partition ${describeKey(options.by, result.key)}` : "table";

  let spinner: Ora | null = null;
  let ticker: NodeJS.Timeout | null = null;
  const spinnerText = (): string => `partitions ${done}/${total} · models fitted ${fits} · ${elapsed()}`;
  const showing = options.interactive && !options.quiet;
  const beating = !options.interactive && !options.quiet;
  const ora = showing ? (await import("ora")).default : null;

  return {
    note(message) {
      if (spinner) spinner.clear();
      print(`${PREFIX} ${message}`);
      if (spinner) spinner.render();
    },
    partitionsFound(count) {
      total = count;
      if (beating) {
        // Unref'd: a heartbeat never keeps a finished run alive.
        heartbeat = setInterval(
          () => print(`${PREFIX} still working: partitions ${done}/${total}, models fitted ${fits}, elapsed ${elapsed()}`),
          (options.heartbeatSeconds ?? HEARTBEAT_SECONDS) * 1000,
        );
        heartbeat.unref();
      }
      if (ora === null) return;
      spinner = ora({ text: spinnerText(), stream: options.stderr, isEnabled: true, discardStdin: false }).start();
      // Elapsed time moves even while no partition finishes.
      ticker = setInterval(() => {
        if (spinner) spinner.text = spinnerText();
      }, 250);
      ticker.unref();
    },
    fit() {
      fits++;
    },
    partitionDone(result, finished) {
      done = finished;
      if (result.status === "failed") failed++;
      if (result.status === "skipped") skipped++;
      if (options.quiet) return;
      if (spinner) {
        spinner.text = spinnerText();
        return;
      }
      const status = result.status === "ok" ? "ok" : `${result.status}: ${result.reason}`;
      print(`${PREFIX} ${label(result)} done (${finished}/${total}, ${status}) ${elapsed()}`);
    },
    stop() {
      if (ticker) clearInterval(ticker);
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      // Leave one summary line behind rather than erase what happened.
      if (spinner && done === total && total > 0) {
        const text = `${spinnerText()}${skipped > 0 ? ` · ${skipped} skipped` : ""}${failed > 0 ? ` · ${failed} failed` : ""}`;
        if (failed > 0) spinner.warn(text);
        else spinner.succeed(text);
      } else if (spinner) spinner.stop();
      spinner = null;
    },
  };
}

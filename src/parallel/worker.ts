import { keyId } from "../data/partitionKey.js";
import { parseRowsText } from "../data/rowText.js";
import { scoreTable } from "../evaluate/compareModels.js";
import { withTask } from "../evaluate/tasks.js";
import type { ScoreRequest, WorkerMessage } from "./messages.js";
import { startParentWatchdog } from "./parentWatchdog.js";

/**
 * Child process entry: scores the partitions the parent sends, one at a time. Knows nothing of
 * the pool; it answers each request with exactly one result or error message.
 */
function send(message: WorkerMessage): void {
  process.send?.(message, undefined, {}, (error: Error | null) => {
    // The parent is gone (killed with no chance to stop us): there is nobody to report to, so
    // stop quietly rather than die of an unhandled EPIPE with a stack trace on the terminal.
    if (error) process.exit(0);
  });
}

/**
 * Fault injection for the crash-recovery tests: AUTOML_GRID_TEST_KILL='<key json>@<attempts>'
 * makes this child SIGKILL itself on the first <attempts> tries of that partition, exactly as the
 * OOM killer would. Unset in normal use.
 */
function injectedKill(request: ScoreRequest): boolean {
  const spec = process.env.AUTOML_GRID_TEST_KILL;
  if (!spec) return false;
  const at = spec.lastIndexOf("@");
  return spec.slice(0, at) === keyId(request.key) && request.attempt <= Number(spec.slice(at + 1));
}

process.on("message", (request: ScoreRequest) => {
  if (injectedKill(request)) process.kill(process.pid, "SIGKILL");
  try {
    const table = { header: request.header, rows: parseRowsText(request.rows) };
    const result = withTask(request.spec.task, (task) =>
      scoreTable(task, table, request.key, request.spec, { onFit: () => send({ type: "fit", id: request.id }) }),
    );
    send({ type: "result", id: request.id, result });
  } catch (error) {
    send({ type: "error", id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
});

// The parent going away (killed, Ctrl-C) closes the channel: stop instead of computing for nobody.
process.on("disconnect", () => process.exit(0));
startParentWatchdog();

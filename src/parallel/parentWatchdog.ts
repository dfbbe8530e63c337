import { isMainThread, Worker, workerData } from "node:worker_threads";

/** How often the watchdog looks; a child outlives a killed parent by at most about this. */
const POLL_MS = 200;

interface WatchdogData {
  readonly role: "parentWatchdog";
  /** The parent's pid as the child saw it at start. */
  readonly parent: number;
}

function isWatchdogData(data: unknown): data is WatchdogData {
  return typeof data === "object" && data !== null && (data as { role?: unknown }).role === "parentWatchdog";
}

/**
 * Makes this child process die within about POLL_MS of its parent, however the parent died.
 * A child learns of its parent's end from the IPC channel's 'disconnect', but only when its event
 * loop turns, and scoring a partition is one long synchronous computation: a child whose parent
 * was SIGKILLed went on computing for nobody for seconds. Linux's PR_SET_PDEATHSIG is out of
 * Node's reach, so a worker thread, whose event loop runs beside the busy main thread, polls
 * process.ppid (read live from the kernel) and SIGKILLs the process once the child has been
 * handed to another parent. Unreferenced, so that it never keeps the child alive by itself.
 */
export function startParentWatchdog(): void {
  const data: WatchdogData = { role: "parentWatchdog", parent: process.ppid };
  const thread = new Worker(new URL(import.meta.url), { workerData: data });
  // A watchdog that cannot start costs only its safety net; the child still scores.
  thread.on("error", () => undefined);
  thread.unref();
}

if (!isMainThread && isWatchdogData(workerData)) {
  const { parent } = workerData;
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, "SIGKILL");
  }, POLL_MS);
}

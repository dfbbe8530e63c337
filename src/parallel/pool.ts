import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { PartitionKey } from "../data/partitionKey.js";
import { rowsText } from "../data/rowText.js";
import type { GridSpec } from "../evaluate/compareModels.js";
import type { PartitionResult } from "../evaluate/grid.js";
import type { ScoreRequest, WorkerMessage } from "./messages.js";

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

/** A partition to score: its key and its rows, one JSON array text per row (without the header). */
export interface PartitionJob {
  readonly key: PartitionKey;
  readonly lines: readonly string[];
}

export interface PoolOptions {
  readonly workers: number;
  readonly header: readonly string[];
  readonly spec: GridSpec;
  readonly signal?: AbortSignal;
  onFit?(): void;
  onDone?(result: PartitionResult): void;
}

/** Tries per partition: the first, and one retry on a fresh child if a child dies. */
const MAX_ATTEMPTS = 2;

export class AbortedError extends Error {
  constructor(readonly reason: string) {
    super(`aborted (${reason})`);
  }
}

/**
 * Scores partitions on a pool of child processes. Largest partitions go first (shortest makespan);
 * since each partition's seed comes from its key, the schedule never changes a result. A child
 * that dies has its partition retried once on a fresh child, then reported as failed; a child's
 * own error message is a failed result. Resolves with results in job order.
 */
export function scorePartitions(jobs: readonly PartitionJob[], options: PoolOptions): Promise<PartitionResult[]> {
  const results: (PartitionResult | undefined)[] = new Array(jobs.length);
  // Rows are kept until their partition's result is in (a retry needs them), then released.
  const lines: (readonly string[])[] = jobs.map((job) => job.lines);
  const queue: { index: number; attempt: number }[] = jobs
    .map((job, index) => ({ index, attempt: 1, rows: job.lines.length }))
    .sort((a, b) => b.rows - a.rows || a.index - b.index)
    .map(({ index, attempt }) => ({ index, attempt }));
  const children = new Set<ChildProcess>();
  let remaining = jobs.length;

  return new Promise<PartitionResult[]>((resolve, reject) => {
    let settled = false;
    const stopAll = (): void => {
      for (const child of children) child.kill("SIGKILL");
      children.clear();
    };
    const finish = (index: number, result: PartitionResult): void => {
      results[index] = result;
      lines[index] = [];
      options.onDone?.(result);
      remaining--;
      if (remaining === 0 && !settled) {
        settled = true;
        options.signal?.removeEventListener("abort", onAbort);
        stopAll();
        resolve(results as PartitionResult[]);
      }
    };
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      stopAll();
      reject(new AbortedError(String(options.signal?.reason ?? "abort")));
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (options.signal?.aborted) return onAbort();
    if (jobs.length === 0) {
      settled = true;
      return resolve([]);
    }

    const startChild = (): void => {
      const child = fork(WORKER, [], { serialization: "advanced", stdio: ["ignore", "ignore", "inherit", "ipc"] });
      children.add(child);
      let current: { index: number; attempt: number } | null = null;
      const next = (): void => {
        current = queue.shift() ?? null;
        if (current === null) {
          children.delete(child);
          child.disconnect();
          return;
        }
        const job = jobs[current.index];
        const request: ScoreRequest = {
          type: "score",
          id: current.index,
          attempt: current.attempt,
          key: job.key,
          header: options.header,
          rows: rowsText(lines[current.index]),
          spec: options.spec,
        };
        child.send(request);
      };
      child.on("message", (message: WorkerMessage) => {
        if (settled || current === null || message.id !== current.index) return;
        if (message.type === "fit") {
          options.onFit?.();
          return;
        }
        const index = current.index;
        const result: PartitionResult =
          message.type === "result"
            ? message.result
            : { key: jobs[index].key, status: "failed", reason: message.message, rows: [], notes: [] };
        finish(index, result);
        next();
      });
      child.on("exit", (code, signal) => {
        children.delete(child);
        if (settled || current === null) return;
        const { index, attempt } = current;
        current = null;
        const how = signal !== null ? `signal ${signal}` : `exit code ${code}`;
        if (attempt < MAX_ATTEMPTS) {
          queue.unshift({ index, attempt: attempt + 1 });
        } else {
          finish(index, {
            key: jobs[index].key,
            status: "failed",
            reason: `worker process died twice (${how})`,
            rows: [],
            notes: [],
          });
        }
        if (!settled && queue.length > 0) startChild();
      });
      child.on("error", (error) => {
        if (settled) return;
        settled = true;
        stopAll();
        reject(error);
      });
      next();
    };
    const count = Math.max(1, Math.min(options.workers, jobs.length));
    for (let w = 0; w < count; w++) startChild();
  });
}

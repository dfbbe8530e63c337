import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { keyId } from "../data/partitionKey.js";
import { rowsText } from "../data/rowText.js";
import type { GlobalSpec } from "../evaluate/globalFolds.js";
import { globalRows, type GlobalFoldScores } from "../evaluate/globalGrid.js";
import type { GridRow } from "../evaluate/grid.js";
import { taskInfo } from "../evaluate/tasks.js";
import type { GlobalRequest, WorkerMessage } from "./messages.js";
import { AbortedError, type PartitionJob } from "./pool.js";

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

export interface GlobalPoolOptions {
  readonly workers: number;
  readonly header: readonly string[];
  readonly spec: GlobalSpec;
  readonly signal?: AbortSignal;
  onFit?(): void;
}

/** The global baseline: each partition's global rows by key id, or why there are none. */
export type GlobalBaseline = { readonly ok: true; readonly rows: ReadonlyMap<string, readonly GridRow[]>; readonly notes: readonly string[] } | { readonly ok: false; readonly reason: string };

const MAX_ATTEMPTS = 2;

/**
 * --baseline global on a pool of child processes: one unit per global fold, so that as many
 * children as there are folds share the work. Every child is sent every partition's rows once
 * and keeps them prepared for its next folds. The global fold count is known from the first
 * answer (a --fold-column may make more or fewer than --folds), which adds or drops units. Seeds
 * come from the run's seed, the model and the fold, so neither the schedule nor the number of
 * workers changes a result. A child that dies has its fold retried once; a second death, or an
 * error, leaves the run without a global baseline (the reason says why), never without its grid.
 */
export function scoreGlobalBaseline(jobs: readonly PartitionJob[], options: GlobalPoolOptions): Promise<GlobalBaseline> {
  const task = taskInfo(options.spec.task);
  const models = task.models.filter((model) => options.spec.models.includes(model.id)).map((model) => model.name);
  const queue: { fold: number; attempt: number }[] = Array.from({ length: options.spec.folds }, (_, fold) => ({ fold, attempt: 1 }));
  const answers: (GlobalFoldScores | undefined)[] = [];
  let folds = -1;
  let notes: readonly string[] = [];
  const children = new Set<ChildProcess>();
  let nextId = 0;

  return new Promise<GlobalBaseline>((resolve, reject) => {
    let settled = false;
    const stopAll = (): void => {
      for (const child of children) child.kill("SIGKILL");
      children.clear();
    };
    const settle = (outcome: GlobalBaseline): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener("abort", onAbort);
      stopAll();
      resolve(outcome);
    };
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      stopAll();
      reject(new AbortedError(String(options.signal?.reason ?? "abort")));
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (options.signal?.aborted) return onAbort();
    const complete = (): void => {
      if (folds < 0 || answers.slice(0, folds).filter((answer) => answer !== undefined).length < folds) return;
      const rows = globalRows(task, models, answers.slice(0, folds) as GlobalFoldScores[], jobs.length);
      settle({ ok: true, rows: new Map(jobs.map((job, p) => [keyId(job.key), rows[p]])), notes });
    };
    const received = (fold: number, answer: Extract<WorkerMessage, { type: "global" }>["answer"]): void => {
      if (!answer.ok) return settle({ ok: false, reason: answer.reason });
      if (folds < 0) {
        folds = answer.folds;
        notes = answer.notes;
        for (let f = options.spec.folds; f < folds; f++) queue.push({ fold: f, attempt: 1 });
        for (let u = queue.length - 1; u >= 0; u--) if (queue[u].fold >= folds) queue.splice(u, 1);
      }
      if (fold < folds) answers[fold] = answer.scores;
      complete();
    };

    const startChild = (): void => {
      const child = fork(WORKER, [], { serialization: "advanced", stdio: ["ignore", "ignore", "inherit", "ipc"] });
      children.add(child);
      let current: { fold: number; attempt: number; id: number } | null = null;
      let sent = false;
      const next = (): void => {
        const unit = queue.shift();
        if (unit === undefined) {
          current = null;
          children.delete(child);
          child.disconnect();
          return;
        }
        current = { ...unit, id: nextId++ };
        const parts = sent ? null : jobs.map((job) => ({ key: job.key, rows: rowsText(job.lines) }));
        sent = true;
        const request: GlobalRequest = { type: "global", id: current.id, attempt: unit.attempt, header: options.header, parts, spec: options.spec, fold: unit.fold };
        child.send(request);
      };
      child.on("message", (message: WorkerMessage) => {
        if (settled || current === null || message.id !== current.id) return;
        if (message.type === "fit") {
          options.onFit?.();
          return;
        }
        const { fold } = current;
        current = null;
        if (message.type === "global") received(fold, message.answer);
        else if (message.type === "error") settle({ ok: false, reason: message.message });
        if (!settled) next();
      });
      child.on("exit", (code, signal) => {
        children.delete(child);
        if (settled || current === null) return;
        const { fold, attempt } = current;
        current = null;
        const how = signal !== null ? `signal ${signal}` : `exit code ${code}`;
        if (attempt >= MAX_ATTEMPTS) return settle({ ok: false, reason: `worker process died twice (${how})` });
        queue.unshift({ fold, attempt: attempt + 1 });
        startChild();
      });
      child.on("error", (error) => {
        if (settled) return;
        settled = true;
        stopAll();
        reject(error);
      });
      next();
    };
    const count = Math.max(1, Math.min(options.workers, queue.length));
    for (let w = 0; w < count; w++) startChild();
  });
}

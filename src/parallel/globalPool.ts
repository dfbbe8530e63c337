import { keyId } from "../data/partitionKey.js";
import { rowsText } from "../data/rowText.js";
import { chosenModels } from "../evaluate/compareModels.js";
import type { GlobalSpec } from "../evaluate/globalFolds.js";
import { globalRows, type GlobalFoldScores } from "../evaluate/globalGrid.js";
import type { GridRow } from "../evaluate/grid.js";
import { taskInfo } from "../evaluate/tasks.js";
import type { GlobalRequest, WorkerMessage } from "./messages.js";
import { MAX_ATTEMPTS, runChildPool, type SpareChildren, type UnitSource } from "./childPool.js";
import type { PartitionJob } from "./pool.js";

export interface GlobalPoolOptions {
  readonly workers: number;
  readonly header: readonly string[];
  readonly spec: GlobalSpec;
  readonly signal?: AbortSignal;
  /** Children already started, taken before any fork. */
  readonly spares?: SpareChildren;
  onFit?(): void;
}

/** The global baseline: each partition's global rows by key id, or why there are none. */
export type GlobalBaseline = { readonly ok: true; readonly rows: ReadonlyMap<string, readonly GridRow[]>; readonly notes: readonly string[] } | { readonly ok: false; readonly reason: string };

/**
 * --baseline global on a pool of child processes: one unit per global fold, so that as many
 * children as there are folds share the work. Every child is sent every partition's rows once
 * and keeps them prepared for its next folds. The global fold count is known from the first
 * answer (a --fold-column may make more or fewer than --folds), which adds or drops units. Seeds
 * come from the run's seed, the model and the fold, so neither the schedule nor the number of
 * workers changes a result. A child that dies has its fold retried once; a second death, or an
 * error, leaves the run without a global baseline (the reason says why), never without its grid.
 */
export async function scoreGlobalBaseline(jobs: readonly PartitionJob[], options: GlobalPoolOptions): Promise<GlobalBaseline> {
  const task = taskInfo(options.spec.task);
  const models = chosenModels(task, options.spec).map((model) => model.name);
  const queue: Unit[] = Array.from({ length: options.spec.folds }, (_, fold) => ({ fold, attempt: 1 }));
  const answers: (GlobalFoldScores | undefined)[] = [];
  let folds = -1;
  let notes: readonly string[] = [];
  let outcome: GlobalBaseline | null = null;

  const completeIfAllIn = (): void => {
    if (folds < 0 || answers.slice(0, folds).filter((answer) => answer !== undefined).length < folds) return;
    const rows = globalRows(task, models, answers.slice(0, folds) as GlobalFoldScores[], jobs.length);
    outcome = { ok: true, rows: new Map(jobs.map((job, p) => [keyId(job.key), rows[p]])), notes };
  };
  const received = (fold: number, answer: Extract<WorkerMessage, { type: "global" }>["answer"]): void => {
    if (!answer.ok) {
      outcome = { ok: false, reason: answer.reason };
      return;
    }
    if (folds < 0) {
      folds = answer.folds;
      notes = answer.notes;
      for (let f = options.spec.folds; f < folds; f++) queue.push({ fold: f, attempt: 1 });
      for (let u = queue.length - 1; u >= 0; u--) if (queue[u].fold >= folds) queue.splice(u, 1);
    }
    if (fold < folds) answers[fold] = answer.scores;
    completeIfAllIn();
  };

  const source: UnitSource<Unit, Holding> = {
    pending: () => queue.length,
    memory: () => ({ rows: false }),
    take: () => queue.shift(),
    request(unit, id, memory): GlobalRequest {
      // Every partition's rows go to a child once; it keeps them prepared for its next folds.
      const parts = memory.rows ? null : jobs.map((job) => ({ key: job.key, rows: rowsText(job.lines) }));
      memory.rows = true;
      return { type: "global", id, attempt: unit.attempt, header: options.header, parts, spec: options.spec, fold: unit.fold };
    },
    answered(unit, answer) {
      if (answer.type === "global") received(unit.fold, answer.answer);
      else if (answer.type === "error") outcome = { ok: false, reason: answer.message };
    },
    died(unit, how) {
      if (unit.attempt >= MAX_ATTEMPTS) outcome = { ok: false, reason: `worker process died twice (${how})` };
      else queue.unshift({ fold: unit.fold, attempt: unit.attempt + 1 });
    },
    complete: () => outcome !== null,
    onFit: options.onFit,
  };
  await runChildPool(options.workers, source, options.signal, options.spares);
  return outcome ?? { ok: false, reason: "no global fold was scored" };
}

/** One global fold to score, and which try this is. */
interface Unit {
  readonly fold: number;
  readonly attempt: number;
}

/** Whether a child was sent every partition's rows (it keeps them prepared). */
interface Holding {
  rows: boolean;
}

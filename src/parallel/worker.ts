import { keyId } from "../data/partitionKey.js";
import { parseRowsText } from "../data/rowText.js";
import { prepareFolds, scoreFold, scoreTable, workFeatures, type FoldScore, type PartitionFacts } from "../evaluate/compareModels.js";
import type { FoldFeatures } from "../evaluate/fitModels.js";
import { prepareGlobal, scoreGlobalFold } from "../evaluate/globalFolds.js";
import { withTask } from "../evaluate/tasks.js";
import { anchorModelShapes } from "../models/shapeAnchors.js";
import type { FoldAnswer, FoldRequest, GlobalAnswer, GlobalRequest, ScoreRequest, WorkerMessage, WorkRequest } from "./messages.js";
import { startParentWatchdog } from "./parentWatchdog.js";

/**
 * Child process entry: scores the partitions (or single folds of them) the parent sends, one at
 * a time. Knows nothing of the pool; it answers each request with exactly one message carrying
 * a result, a fold's scores or an error.
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
 * makes this child SIGKILL itself on the first <attempts> tries of that partition (of each of
 * its folds, when it is split), and 'global@<attempts>' on those of each global baseline fold,
 * exactly as the OOM killer would. Unset in normal use.
 */
function injectedKill(target: string, attempt: number): boolean {
  const spec = process.env.AUTOML_GRID_TEST_KILL;
  if (!spec) return false;
  const at = spec.lastIndexOf("@");
  return spec.slice(0, at) === target && attempt <= Number(spec.slice(at + 1));
}

/** What AUTOML_GRID_TEST_KILL names the global baseline's folds by. */
const GLOBAL_FOLDS = "global";

/** A partition prepared for fold requests: kept until rows of another partition arrive. */
interface HeldPartition {
  readonly partition: number;
  readonly notes: readonly string[];
  readonly facts: PartitionFacts;
  readonly folds: number;
  /** Scores some models (indices in spec order) on one fold, or null when the partition cannot be scored (refused says why). */
  readonly score: ((fold: number, models: readonly number[], onFit: () => void) => (FoldScore | null)[]) | null;
  readonly refused: { readonly reason: string; readonly skip: boolean };
}

let held: HeldPartition | null = null;

/**
 * The models this child has fitted: the first fit of each is preceded by a warm-up fit on a
 * sample (compareModels.ts's ScoreHooks.warmUp), so that V8's compilation of its code is not
 * timed in a fold. A child serves one run, so one task: a model id names one model.
 */
const warmed = new Set<string>();

function warmUpOnce(model: string): boolean {
  if (warmed.has(model)) return false;
  warmed.add(model);
  return true;
}

function prepare(request: FoldRequest, rows: string): HeldPartition {
  const table = { header: request.header, rows: parseRowsText(rows) };
  return withTask(request.spec.task, (task): HeldPartition => {
    const notes: string[] = [];
    const { facts, work } = prepareFolds(task, table, request.key, request.spec, notes);
    const base = { partition: request.partition, notes, facts };
    if (!work.ok) return { ...base, folds: 0, score: null, refused: { reason: work.reason, skip: work.skip } };
    const prepared = work.value;
    // The last fold's encoded rows: the pool sends a child one model of a fold at a time, mostly
    // of the fold it scored last.
    let kept: { readonly fold: number; readonly features: FoldFeatures } | null = null;
    return {
      ...base,
      folds: prepared.table.folds.length,
      score: (fold, models, onFit) => {
        if (kept?.fold !== fold) {
          kept = null; // the previous fold's matrices go before the next ones are made: one fold's at a time
          kept = { fold, features: workFeatures(prepared, fold) };
        }
        const skip = prepared.models.map((_, m) => !models.includes(m));
        return scoreFold(prepared, fold, { onFit, warmUp: warmUpOnce }, skip, kept.features);
      },
      refused: { reason: "", skip: false },
    };
  });
}

function scoreOneFold(request: FoldRequest): FoldAnswer {
  if (request.rows !== null) {
    held = null; // let the previous partition go before the next one is built
    held = prepare(request, request.rows);
  }
  if (held === null || held.partition !== request.partition) throw new Error(`partition ${request.partition} was never sent to this child`);
  const { notes, facts, folds, score, refused } = held;
  if (score === null) return { ok: false, ...refused, notes, facts };
  const scores = request.fold < folds ? score(request.fold, request.models, () => send({ type: "fit", id: request.id })) : [];
  return { ok: true, folds, notes, facts, scores };
}

/** Every partition prepared for the global baseline's folds, kept for this child's next global folds. */
let heldGlobal: ((request: GlobalRequest) => GlobalAnswer) | null = null;

function scoreGlobal(request: GlobalRequest): GlobalAnswer {
  if (request.parts !== null) {
    held = null;
    heldGlobal = null;
    const parts = request.parts.map((part) => ({ key: part.key, table: { header: request.header, rows: parseRowsText(part.rows) } }));
    heldGlobal = withTask(request.spec.task, (task) => {
      const prepared = prepareGlobal(task, parts, request.spec);
      if (!prepared.ok) return (): GlobalAnswer => ({ ok: false, reason: prepared.reason });
      const work = prepared.value;
      return (next: GlobalRequest): GlobalAnswer => ({
        ok: true,
        folds: work.folds,
        notes: work.notes,
        scores: next.fold < work.folds ? scoreGlobalFold(work, next.fold, () => send({ type: "fit", id: next.id })) : [],
      });
    });
  }
  if (heldGlobal === null) throw new Error("the global baseline's rows were never sent to this child");
  return heldGlobal(request);
}

function scoreWhole(request: ScoreRequest): WorkerMessage {
  held = null;
  const table = { header: request.header, rows: parseRowsText(request.rows) };
  const result = withTask(request.spec.task, (task) =>
    scoreTable(task, table, request.key, request.spec, { onFit: () => send({ type: "fit", id: request.id }), warmUp: warmUpOnce }),
  );
  return { type: "result", id: request.id, result };
}

process.on("message", (request: WorkRequest) => {
  if (request.type === "global") {
    if (injectedKill(GLOBAL_FOLDS, request.attempt)) process.kill(process.pid, "SIGKILL");
    try {
      send({ type: "global", id: request.id, answer: scoreGlobal(request) });
    } catch (error) {
      send({ type: "error", id: request.id, message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  if (injectedKill(keyId(request.key), request.attempt)) process.kill(process.pid, "SIGKILL");
  try {
    send(request.type === "fold" ? { type: "fold", id: request.id, answer: scoreOneFold(request) } : scoreWhole(request));
  } catch (error) {
    send({ type: "error", id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
});

// The parent going away (killed, Ctrl-C) closes the channel: stop instead of computing for nobody.
process.on("disconnect", () => process.exit(0));
startParentWatchdog();
anchorModelShapes();

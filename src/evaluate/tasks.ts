import type { TargetSummary } from "../data/readPartitions.js";
import { classificationTask } from "./classificationTask.js";
import { regressionTask } from "./regressionTask.js";
import type { Task, TaskId, TaskInfo } from "./task.js";
import { shortText } from "../data/shortText.js";

/** A task in the registry, usable without knowing its target type. */
interface TaskEntry {
  readonly info: TaskInfo;
  use<R>(f: <Y>(task: Task<Y>) => R): R;
}

function entry<Y>(task: Task<Y>): TaskEntry {
  return { info: task, use: (f) => f(task) };
}

/** Every task, one line each. */
const TASKS: readonly TaskEntry[] = [entry(classificationTask), entry(regressionTask)];

export const TASK_IDS: readonly TaskId[] = TASKS.map((task) => task.info.id);

function find(id: TaskId): TaskEntry {
  const found = TASKS.find((task) => task.info.id === id);
  if (found === undefined) throw new RangeError(`unknown task ${id}`);
  return found;
}

export function isTaskId(value: string): value is TaskId {
  return TASKS.some((task) => task.info.id === value);
}

/** The task's columns, sort and models, for the report, the CLI and merge. */
export function taskInfo(id: TaskId): TaskInfo {
  return find(id).info;
}

/** Runs f with the task itself (its target type stays hidden from the caller). */
export function withTask<R>(id: TaskId, f: <Y>(task: Task<Y>) => R): R {
  return find(id).use(f);
}

/** Above this many distinct numeric values, `--task auto` reads the target as a quantity. */
const MAX_CLASSES = 20;

/**
 * `--task auto`, decided once for the whole file so that every partition of a run agrees:
 * regression when every present target value is a number and there are more than 20 distinct
 * ones, else classification. Returns the task and the reason, said on stderr.
 */
export function autoTask(target: TargetSummary, name: string): { task: TaskId; reason: string } {
  if (target.notNumber === null && target.values.length > MAX_CLASSES) {
    return { task: "regression", reason: `the target ${shortText(name)} is numeric with more than ${MAX_CLASSES} distinct values` };
  }
  const count = target.values.length;
  // Of more than 20 values, a text one decided it: the reason names it (a stray "n/k" among numbers).
  const { notNumber } = target;
  const why = notNumber !== null && count > MAX_CLASSES ? `a value that is not a number ("${shortText(notNumber.value)}" at row ${notNumber.row})` : `${count} distinct value${count === 1 ? "" : "s"}`;
  return { task: "classification", reason: `the target ${shortText(name)} has ${why}` };
}

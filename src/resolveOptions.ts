import type { TargetSummary } from "./data/readPartitions.js";
import { UsageError } from "./errors.js";
import { gridColumns, type TaskId, type TaskInfo } from "./evaluate/task.js";
import { autoTask, taskInfo } from "./evaluate/tasks.js";

/**
 * The choices that need the file (the task under --task auto) or the task (its models, its sort
 * column), made once after reading and before any scoring. Pure; a bad choice is a UsageError.
 */
export interface Resolved {
  readonly task: TaskInfo;
  /** Why the task was chosen, when it was not given. */
  readonly taskReason: string | null;
  readonly models: readonly string[];
  readonly sort: string;
}

export interface Choices {
  readonly target: string;
  readonly task: TaskId | "auto";
  /** null: every model of the task, as compare_models. */
  readonly models: readonly string[] | null;
  readonly exclude: readonly string[];
  /** null: the task's default. */
  readonly sort: string | null;
}

export function resolveOptions(choices: Choices, target: TargetSummary): Resolved {
  const chosen = choices.task === "auto" ? autoTask(target, choices.target) : { task: choices.task, reason: null };
  const task = taskInfo(chosen.task);
  const ids = task.models.map((model) => model.id);
  for (const [option, list] of [["--models", choices.models ?? []], ["--exclude", choices.exclude]] as const) {
    for (const id of list) {
      if (!ids.includes(id)) throw new UsageError(`${option} ${id}: not a ${task.id} model; expected some of ${ids.join(",")}`);
    }
  }
  // Registry order, like compare_models' include=: the grid's order never depends on typing order.
  const models = ids.filter((id) => (choices.models === null || choices.models.includes(id)) && !choices.exclude.includes(id));
  if (models.length === 0) throw new UsageError(`--exclude leaves no ${task.id} model to compare`);
  return { task, taskReason: chosen.reason, models, sort: chooseSort(task, choices.sort) };
}

/** --sort as a column of the task (case-insensitive), or the task's default. */
export function chooseSort(task: TaskInfo, sort: string | null): string {
  if (sort === null) return task.defaultSort;
  const columns = gridColumns(task).map((column) => column.id);
  const found = columns.find((id) => id.toLowerCase() === sort.toLowerCase());
  if (found === undefined) throw new UsageError(`--sort ${sort}: not a ${task.id} column; expected one of ${columns.join(", ")}`);
  return found;
}

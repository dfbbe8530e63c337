import { taskInfo } from "../evaluate/tasks.js";
import type { Leaderboard } from "./leaderboard.js";
import type { RunMetadata } from "./runMetadata.js";
import { toCsv } from "./toCsv.js";
import { toHtml } from "./toHtml.js";
import { toJson, toJsonl } from "./toJson.js";
import { toMarkdown } from "./toMarkdown.js";
import { toTable } from "./toTable.js";
import { toTsv } from "./toTsv.js";

export const FORMATS = ["table", "csv", "tsv", "json", "jsonl", "markdown", "html"] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** What the CLI knows of where the grid goes and how it was asked for, beyond the grid itself. */
export interface RenderContext {
  /** The table may carry colour: stdout is a terminal and NO_COLOR is unset. */
  readonly color?: boolean;
  /** The --sort column (the html heatmap's metric); the task's default when not given. */
  readonly sort?: string;
  /** What was read (a file name, or the shards of a merge), for the html report's summary. */
  readonly source?: string;
}

/** The leaderboard as text in the chosen format; json and jsonl keep full precision and carry the run's metadata. */
export function renderLeaderboard(board: Leaderboard, format: Format, round: number, metadata: RunMetadata, context: RenderContext = {}): string {
  const task = taskInfo(metadata.options.task);
  switch (format) {
    case "table":
      return toTable(board, { round, task, by: metadata.options.by, color: context.color === true });
    case "csv":
      return toCsv(board, round);
    case "tsv":
      return toTsv(board, round);
    case "json":
      return toJson(board, metadata);
    case "jsonl":
      return toJsonl(board, metadata);
    case "markdown":
      return toMarkdown(board, round);
    case "html":
      return toHtml(board, { round, task, metadata, sort: context.sort ?? task.defaultSort, source: context.source ?? null });
  }
}

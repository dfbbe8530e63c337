import type { Leaderboard } from "./leaderboard.js";
import type { RunMetadata } from "./runMetadata.js";
import { toCsv } from "./toCsv.js";
import { toJson, toJsonl } from "./toJson.js";
import { toMarkdown } from "./toMarkdown.js";
import { toTable } from "./toTable.js";
import { toTsv } from "./toTsv.js";

export const FORMATS = ["table", "csv", "tsv", "json", "jsonl", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** The leaderboard as text in the chosen format; json and jsonl keep full precision and carry the run's metadata. */
export function renderLeaderboard(board: Leaderboard, format: Format, round: number, metadata: RunMetadata): string {
  switch (format) {
    case "table":
      return toTable(board, round);
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
  }
}

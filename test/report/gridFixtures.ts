import type { GridRow } from "../../src/evaluate/grid.js";
import { taskInfo } from "../../src/evaluate/tasks.js";
import type { RunMetadata } from "../../src/report/runMetadata.js";

/** The classification task's columns and models, as the leaderboard reads them. */
export const classification = taskInfo("classification");

/** A grid row with the given fold means (missing columns 0) and zero deviations. */
export function gridRow(model: string, mean: Readonly<Record<string, number>>): GridRow {
  const full = { Accuracy: 0, AUC: 0, Recall: 0, Prec: 0, F1: 0, Kappa: 0, MCC: 0, TT_Sec: 0, ...mean };
  return { model, mean: full, sd: Object.fromEntries(Object.keys(full).map((column) => [column, 0])) };
}

/** Metadata of a classification run, for writers that record it (json, jsonl). */
export function metadataFor(by: readonly string[]): RunMetadata {
  return {
    format: "automl-grid",
    version: 2,
    fingerprint: "0".repeat(64),
    options: { task: "classification", target: "y", by, models: ["lr"], folds: 10, foldColumn: null, trainSize: 0.7, minRows: 0, seed: 123, ignore: [], delimiter: "auto", encoding: "utf-8", decimal: "." },
    shard: null,
  };
}

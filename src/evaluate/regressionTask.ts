import { isNumericCell } from "../data/numberCell.js";
import { REGRESSORS } from "../models/regressors.js";
import { kFold } from "./kFold.js";
import { REGRESSION_METRICS } from "./regressionMetrics.js";
import { cannot, lacksData, type Task } from "./task.js";
import { trainSplit } from "./trainSplit.js";

/** The task's tooFewToFold: 2 folds need 2 rows. */
function tooFewRows(rows: number): string | null {
  return rows < 2 ? `${rows} row${rows === 1 ? "" : "s"} to cross-validate; 2 folds need at least 2 rows` : null;
}

/**
 * Regression as PyCaret's setup(): a numeric target, a plain (unstratified) split and shuffled
 * k-fold, one prediction per row scored by the six regression metrics.
 */
export const regressionTask: Task<Float64Array> = {
  id: "regression",
  metrics: REGRESSION_METRICS,
  defaultSort: "R2",
  models: REGRESSORS.map((model) => ({
    id: model.id,
    name: model.name,
    scaled: model.scaled,
    fitPredict: (train, y, test, rng) => model.create(rng).fit(train, y).predict(test),
  })),

  // A quantity has no class balance; its row count is every task's.
  targetFacts: [],

  baselineModel: "dummy",

  refuseTarget: ({ notNumber }, name) =>
    notNumber === null
      ? null
      : `the target ${name} has a value that is not a number (${JSON.stringify(notNumber.value)} at row ${notNumber.row}); regression needs a numeric target: if ${JSON.stringify(notNumber.value)} marks a missing value, write it empty or NA (rows without a target are dropped); if the target is classes, --task classification`,

  target(cells, name) {
    const y = new Float64Array(cells.length);
    for (let i = 0; i < cells.length; i++) {
      if (!isNumericCell(cells[i])) return cannot(`the target ${name} has a value that is not a number (${cells[i]})`);
      y[i] = Number(cells[i]);
    }
    return { ok: true, value: y };
  },

  take: (y, rows) => Float64Array.from(rows, (i) => y[i]),

  trainRows: (y, trainSize, rng) => trainSplit(y.length, trainSize, rng),

  tooFewToFold: (_y, rows) => tooFewRows(rows.length),

  folds(_y, rows, k, rng, notes) {
    if (rows.length < k) {
      const tooFew = tooFewRows(rows.length);
      if (tooFew !== null) return lacksData(tooFew);
      notes.push(`${rows.length} rows to cross-validate: using ${rows.length} folds instead of ${k}`);
      k = rows.length;
    }
    return { ok: true, value: kFold(rows, k, rng) };
  },

  checkOutput(output, rows) {
    if (output.length !== rows) return `returned ${output.length} predictions for ${rows} rows`;
    for (let i = 0; i < rows; i++) if (!Number.isFinite(output[i])) return `returned ${output[i]} as a prediction (row ${i + 1})`;
    return null;
  },

  describe: () => ({}),
};

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
/** A square below this loses its precision to underflow (double's smallest normal number, 2^-1022). */
const TINY_SQUARE = 2 ** -1022;

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

  warnTarget: ({ largest }, name) => {
    // Targets so close to 0 that a squared error underflows (about 1e-154 and below): every MSE
    // comes out 0 and every R2 1 (0 / 0 read as a perfect fit, as scikit-learn reads it), for
    // every model alike. At the other end (about 1e154 and above) squares overflow: MSE and RMSE
    // come out infinite and R2 NaN, and models that sum squares (Bayesian Ridge, Huber, the
    // trees' criteria) fall back to the mean.
    if (largest > 0 && largest * largest < TINY_SQUARE) {
      return `the target ${name} has no value larger than ${largest.toPrecision(3)} in size: squared errors underflow to 0, so MSE, RMSE and R2 cannot tell the models apart; scale the target (multiply it by a large power of 10)`;
    }
    if (!Number.isFinite(largest * largest)) {
      return `the target ${name} has a value as large as ${largest.toPrecision(3)}: squares of its size overflow, so MSE, RMSE and R2 come out infinite or NaN and several models cannot fit it; scale the target (divide it by a large power of 10)`;
    }
    return null;
  },

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

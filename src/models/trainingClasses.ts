import type { Matrix } from "../stats/matrix.js";
import { rowsPerCall } from "../stats/rowBlocks.js";
import { ABSENT_CLASS_SCORE } from "./estimator.js";

/**
 * The classes a training fold holds, as scikit-learn's classes_ (np.unique(y)): the models fit
 * over these only, and a class of the table that the fold lacks gets probability 0 or
 * ABSENT_CLASS_SCORE in the output.
 */
export interface TrainingClasses {
  /** Table class indices present in y, ascending. */
  readonly classes: Uint32Array;
  /** Rows of each present class. */
  readonly counts: Float64Array;
  /** Per row: the index of its class within `classes`. */
  readonly local: Uint32Array;
}

/** Checks X and y at a classifier's door (one label per row, at least one row, labels below nClasses) and finds the classes present. */
export function trainingClasses(X: Matrix, y: Uint32Array, nClasses: number): TrainingClasses {
  if (X.rows !== y.length) throw new RangeError(`${X.rows} rows but ${y.length} labels`);
  if (X.rows === 0) throw new RangeError("cannot fit on zero rows");
  if (X.cols === 0) throw new RangeError("X has no features");
  const rows = new Float64Array(nClasses);
  const step = rowsPerCall(1);
  for (let from = 0; from < y.length; from += step) countLabels(y, nClasses, from, Math.min(y.length, from + step), rows);
  const classes = Uint32Array.from(Array.from(rows.keys()).filter((c) => rows[c] > 0));
  const localOf = new Uint32Array(nClasses);
  classes.forEach((c, k) => (localOf[c] = k));
  const local = new Uint32Array(y.length);
  for (let from = 0; from < y.length; from += step) localLabels(y, localOf, from, Math.min(y.length, from + step), local);
  return { classes, counts: Float64Array.from(classes, (c) => rows[c]), local };
}

/**
 * Adds labels from..to - 1 of y to their classes' rows, checking each. The loops over the rows
 * of this file run a few hundred steps a call (rowBlocks.ts's CALL_STEPS): every classifier's fit
 * and prediction runs each once.
 */
function countLabels(y: Uint32Array, nClasses: number, from: number, to: number, rows: Float64Array): void {
  for (let i = from; i < to; i++) {
    const label = y[i];
    if (label >= nClasses) throw new RangeError(`label ${label} at row ${i} is not below nClasses ${nClasses}`);
    rows[label]++;
  }
}

function localLabels(y: Uint32Array, localOf: Uint32Array, from: number, to: number, local: Uint32Array): void {
  for (let i = from; i < to; i++) local[i] = localOf[y[i]];
}

/**
 * Refuses training labels of a single class for a model whose registry record says it needs two
 * (ModelSpec.needsTwoClasses), as its scikit-learn estimator raises there; `labels` name the
 * classes in the message.
 */
export function requireTwoClasses(y: Uint32Array, labels: readonly string[]): void {
  for (let i = 1; i < y.length; i++) if (y[i] !== y[0]) return;
  const only = y.length === 0 ? "" : ` (${labels[y[0]] ?? y[0]})`;
  throw new RangeError(`the training rows hold one class${only}; it needs two, as in scikit-learn`);
}

/** Checks a query matrix against the fitted feature count. */
export function checkQueryColumns(X: Matrix, fittedCols: number): void {
  if (fittedCols === 0) throw new Error("the model is not fitted");
  if (X.cols !== fittedCols) throw new RangeError(`fitted on ${fittedCols} features, got ${X.cols}`);
}

/**
 * Spreads decision values over the present classes onto rows x nClasses, the table's classes.
 * `scores` is rows x K: with two present classes K = 1, scikit-learn's binary score d, written
 * [-d, d]; with more, one column per present class; with one, K = 0 and that class scores 0.
 * Absent classes score ABSENT_CLASS_SCORE.
 */
export function decisionColumns(scores: Float64Array, rows: number, classes: Uint32Array, nClasses: number): Float64Array {
  const K = scoreColumns(classes.length);
  if (scores.length !== rows * K) throw new RangeError(`${scores.length} scores for ${rows} rows x ${K}`);
  const out = new Float64Array(rows * nClasses).fill(ABSENT_CLASS_SCORE);
  for (let from = 0, step = rowsPerCall(K + 1); from < rows; from += step) spreadScores(scores, K, classes, nClasses, from, Math.min(rows, from + step), out);
  return out;
}

function spreadScores(scores: Float64Array, K: number, classes: Uint32Array, nClasses: number, from: number, to: number, out: Float64Array): void {
  for (let i = from; i < to; i++) {
    const o = i * nClasses;
    if (K === 0) {
      out[o + classes[0]] = 0;
    } else if (K === 1) {
      out[o + classes[0]] = -scores[i];
      out[o + classes[1]] = scores[i];
    } else {
      for (let k = 0; k < K; k++) out[o + classes[k]] = scores[i * K + k];
    }
  }
}

/** How many decision values scikit-learn keeps per row for this many classes: 0, 1 for two, else one each. */
export function scoreColumns(presentClasses: number): number {
  return presentClasses < 2 ? 0 : presentClasses === 2 ? 1 : presentClasses;
}

/**
 * Spreads rows x classes.length probabilities over the table's nClasses columns; a class absent
 * from training gets probability 0.
 */
export function spreadProbabilities(local: Float64Array, classes: Uint32Array, nClasses: number): Float64Array {
  const k = classes.length;
  const rows = local.length / k;
  const out = new Float64Array(rows * nClasses);
  for (let from = 0, step = rowsPerCall(k); from < rows; from += step) spreadRows(local, classes, nClasses, from, Math.min(rows, from + step), out);
  return out;
}

function spreadRows(local: Float64Array, classes: Uint32Array, nClasses: number, from: number, to: number, out: Float64Array): void {
  const k = classes.length;
  for (let i = from; i < to; i++) for (let c = 0; c < k; c++) out[i * nClasses + classes[c]] = local[i * k + c];
}

/** How many of the local labels (0..K-1) are each class. */
export function localClassCounts(local: Uint32Array, K: number): Float64Array {
  const counts = new Float64Array(K);
  for (let from = 0, step = rowsPerCall(1); from < local.length; from += step) countLocal(local, from, Math.min(local.length, from + step), counts);
  return counts;
}

function countLocal(local: Uint32Array, from: number, to: number, counts: Float64Array): void {
  for (let i = from; i < to; i++) counts[local[i]]++;
}

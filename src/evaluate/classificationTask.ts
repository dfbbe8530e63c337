import { byCodePoints } from "../data/codePointOrder.js";
import { distinctValues } from "../data/distinctValues.js";
import { isNumericCell } from "../data/numberCell.js";
import { shortText } from "../data/shortText.js";
import { checkDecisionScores } from "./checkDecisionScores.js";
import { checkProbabilities } from "./checkProbabilities.js";
import { CLASSIFIERS } from "../models/classifiers.js";
import type { ModelSpec } from "../models/estimator.js";
import { requireTwoClasses } from "../models/trainingClasses.js";
import { CLASSIFICATION_METRICS, type Classes } from "./classificationMetrics.js";
import { classCounts } from "./fold.js";
import { stratifiedKFold } from "./stratifiedKFold.js";
import { stratifiedTrainSplit } from "./stratifiedTrainSplit.js";
import { cannot, lacksData, type Task } from "./task.js";
import type { Matrix } from "../stats/matrix.js";
import type { Rng } from "../stats/rng.js";

/** Above this many classes making up more than half the rows, a target looks continuous. */
const MAX_CLASSES_OF_A_LABEL = 20;

/** Models whose scores are decision values (scikit-learn's decision_function), not probabilities. */
const DECISION_SCORES = new Set(CLASSIFIERS.filter((model) => model.scores === "decision").map((model) => model.id));

/** A classifier's scores for the test rows: its probabilities, or its decision values if it has no probabilities. */
function classScores(model: ModelSpec, train: Matrix, y: Classes, test: Matrix, rng: Rng): Float64Array {
  if (model.needsTwoClasses) requireTwoClasses(y.codes, y.labels);
  if (model.scores === "decision") return model.create(rng).fit(train, y.codes, y.labels.length).decisionFunction(test);
  return model.create(rng).fit(train, y.codes, y.labels.length).predictProba(test);
}

/**
 * What to do with a target that looks continuous: --task regression, which needs every value a
 * number, so a stray word (PyCaret's "?" marker) must first be written as a missing value.
 */
function continuousHint(cells: readonly string[]): string {
  const word = cells.find((cell) => !isNumericCell(cell));
  return word === undefined ? "try --task regression" : `try --task regression, with ${JSON.stringify(shortText(word))} written empty or NA`;
}

/**
 * The classes of a target's cells, as PyCaret's LabelEncoder finds them in the column pandas
 * read: numbers when every cell is one (so `1` and `1.0` are one class, and `5` comes before
 * `10`, making 10 a binary target's positive class), else texts in code-point order, as NumPy sorts them. A numeric
 * class is shown as its first cell's text.
 */
export function classLabels(cells: readonly string[]): { labels: string[]; codes: Uint32Array } {
  const { values, codes } = distinctValues(cells, byCodePoints);
  return { labels: values, codes };
}

/** The row count of the smallest class present among `rows`. */
/**
 * The fewest rows any class of the partition has among the cross-validated rows: 0 when the
 * train split left a class out (a class of one row, held out), which scikit-learn's stratified
 * train_test_split refuses, and which would cross-validate a one-class target.
 */
function smallestClass(y: Classes, rows: Uint32Array): number {
  let smallest = Infinity;
  for (const count of classCounts(y.codes, rows, y.labels.length)) smallest = Math.min(smallest, count);
  return smallest;
}

/** The task's tooFewToFold, from the smallest class's rows. */
function tooFewPerClass(smallest: number): string | null {
  return smallest < 2 ? `a class has ${smallest} row${smallest === 1 ? "" : "s"}; 2 folds need at least 2 rows per class` : null;
}

/**
 * Classification as PyCaret's setup(): labels in sorted order (classLabels; the positive class of
 * a binary target is the second), stratified split and folds, class scores (probabilities, or decision
 * values for the models without them) scored by the seven classification metrics.
 */
export const classificationTask: Task<Classes> = {
  id: "classification",
  metrics: CLASSIFICATION_METRICS,
  defaultSort: "Accuracy",
  models: CLASSIFIERS.map((model) => ({
    id: model.id,
    name: model.name,
    scaled: model.scaled,
    fitPredict: (train, y, test, rng) => classScores(model, train, y, test, rng),
  })),

  targetFacts: ["Minority"],

  baselineModel: "dummy",

  refuseTarget: (target, name) =>
    target.values.length < 2 ? `the target ${name} has one class (${target.values[0]}); a classifier needs two` : null,

  warnTarget: () => null,

  target(cells, name) {
    const { labels, codes } = classLabels(cells);
    if (labels.length === 0) return lacksData("no rows with a target value");
    if (labels.length < 2) return lacksData(`the target ${name} has one class (${labels[0]})`);
    // Not for lack of data: the labels are too many to be classes.
    if (labels.length > MAX_CLASSES_OF_A_LABEL && labels.length > cells.length / 2) {
      return { ...cannot(`the target ${name} has ${labels.length} distinct values in ${cells.length} rows: it looks continuous (${continuousHint(cells)})`), facts: classificationTask.describe({ codes, labels }) };
    }
    return { ok: true, value: { codes, labels } };
  },

  take: (y, rows) => ({ codes: Uint32Array.from(rows, (i) => y.codes[i]), labels: y.labels }),

  trainRows: (y, trainSize, rng) => stratifiedTrainSplit(y.codes, y.labels.length, trainSize, rng),

  tooFewToFold: (y, rows) => tooFewPerClass(smallestClass(y, rows)),

  folds(y, rows, k, rng, notes) {
    const smallest = smallestClass(y, rows);
    if (smallest < k) {
      const tooFew = tooFewPerClass(smallest);
      if (tooFew !== null) return lacksData(tooFew);
      notes.push(`the smallest class has ${smallest} rows: using ${smallest} folds instead of ${k}`);
      k = smallest;
    }
    return { ok: true, value: stratifiedKFold(y.codes, rows, y.labels.length, k, rng) };
  },

  checkOutput: (output, rows, y, modelId) =>
    DECISION_SCORES.has(modelId) ? checkDecisionScores(output, rows, y.labels.length) : checkProbabilities(output, rows, y.labels.length),

  // The class balance: the smallest class's share of the rows (0.5 is a balanced binary target).
  describe(y) {
    const counts = new Uint32Array(y.labels.length);
    for (const code of y.codes) counts[code]++;
    return { Minority: counts.reduce((a, b) => Math.min(a, b)) / y.codes.length };
  },
};

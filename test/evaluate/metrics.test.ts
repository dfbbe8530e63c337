import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { CLASSIFICATION_METRICS } from "../../src/evaluate/classificationMetrics.js";
import { predictedLabels } from "../../src/stats/predictedLabels.js";
import { repoPath } from "../helpers.js";

/**
 * Every grid metric against scikit-learn 1.2.1 on fixed folds (test/reference/metrics_reference.json,
 * made by test/reference/metrics_reference.py, whose docstring says how each metric is called).
 * The tolerance is 1e-9: both sides compute the same formulas on the same doubles, so only the
 * order of floating-point sums differs. A null expectation is scikit-learn's nan or ValueError (a
 * fold with one class for AUC, kappa's 0/0), where our metric must give NaN so the grid skips it.
 */
const TOLERANCE = 1e-9;

interface ReferenceCase {
  readonly name: string;
  readonly description: string;
  readonly nClasses: number;
  readonly yTrue: readonly number[];
  readonly yPred: readonly number[];
  readonly proba: readonly (readonly number[])[];
  readonly expected: Readonly<Record<MetricId, number | null>>;
  readonly sklearnNotes: Readonly<Partial<Record<MetricId, string>>>;
}

interface Reference {
  readonly sklearn: string;
  readonly metrics: readonly MetricId[];
  readonly cases: readonly ReferenceCase[];
}

type MetricId = "Accuracy" | "AUC" | "Recall" | "Prec" | "F1" | "Kappa" | "MCC";
const METRIC_IDS = CLASSIFICATION_METRICS.map((metric) => metric.id);

const reference = JSON.parse(readFileSync(repoPath("test", "reference", "metrics_reference.json"), "utf8")) as Reference;

function fold(c: ReferenceCase): { yTrue: Uint32Array; proba: Float64Array } {
  return { yTrue: Uint32Array.from(c.yTrue), proba: Float64Array.from(c.proba.flat()) };
}

test("the scikit-learn reference covers every grid metric", () => {
  assert.equal(reference.sklearn, "1.2.1");
  assert.deepEqual([...reference.metrics].sort(), [...METRIC_IDS].sort());
  for (const c of reference.cases) assert.deepEqual(Object.keys(c.expected).sort(), [...METRIC_IDS].sort(), c.name);
});

for (const c of reference.cases) {
  test(`predicted labels on ${c.name} are numpy's argmax (first maximum wins)`, () => {
    const { proba } = fold(c);
    assert.deepEqual([...predictedLabels(proba, c.nClasses)], c.yPred);
  });

  for (const metric of CLASSIFICATION_METRICS) {
    const expected = c.expected[metric.id as MetricId];
    const behaviour = expected === null ? "is NaN where scikit-learn's is undefined" : "equals scikit-learn";
    test(`${metric.id} ${behaviour} on ${c.name}`, () => {
      const { yTrue, proba } = fold(c);
      const labels = Array.from({ length: c.nClasses }, (_, k) => String(k));
      const ours = metric.score({ codes: yTrue, labels }, proba);
      const context = `${c.name} (${c.description}): ${metric.id} ours ${ours}, sklearn ${expected}` +
        (c.sklearnNotes[metric.id as MetricId] === undefined ? "" : ` [${c.sklearnNotes[metric.id as MetricId]}]`);
      if (expected === null) {
        assert.ok(Number.isNaN(ours), context);
      } else {
        assert.ok(Math.abs(ours - expected) <= TOLERANCE, context);
      }
    });
  }
}

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { featureColumns } from "../../src/data/featureColumns.js";
import type { Table } from "../../src/data/table.js";
import type { Matrix } from "../../src/stats/matrix.js";
import { fitFeaturePlan } from "../../src/preprocess/featurePlan.js";
import { applyStandardScaler, fitStandardScaler } from "../../src/preprocess/standardScaler.js";
import { repoPath } from "../helpers.js";

/**
 * The protocol's column types and preprocessing against scikit-learn 1.2.1's own transformers (SimpleImputer, OneHotEncoder,
 * StandardScaler; frequency encoding by plain counting, as sklearn has none) on small tables
 * (test/reference/preprocess_reference.json, made by test/reference/preprocess_reference.py, whose
 * docstring says how each column is encoded). The tolerance is 1e-12: both sides compute the same
 * means and variances of the same doubles, every value is below 100 in size, and only the order of
 * the sums differs (numpy's pairwise against our running sum), some 1e-15 at most.
 */
const TOLERANCE = 1e-12;

interface ReferenceFeature {
  readonly name: string;
  readonly kind: "numeric" | "categorical";
  readonly encoding: "mean" | "one-hot" | "frequency";
  readonly width: number;
  /** The imputed value; null where keep_empty_features's 0 stands for a missing cell. */
  readonly fill: number | string | null;
  readonly levels?: readonly (string | null)[];
}

interface ReferenceCase {
  readonly name: string;
  readonly description: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly train: readonly number[];
  readonly test: readonly number[];
  readonly features: readonly ReferenceFeature[];
  readonly sklearnNotes: Readonly<Record<string, string>>;
  readonly train_encoded: readonly (readonly number[])[];
  readonly test_encoded: readonly (readonly number[])[];
  readonly train_scaled: readonly (readonly number[])[];
  readonly test_scaled: readonly (readonly number[])[];
}

interface Reference {
  readonly sklearn: string;
  readonly cases: readonly ReferenceCase[];
}

const reference = JSON.parse(
  readFileSync(repoPath("test", "reference", "preprocess_reference.json"), "utf8"),
) as Reference;

/** Encoded column names, for messages: `port=S`, `ticket (frequency)`, `tag=(missing)`. */
function encodedColumnNames(features: readonly ReferenceFeature[]): string[] {
  return features.flatMap((f) =>
    f.encoding === "one-hot"
      ? (f.levels ?? []).map((level) => `${f.name}=${level ?? "(missing)"}`)
      : [f.encoding === "frequency" ? `${f.name} (frequency)` : f.name],
  );
}

/** Every entry of ours against scikit-learn's; the mismatches, each naming its table row and column. */
function mismatches(
  ours: Matrix,
  expected: readonly (readonly number[])[],
  rowIndices: readonly number[],
  columnNames: readonly string[],
): string[] {
  assert.equal(ours.rows, expected.length, "rows");
  assert.equal(ours.cols, columnNames.length, "columns");
  const found: string[] = [];
  expected.forEach((row, i) => {
    assert.equal(row.length, ours.cols, `reference row ${rowIndices[i]} width`);
    row.forEach((theirs, j) => {
      const value = ours.data[i * ours.cols + j];
      if (!(Math.abs(value - theirs) <= TOLERANCE)) {
        found.push(`row ${rowIndices[i]}, ${columnNames[j]}: ours ${value}, sklearn ${theirs}`);
      }
    });
  });
  return found;
}

function fold(c: ReferenceCase) {
  const table: Table = { header: c.header, rows: c.rows };
  const { columns, dropped } = featureColumns(table, c.header);
  const train = Uint32Array.from(c.train);
  const test = Uint32Array.from(c.test);
  const plan = fitFeaturePlan(columns, train);
  const trainEncoded = plan.transform(train);
  const testEncoded = plan.transform(test);
  const scaler = fitStandardScaler(trainEncoded);
  return {
    columns,
    dropped,
    train,
    plan,
    trainEncoded,
    testEncoded,
    trainScaled: applyStandardScaler(trainEncoded, scaler),
    testScaled: applyStandardScaler(testEncoded, scaler),
  };
}

test("the scikit-learn preprocessing reference is from scikit-learn 1.2.1 and covers one-hot, frequency and mean", () => {
  assert.equal(reference.sklearn, "1.2.1");
  const encodings = new Set(reference.cases.flatMap((c) => c.features.map((f) => f.encoding)));
  assert.deepEqual([...encodings].sort(), ["frequency", "mean", "one-hot"]);
});

for (const c of reference.cases) {
  const names = encodedColumnNames(c.features);
  const notes = Object.entries(c.sklearnNotes).map(([column, note]) => ` [${column}: ${note}]`).join("");
  const context = `${c.name} (${c.description})${notes}`;

  test(`${c.name}: columns are typed, and each encoded as wide, as scikit-learn's reference`, () => {
    const { columns, dropped, train, plan } = fold(c);
    assert.deepEqual(dropped, [], context);
    assert.deepEqual(
      columns.map((column) => [column.name, column.kind]),
      c.features.map((f) => [f.name, f.kind]),
      context,
    );
    // One plan per column gives each block's width: one-hot blocks as wide as sklearn's categories
    // (so a level unseen in training has no column), numeric and frequency columns 1.
    assert.deepEqual(
      columns.map((column) => fitFeaturePlan([column], train).width),
      c.features.map((f) => f.width),
      context,
    );
    assert.equal(plan.width, names.length, context);
  });

  test(`${c.name}: imputed and encoded training rows equal scikit-learn's`, () => {
    assert.deepEqual(mismatches(fold(c).trainEncoded, c.train_encoded, c.train, names), [], context);
  });

  test(`${c.name}: imputed and encoded test rows equal scikit-learn's (fitted on training rows only)`, () => {
    assert.deepEqual(mismatches(fold(c).testEncoded, c.test_encoded, c.test, names), [], context);
  });

  test(`${c.name}: z-scored training rows equal StandardScaler's`, () => {
    assert.deepEqual(mismatches(fold(c).trainScaled, c.train_scaled, c.train, names), [], context);
  });

  test(`${c.name}: z-scored test rows equal StandardScaler's (training mean and scale)`, () => {
    assert.deepEqual(mismatches(fold(c).testScaled, c.test_scaled, c.test, names), [], context);
  });
}

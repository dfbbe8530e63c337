/**
 * Per-model fit + predict time of issue 10's models (lda, qda, ridge, svm, dummy; br, huber)
 * against scikit-learn 1.2's, side by side on the same matrices: titanic (891 rows, target
 * Survived) and insurance (1,338 rows, target charges) from ../shared/datasets, encoded by our
 * protocol (imputation, one-hot or frequency encoding, z-scoring for the scaled models) with the
 * first 90% of rows (after a seeded shuffle) for training and the rest to predict, as one fold of
 * ten. The matrices go to bench/out/ as JSON; bench/sklearn_linear_timing.py fits scikit-learn's
 * estimators on them. Each side: ten warm-up fits, then the median and the best of --repeat runs.
 * Prints markdown on stdout.
 *
 *     npm run build && node dist/bench/linearModels.js [--repeat 21] [--datasets DIR]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { featureColumns } from "../src/data/featureColumns.js";
import { readCsv } from "../src/data/readCsv.js";
import { CLASSIFIERS } from "../src/models/classifiers.js";
import { REGRESSORS } from "../src/models/regressors.js";
import { fitFeaturePlan } from "../src/preprocess/featurePlan.js";
import { applyStandardScaler, fitStandardScaler } from "../src/preprocess/standardScaler.js";
import type { Matrix } from "../src/stats/matrix.js";
import { createRng, shuffleInPlace } from "../src/stats/rng.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const OUT = join(ROOT, "bench", "out");
const PYTHON = "/usr/bin/python3";

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const repeat = Number(flag("--repeat", "21"));
const WARM_UP = 10;
const datasets = flag("--datasets", join(ROOT, "..", "shared", "datasets"));

interface Prepared {
  readonly plain: { readonly train: Matrix; readonly test: Matrix };
  readonly scaled: { readonly train: Matrix; readonly test: Matrix };
  readonly target: readonly string[];
}

async function prepare(file: string, target: string, ignore: readonly string[]): Promise<Prepared> {
  let header: readonly string[] = [];
  const rows: string[][] = [];
  await readCsv(join(datasets, file), { onHeader: (names) => (header = names), onRow: (cells) => rows.push(cells) });
  const at = header.indexOf(target);
  const features = header.filter((name) => name !== target && !ignore.includes(name));
  const { columns } = featureColumns({ header, rows }, features);
  const order = shuffleInPlace(Uint32Array.from(rows, (_, i) => i), createRng(123));
  const cut = Math.round(rows.length * 0.9);
  const train = order.slice(0, cut).sort();
  const test = order.slice(cut).sort();
  const plan = fitFeaturePlan(columns, train);
  const plain = { train: plan.transform(train), test: plan.transform(test) };
  const scaler = fitStandardScaler(plain.train);
  const scaled = { train: applyStandardScaler(plain.train, scaler), test: applyStandardScaler(plain.test, scaler) };
  return { plain, scaled, target: Array.from(train, (i) => rows[i][at]) };
}

function rowsOf(X: Matrix): number[][] {
  return Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
}

/**
 * Median and best milliseconds of `repeat` runs after WARM_UP runs: the first calls pay for JIT
 * compilation, as a grid's first folds do (a grid fits each model once per fold and partition).
 */
function time(run: () => void): { median: number; best: number } {
  for (let w = 0; w < WARM_UP; w++) run();
  const times: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], best: times[0] };
}

type Timing = Record<string, { median: number; best: number }>;

function ours(data: Prepared, task: "classification" | "regression"): Timing {
  const result: Timing = {};
  if (task === "classification") {
    const labels = [...new Set(data.target)].sort();
    const y = Uint32Array.from(data.target, (v) => labels.indexOf(v));
    for (const spec of CLASSIFIERS.filter((s) => ["lda", "qda", "ridge", "svm", "dummy"].includes(s.id))) {
      const { train, test } = spec.scaled ? data.scaled : data.plain;
      result[spec.id] = time(() => {
        if (spec.scores === "decision") spec.create(createRng(1)).fit(train, y, labels.length).decisionFunction(test);
        else spec.create(createRng(1)).fit(train, y, labels.length).predictProba(test);
      });
    }
  } else {
    const y = Float64Array.from(data.target, Number);
    for (const spec of REGRESSORS.filter((s) => ["br", "huber"].includes(s.id))) {
      const { train, test } = spec.scaled ? data.scaled : data.plain;
      result[spec.id] = time(() => spec.create(createRng(1)).fit(train, y).predict(test));
    }
  }
  return result;
}

function sklearn(path: string): Timing {
  const output = execFileSync(PYTHON, [join(ROOT, "bench", "sklearn_linear_timing.py"), path, String(repeat)], { encoding: "utf8" });
  return JSON.parse(output) as Timing;
}

mkdirSync(OUT, { recursive: true });
const cases = [
  { name: "titanic", file: "titanic.csv", target: "Survived", ignore: ["PassengerId"], task: "classification" as const },
  { name: "insurance", file: "insurance.csv", target: "charges", ignore: [], task: "regression" as const },
];
const lines = [
  `Fit + predict, milliseconds, median (best) of ${repeat} runs after ${WARM_UP} warm-up runs; one fold: 90% of rows to fit, 10% to predict.`,
  "",
  "| data | model | automl-grid | scikit-learn 1.2 | ratio (median) |",
  "| --- | --- | ---: | ---: | ---: |",
];
for (const c of cases) {
  const data = await prepare(c.file, c.target, c.ignore);
  const path = join(OUT, `linear-${c.name}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      task: c.task,
      plain: { train: rowsOf(data.plain.train), test: rowsOf(data.plain.test) },
      scaled: { train: rowsOf(data.scaled.train), test: rowsOf(data.scaled.test) },
      target: c.task === "classification" ? data.target : data.target.map(Number),
    }),
  );
  const mine = ours(data, c.task);
  const theirs = sklearn(path);
  const shape = `${c.name} (${data.plain.train.rows} x ${data.plain.train.cols})`;
  for (const [id, t] of Object.entries(mine)) {
    const s = theirs[id];
    lines.push(`| ${shape} | ${id} | ${t.median.toFixed(2)} (${t.best.toFixed(2)}) | ${s.median.toFixed(2)} (${s.best.toFixed(2)}) | ${(t.median / s.median).toFixed(2)} |`);
  }
}
console.log(lines.join("\n"));

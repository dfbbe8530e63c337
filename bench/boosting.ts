/**
 * Gradient boosting against scikit-learn 1.2, model by model, on the same matrices and folds:
 * gbc and hgb (classification), gbr and hgb (regression), on titanic (891 rows), insurance (1,338)
 * and iris from ../shared/datasets, encoded by our own preprocessing (fitted on
 * all rows: both sides get the very same numbers), and on seeded synthetic tables of --rows rows x
 * 20 features. Each side fits and predicts 5 folds; seconds are the total over the folds, the
 * median of --repeat runs after one warm-up run (ours pays for JIT compilation there, as a
 * child process does on its first partition); scores are means over folds, computed by
 * scikit-learn's metrics for both sides (bench/boosting_sklearn.py). Prints markdown.
 *
 *     npm run build && node dist/bench/boosting.js [--repeat 3] [--rows 20000] [--datasets DIR] [--only titanic,...]
 *
 * scikit-learn's HistGradientBoosting* use every core through OpenMP (ours uses one); run with
 * OMP_NUM_THREADS=1 in the environment to compare one core with one core.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { featureColumns } from "../src/data/featureColumns.js";
import { readCsv } from "../src/data/readCsv.js";
import { CLASSIFIERS } from "../src/models/classifiers.js";
import { REGRESSORS } from "../src/models/regressors.js";
import { fitFeaturePlan } from "../src/preprocess/featurePlan.js";
import { createMatrix, type Matrix } from "../src/stats/matrix.js";
import { createRng, shuffleInPlace, type Rng } from "../src/stats/rng.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const OUT = join(ROOT, "bench", "out");
const PYTHON = "/usr/bin/python3";
const FOLDS = 5;

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}
const repeat = Number(flag("--repeat", "3"));
const syntheticRows = Number(flag("--rows", "20000"));
const datasets = flag("--datasets", join(ROOT, "..", "shared", "datasets"));
const only = flag("--only", "");

type Task = "classification" | "regression";

interface Case {
  readonly name: string;
  readonly task: Task;
  readonly X: Matrix;
  /** Class index or target value per row. */
  readonly y: Float64Array;
  readonly nClasses: number;
}

/** A dataset read and encoded as the protocol does (imputation, one-hot / frequency encoding). */
async function encoded(name: string, file: string, target: string, ignore: readonly string[], task: Task): Promise<Case> {
  let header: readonly string[] = [];
  const rows: string[][] = [];
  await readCsv(join(datasets, file), { onHeader: (names) => (header = names), onRow: (cells) => rows.push(cells) });
  const t = header.indexOf(target);
  const features = header.filter((column) => column !== target && !ignore.includes(column));
  const { columns } = featureColumns({ header, rows }, features);
  const all = Uint32Array.from(rows.keys());
  const X = fitFeaturePlan(columns, all).transform(all);
  if (task === "regression") return { name, task, X, y: Float64Array.from(rows, (row) => Number(row[t])), nClasses: 0 };
  const labels = [...new Set(rows.map((row) => row[t]))].sort();
  return { name, task, X, y: Float64Array.from(rows, (row) => labels.indexOf(row[t])), nClasses: labels.length };
}

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** rows x 20: 16 continuous features (4 decimals) and 4 binary ones; a nonlinear signal plus noise. */
function synthetic(task: Task, rows: number): Case {
  const rng = createRng(task === "classification" ? 2024 : 2025);
  const cols = 20;
  const data = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  const weights = Float64Array.from({ length: cols }, () => normal(rng));
  for (let i = 0; i < rows; i++) {
    const x = data.subarray(i * cols, (i + 1) * cols);
    for (let j = 0; j < 16; j++) x[j] = Math.round(normal(rng) * 10000) / 10000;
    for (let j = 16; j < cols; j++) x[j] = rng.next() < 0.3 ? 1 : 0;
    let score = 0.8 * x[5] * x[6] + Math.sin(2 * x[7]) + (x[16] === 1 ? x[8] : -x[8]);
    for (let j = 0; j < 5; j++) score += weights[j] * x[j];
    for (let j = 16; j < cols; j++) score += 0.5 * weights[j] * x[j];
    y[i] = task === "classification" ? (rng.next() < 1 / (1 + Math.exp(-score)) ? 1 : 0) : 10 * score + 3 * normal(rng);
  }
  return { name: `synthetic ${task}`, task, X: createMatrix(rows, cols, data), y, nClasses: task === "classification" ? 2 : 0 };
}

/** Fold of each row: a seeded shuffle dealt to 5 folds. */
function foldsOf(rows: number): Uint32Array {
  const order = shuffleInPlace(Uint32Array.from({ length: rows }, (_, i) => i), createRng(7));
  const fold = new Uint32Array(rows);
  order.forEach((row, position) => (fold[row] = position % FOLDS));
  return fold;
}

function take(X: Matrix, rows: Uint32Array): Matrix {
  const out = new Float64Array(rows.length * X.cols);
  rows.forEach((row, r) => out.set(X.data.subarray(row * X.cols, (row + 1) * X.cols), r * X.cols));
  return createMatrix(rows.length, X.cols, out);
}

interface OurRun {
  readonly predictions: number[][];
  readonly seconds: number;
}

function runOurs(c: Case, id: string, fold: Uint32Array): OurRun {
  const predictions: number[][] = [];
  let seconds = 0;
  for (let k = 0; k < FOLDS; k++) {
    const train = Uint32Array.from(fold.keys()).filter((i) => fold[i] !== k);
    const test = Uint32Array.from(fold.keys()).filter((i) => fold[i] === k);
    const XTrain = take(c.X, train);
    const XTest = take(c.X, test);
    const start = performance.now();
    let predicted: Float64Array;
    if (c.task === "classification") {
      const spec = CLASSIFIERS.find((model) => model.id === id);
      if (spec === undefined || spec.scores === "decision") throw new Error(`no probability classifier ${id}`);
      predicted = spec.create(createRng(123)).fit(XTrain, Uint32Array.from(train, (i) => c.y[i]), c.nClasses).predictProba(XTest);
    } else {
      const spec = REGRESSORS.find((model) => model.id === id);
      if (spec === undefined) throw new Error(`no regressor ${id}`);
      predicted = spec.create(createRng(123)).fit(XTrain, Float64Array.from(train, (i) => c.y[i])).predict(XTest);
    }
    seconds += (performance.now() - start) / 1000;
    predictions.push(Array.from(predicted));
  }
  return { predictions, seconds };
}

function writeMatrix(path: string, c: Case, fold: Uint32Array): void {
  const lines = [[...Array.from({ length: c.X.cols }, (_, j) => `f${j}`), "y", "fold"].join(",")];
  for (let i = 0; i < c.X.rows; i++) lines.push([...c.X.data.subarray(i * c.X.cols, (i + 1) * c.X.cols), c.y[i], fold[i]].join(","));
  writeFileSync(path, lines.join("\n") + "\n");
}

interface SklearnResult {
  readonly sklearn: Record<string, number>;
  readonly ours: Record<string, number>;
  readonly sklearnSeconds: number;
}

async function main(): Promise<void> {
  if (!existsSync(PYTHON)) throw new Error("the benchmark needs /usr/bin/python3 with scikit-learn");
  mkdirSync(OUT, { recursive: true });
  const cases: (() => Promise<Case>)[] = [
    () => encoded("titanic", "titanic.csv", "Survived", ["PassengerId"], "classification"),
    () => encoded("iris", "iris.csv", "species", [], "classification"),
    () => encoded("insurance", "insurance.csv", "charges", [], "regression"),
    async () => synthetic("classification", syntheticRows),
    async () => synthetic("regression", syntheticRows),
  ];
  const threads = process.env.OMP_NUM_THREADS ?? `all (${availableParallelism()})`;
  console.log(`## Boosting, model by model (5 folds, median of ${repeat} runs; Node ${process.version}, ${availableParallelism()} cores, scikit-learn OpenMP threads: ${threads})\n`);
  console.log("| data | rows x features | model | metric | ours | scikit-learn | diff | fit + predict s, ours | scikit-learn | ours / theirs |");
  console.log("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const make of cases) {
    const c = await make();
    if (only !== "" && !only.split(",").some((name) => c.name.startsWith(name))) continue;
    const fold = foldsOf(c.X.rows);
    const slug = c.name.replace(/\s+/g, "-");
    const csv = join(OUT, `boosting-${slug}.csv`);
    writeMatrix(csv, c, fold);
    const models = c.task === "classification" ? ["gbc", "hgb"] : ["gbr", "hgb"];
    const ours: Record<string, OurRun> = {};
    for (const id of models) {
      runOurs(c, id, fold);
      const runs = Array.from({ length: repeat }, () => runOurs(c, id, fold)).sort((a, b) => a.seconds - b.seconds);
      ours[id] = runs[runs.length >> 1];
    }
    const oursPath = join(OUT, `boosting-${slug}-ours.json`);
    writeFileSync(oursPath, JSON.stringify(ours));
    const result = JSON.parse(
      execFileSync(PYTHON, [join(ROOT, "bench", "boosting_sklearn.py"), csv, oursPath, "--task", c.task, "--models", models.join(","), "--repeat", String(repeat)], {
        encoding: "utf8",
        maxBuffer: 1 << 28,
      }),
    ) as Record<string, SklearnResult>;
    for (const id of models) {
      const r = result[id];
      const name = c.task === "classification" ? CLASSIFIERS.find((m) => m.id === id)?.name : REGRESSORS.find((m) => m.id === id)?.name;
      Object.keys(r.sklearn).forEach((metric, k) => {
        const timing = k === 0 ? [ours[id].seconds.toFixed(3), r.sklearnSeconds.toFixed(3), `${(ours[id].seconds / r.sklearnSeconds).toFixed(2)}x`] : ["", "", ""];
        const diff = r.ours[metric] - r.sklearn[metric];
        console.log(`| ${c.name} | ${c.X.rows} x ${c.X.cols} | ${name} | ${metric} | ${r.ours[metric].toFixed(4)} | ${r.sklearn[metric].toFixed(4)} | ${diff >= 0 ? "+" : ""}${diff.toFixed(4)} | ${timing.join(" | ")} |`);
      });
    }
  }
}

await main();

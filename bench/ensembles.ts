/**
 * Per-model fit + predict time of the ensembles (et, ada) against scikit-learn 1.2's, side by side
 * on the same numbers: titanic (891 rows) and insurance (1,338 rows) from PyCaret's datasets, each
 * encoded once by our feature plan (mean / mode imputation, one-hot or frequency encoding; not
 * scaled, as these models are not), written to bench/out/ with a fold column (row i in fold
 * i mod 10), and read back by bench/ensembles_sklearn.py. Both sides time fit on 9 folds plus
 * predict on the 10th, summed over the 10 folds, the best of --repeat runs after a warm-up, one
 * process each, one thread (scikit-learn's n_jobs=None). Wall time is what a user waits; CPU time
 * (the process's user + system time: Node's process.cpuUsage, Python's time.process_time) is
 * reported beside it because it suffers far less when other work shares the machine. The mean
 * held-out score (Accuracy or R2) is a sanity check that both sides fit the same kind of model.
 * Prints markdown on stdout.
 *
 *     npm run build && node dist/bench/ensembles.js [--datasets ../shared/datasets] [--repeat 5]
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { featureColumns } from "../src/data/featureColumns.js";
import { readCsv } from "../src/data/readCsv.js";
import { AdaBoostClassifier } from "../src/models/adaBoost.js";
import { AdaBoostRegressor } from "../src/models/adaBoostRegressor.js";
import { ExtraTreesClassifier } from "../src/models/extraTrees.js";
import { ExtraTreesRegressor } from "../src/models/extraTreesRegressor.js";
import { RandomForestClassifier } from "../src/models/randomForest.js";
import { RandomForestRegressor } from "../src/models/randomForestRegressor.js";
import { fitFeaturePlan } from "../src/preprocess/featurePlan.js";
import { createMatrix, type Matrix } from "../src/stats/matrix.js";
import { predictedLabels } from "../src/stats/predictedLabels.js";
import { r2Score } from "../src/stats/regressionScores.js";
import { createRng } from "../src/stats/rng.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const OUT = join(ROOT, "bench", "out");
const FOLDS = 10;

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}
const datasets = flag("--datasets", join(ROOT, "..", "shared", "datasets"));
const repeat = Number(flag("--repeat", "5"));

interface Case {
  readonly name: string;
  readonly file: string;
  readonly target: string;
  readonly ignore: readonly string[];
  readonly task: "classification" | "regression";
}

const CASES: readonly Case[] = [
  { name: "titanic", file: "titanic.csv", target: "Survived", ignore: ["PassengerId"], task: "classification" },
  { name: "insurance", file: "insurance.csv", target: "charges", ignore: [], task: "regression" },
];

interface Model {
  readonly id: string;
  readonly task: Case["task"];
  /** Fits on the training rows and returns the held-out score: Accuracy or R2. */
  readonly run: (seed: number, XTrain: Matrix, yTrain: Float64Array, XTest: Matrix, yTest: Float64Array) => number;
}

const labels = (y: Float64Array): Uint32Array => Uint32Array.from(y);
function accuracy(y: Float64Array, proba: Float64Array): number {
  const predicted = predictedLabels(proba, 2);
  let hits = 0;
  for (let i = 0; i < y.length; i++) if (predicted[i] === y[i]) hits++;
  return hits / y.length;
}

const MODELS: readonly Model[] = [
  { id: "et", task: "classification", run: (s, A, a, B, b) => accuracy(b, new ExtraTreesClassifier({ rng: createRng(s) }).fit(A, labels(a), 2).predictProba(B)) },
  { id: "ada", task: "classification", run: (s, A, a, B, b) => accuracy(b, new AdaBoostClassifier({ rng: createRng(s) }).fit(A, labels(a), 2).predictProba(B)) },
  { id: "rf", task: "classification", run: (s, A, a, B, b) => accuracy(b, new RandomForestClassifier({ rng: createRng(s) }).fit(A, labels(a), 2).predictProba(B)) },
  { id: "et", task: "regression", run: (s, A, a, B, b) => r2Score(b, new ExtraTreesRegressor({ rng: createRng(s) }).fit(A, a).predict(B)) },
  { id: "ada", task: "regression", run: (s, A, a, B, b) => r2Score(b, new AdaBoostRegressor({ rng: createRng(s) }).fit(A, a).predict(B)) },
  { id: "rf", task: "regression", run: (s, A, a, B, b) => r2Score(b, new RandomForestRegressor({ rng: createRng(s) }).fit(A, a).predict(B)) },
];

interface Encoded {
  readonly X: Matrix;
  readonly y: Float64Array;
}

async function encode(c: Case): Promise<Encoded> {
  let header: readonly string[] = [];
  const rows: string[][] = [];
  await readCsv(join(datasets, c.file), { onHeader: (names) => (header = names), onRow: (cells) => rows.push(cells) });
  const features = header.filter((name) => name !== c.target && !c.ignore.includes(name));
  const { columns } = featureColumns({ header, rows }, features);
  const all = Uint32Array.from(rows, (_, i) => i);
  const X = fitFeaturePlan(columns, all).transform(all);
  const t = header.indexOf(c.target);
  return { X, y: Float64Array.from(rows, (row) => Number(row[t])) };
}

function take(X: Matrix, rows: readonly number[]): Matrix {
  const data = new Float64Array(rows.length * X.cols);
  rows.forEach((i, r) => data.set(X.data.subarray(i * X.cols, (i + 1) * X.cols), r * X.cols));
  return createMatrix(rows.length, X.cols, data);
}

interface Timing {
  /** Best wall and CPU seconds over the runs. */
  readonly wall: number;
  readonly cpu: number;
  readonly score: number;
}

function timeOurs(model: Model, { X, y }: Encoded): Timing {
  const folds = Array.from({ length: FOLDS }, (_, f) => {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < X.rows; i++) (i % FOLDS === f ? test : train).push(i);
    return { XTrain: take(X, train), yTrain: Float64Array.from(train, (i) => y[i]), XTest: take(X, test), yTest: Float64Array.from(test, (i) => y[i]) };
  });
  const runOnce = (): Timing => {
    let wall = 0;
    let cpu = 0;
    let score = 0;
    folds.forEach((fold, f) => {
      const start = performance.now();
      const startCpu = process.cpuUsage();
      score += model.run(f + 1, fold.XTrain, fold.yTrain, fold.XTest, fold.yTest);
      const used = process.cpuUsage(startCpu);
      cpu += (used.user + used.system) / 1e6;
      wall += (performance.now() - start) / 1000;
    });
    return { wall, cpu, score: score / FOLDS };
  };
  runOnce(); // warm-up: the first run pays for JIT compilation
  const runs = Array.from({ length: repeat }, runOnce);
  return { wall: Math.min(...runs.map((r) => r.wall)), cpu: Math.min(...runs.map((r) => r.cpu)), score: runs[0].score };
}

function writeEncoded(c: Case, { X, y }: Encoded): string {
  const path = join(OUT, `${c.name}-encoded.csv`);
  const lines = [[...Array.from({ length: X.cols }, (_, j) => `x${j}`), "y", "fold"].join(",")];
  for (let i = 0; i < X.rows; i++) {
    // String(number) round-trips a double exactly, so both sides fit the same numbers.
    lines.push([...X.data.subarray(i * X.cols, (i + 1) * X.cols)].map(String).concat(String(y[i]), String(i % FOLDS)).join(","));
  }
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

const missing = CASES.map((c) => join(datasets, c.file)).find((path) => !existsSync(path));
if (missing !== undefined) {
  console.error(`bench/ensembles needs PyCaret's datasets: ${missing} not found (--datasets DIR)`);
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });
const out: string[] = [
  `Fit + predict seconds summed over ${FOLDS} folds, best of ${repeat} runs after a warm-up, one thread each side.`,
  "",
  "| Data | Model | ours wall | sklearn wall | ours CPU | sklearn CPU | ours / sklearn (wall, CPU) | score ours | score sklearn |",
  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
];
for (const c of CASES) {
  const encoded = await encode(c);
  const path = writeEncoded(c, encoded);
  for (const model of MODELS.filter((m) => m.task === c.task)) {
    // One model at a time on each side, back to back, so both meet the same machine load.
    const theirs = (JSON.parse(execFileSync("/usr/bin/python3", [join(ROOT, "bench", "ensembles_sklearn.py"), path, c.task, String(repeat), model.id], { encoding: "utf8" })) as Record<string, Timing>)[model.id];
    const ours = timeOurs(model, encoded);
    const s = (x: number): string => x.toFixed(3);
    const r = (a: number, b: number): string => (a / b).toFixed(2);
    out.push(
      `| ${c.name} (${encoded.X.rows} x ${encoded.X.cols}) | ${model.id} | ${s(ours.wall)} | ${s(theirs.wall)} | ${s(ours.cpu)} | ${s(theirs.cpu)} | ${r(ours.wall, theirs.wall)}, ${r(ours.cpu, theirs.cpu)} | ${ours.score.toFixed(4)} | ${theirs.score.toFixed(4)} |`,
    );
  }
}
console.log(out.join("\n"));

/**
 * Times one decision tree and one 100-tree forest on a seeded synthetic binary problem shaped
 * like a one-hot-encoded table: 3,600 rows, 20 continuous columns and two 5-level categoricals
 * one-hot encoded into 10 0/1 columns; then the regression tree and forest on the same features,
 * with the score behind the labels as the target. Run: npx tsc -p tsconfig.json && node dist/bench/trees.js
 * The target from the tree issue: the forest well under 1 s. For scale, scikit-learn 1.2.1 on the
 * same data (written out and read back with numpy) took about 64 ms per tree and 0.88 s per forest
 * on the machine where this was written, against about 30 ms and 0.25-0.30 s here.
 */
import { performance } from "node:perf_hooks";
import { DecisionTreeClassifier } from "../src/models/decisionTree.js";
import { DecisionTreeRegressor } from "../src/models/decisionTreeRegressor.js";
import { createMatrix, type Matrix } from "../src/stats/matrix.js";
import { RandomForestClassifier } from "../src/models/randomForest.js";
import { RandomForestRegressor } from "../src/models/randomForestRegressor.js";
import { createRng, type Rng } from "../src/stats/rng.js";

const ROWS = 3600;
const CONTINUOUS = 20;
const CATEGORICALS = 2;
const LEVELS = 5;
const COLS = CONTINUOUS + CATEGORICALS * LEVELS;

function normal(rng: Rng): number {
  // Box-Muller; 1 - next() keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function syntheticProblem(seed: number): { X: Matrix; y: Uint32Array; target: Float64Array } {
  const rng = createRng(seed);
  const data = new Float64Array(ROWS * COLS);
  const y = new Uint32Array(ROWS);
  const target = new Float64Array(ROWS);
  const weights = Float64Array.from({ length: CONTINUOUS }, () => normal(rng));
  const levelEffect = Float64Array.from({ length: CATEGORICALS * LEVELS }, () => normal(rng));
  for (let i = 0; i < ROWS; i++) {
    let score = 0;
    for (let j = 0; j < CONTINUOUS; j++) {
      // Rounded to 3 decimals: continuous, but with ties, as real exported tables have.
      const v = Math.round(normal(rng) * 1000) / 1000;
      data[i * COLS + j] = v;
      score += weights[j] * v * (j < 5 ? 1 : 0.2);
    }
    for (let k = 0; k < CATEGORICALS; k++) {
      const level = rng.int(LEVELS);
      data[i * COLS + CONTINUOUS + k * LEVELS + level] = 1;
      score += levelEffect[k * LEVELS + level];
    }
    target[i] = score + 1.5 * normal(rng);
    y[i] = target[i] > 0 ? 1 : 0;
  }
  return { X: createMatrix(ROWS, COLS, data), y, target };
}

function time(label: string, repeats: number, run: () => void): void {
  run(); // warm-up: the first call pays for JIT compilation
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: median ${times[times.length >> 1].toFixed(1)} ms, best ${times[0].toFixed(1)} ms over ${repeats} runs`);
}

const { X, y, target } = syntheticProblem(2024);
console.log(`${ROWS} x ${COLS}, binary`);
time("decision tree fit", 9, () => {
  new DecisionTreeClassifier({ rng: createRng(1) }).fit(X, y, 2);
});
time("random forest (100 trees) fit", 5, () => {
  new RandomForestClassifier({ rng: createRng(1) }).fit(X, y, 2);
});
const forest = new RandomForestClassifier({ rng: createRng(1) }).fit(X, y, 2);
time("random forest predictProba (3,600 rows)", 5, () => {
  forest.predictProba(X);
});
console.log("regression, same features");
time("regression tree fit", 9, () => {
  new DecisionTreeRegressor({ rng: createRng(1) }).fit(X, target);
});
time("regression forest (100 trees, every feature per split) fit", 3, () => {
  new RandomForestRegressor({ rng: createRng(1) }).fit(X, target);
});

/**
 * Our side of bench/foldTimes_sklearn.py, on the very same matrices: CPU seconds
 * (process.cpuUsage) of fit + scores per fold on the z-scored fold matrices that
 * `foldTimes.js --dump DIR` wrote, one warm-up fit, then each fold `repeat` times, printing each
 * model's per-fold best of the repeats and their sum, as the Python script prints them. Unlike
 * foldTimes.js (one timed pass, JIT warm-up included, lda/qda on the unscaled matrix as the
 * protocol hands them) both sides here see the same z-scored matrix and the same warm-up.
 *
 *     node dist/bench/dumpedFoldTimes.js DIR [REPEAT] [ridge,lda,qda,svm]
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CLASSIFIERS } from "../src/models/classifiers.js";
import { createMatrix, type Matrix } from "../src/stats/matrix.js";
import { createRng } from "../src/stats/rng.js";

interface Fold {
  readonly train: Matrix;
  readonly test: Matrix;
  readonly y: Uint32Array;
  readonly nClasses: number;
}

const cpu = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

function load(directory: string, f: number): Fold {
  const shape = JSON.parse(readFileSync(join(directory, `fold-${f}.json`), "utf8")) as { train: [number, number]; test: [number, number] };
  const floats = (name: string): Float64Array => {
    const bytes = readFileSync(join(directory, name));
    return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  };
  const bytes = readFileSync(join(directory, `fold-${f}-y.u32`));
  const y = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return {
    train: createMatrix(shape.train[0], shape.train[1], floats(`fold-${f}-train.f64`)),
    test: createMatrix(shape.test[0], shape.test[1], floats(`fold-${f}-test.f64`)),
    y,
    nClasses: Math.max(...y) + 1,
  };
}

function fitScores(id: string, fold: Fold, seed: number): Float64Array {
  const spec = CLASSIFIERS.find((s) => s.id === id);
  if (spec === undefined) throw new Error(`no model ${id}`);
  const rng = createRng(seed);
  if (spec.scores === "decision") return spec.create(rng).fit(fold.train, fold.y, fold.nClasses).decisionFunction(fold.test);
  return spec.create(rng).fit(fold.train, fold.y, fold.nClasses).predictProba(fold.test);
}

const directory = process.argv[2];
const repeat = Number(process.argv[3] ?? "3");
const models = (process.argv[4] ?? "ridge,lda,qda,svm").split(",");
const folds: Fold[] = [];
while (existsSync(join(directory, `fold-${folds.length}.json`))) folds.push(load(directory, folds.length));
for (const id of models) {
  fitScores(id, folds[0], 0);
  const best = folds.map((fold, f) => {
    let least = Infinity;
    for (let r = 0; r < repeat; r++) {
      const start = cpu();
      fitScores(id, fold, f);
      least = Math.min(least, cpu() - start);
    }
    return least;
  });
  console.log(`${id}\t${best.reduce((a, b) => a + b, 0).toFixed(3)} s cpu\tper fold ${best.map((t) => t.toFixed(3)).join(" ")}`);
}

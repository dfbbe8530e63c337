/**
 * Per-model fit + predict time on the folds of one table, in this process (no pool), for working
 * on a model's speed: CPU seconds (process.cpuUsage, less moved by a busy machine than wall time)
 * per model, summed over the folds asked for, with the same preprocessing as a run.
 *
 *     node dist/bench/foldTimes.js data.csv --target y [--task regression] [--by col --key value] [--models lr,knn] [--folds 10] [--use 2] [--repeat 3] [--dump dir]
 *
 * --repeat N (N > 1) times as bench/foldTimes_sklearn.py times scikit-learn: one warm-up fit of
 * each model on the first fold, then each fold N times, the best kept (for a shared machine,
 * where one timing is noisy); without it, one timed pass, the first fit's JIT warm-up included,
 * as a child process of a run pays it.
 * --key picks the partition (the first value of --by, by default the largest partition); --use
 * scores only the first N folds; --dump writes each fold's z-scored matrices (fold-N.json with the
 * shapes and the training matrix's one-hot blocks, fold-N-{train,test}.f64, fold-N-y.u32, or fold-N-y.f64 for regression,
 * fold-N-train-levels.i32 the blocks' levels one block after another) for bench/foldTimes_sklearn.py to time
 * scikit-learn on the very same matrices, and for micro-benchmarks of a model's parts. --mark prints "@@ fold F model" before each fit, so that
 * a V8 trace of the run (--trace-opt --trace-deopt) can be cut by fold and model
 * (bench/foldCompiles.ts). Run it with --single-threaded to compile as a child compiles.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_DIALECT } from "../src/data/dialect.js";
import { parseRowsText } from "../src/data/rowText.js";
import { readPartitions } from "../src/data/readPartitions.js";
import { prepareFolds, type GridSpec } from "../src/evaluate/compareModels.js";
import { withTask } from "../src/evaluate/tasks.js";
import { anchorModelShapes } from "../src/models/shapeAnchors.js";
import { fitFeaturePlan } from "../src/preprocess/featurePlan.js";
import { applyStandardScaler, fitStandardScaler } from "../src/preprocess/standardScaler.js";
import { createRng } from "../src/stats/rng.js";

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const cpu = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** The targets as written for the Python side: class codes (.u32) or regression values (.f64); the task's Y is opaque here. */
function targetFile(y: unknown): { name: string; data: Uint32Array | Float64Array } {
  if (y instanceof Float64Array) return { name: "y.f64", data: y };
  if (typeof y === "object" && y !== null && "codes" in y && y.codes instanceof Uint32Array) return { name: "y.u32", data: y.codes };
  throw new Error("--dump needs class codes or numeric targets");
}

async function main(): Promise<void> {
  anchorModelShapes(); // as a child does
  const input = process.argv[2];
  const target = flag("--target", "");
  const by = flag("--by", "").split(",").filter((c) => c !== "");
  const models = flag("--models", "lr,rf,nb,knn,dt").split(",");
  const repeat = Math.max(1, Number(flag("--repeat", "1")));
  const mark = process.argv.includes("--mark");
  const data = await readPartitions({ ...DEFAULT_DIALECT, input, target, by, foldColumn: null, ignore: flag("--ignore", "").split(",").filter((c) => c !== ""), shard: null });
  const wanted = flag("--key", "");
  const partition = wanted === "" ? [...data.partitions].sort((a, b) => b.lines.length - a.lines.length)[0] : data.partitions.find((p) => p.key[0] === wanted);
  if (partition === undefined) throw new Error(`no partition ${wanted}`);
  const taskId = flag("--task", "classification") === "regression" ? "regression" : "classification";
  const spec: GridSpec = { task: taskId, target, models, folds: Number(flag("--folds", "10")), foldColumn: null, trainSize: 0.7, minRows: 0, seed: 123, features: data.features };
  const table = { header: data.header, rows: parseRowsText(`[${partition.lines.join(",")}]`) };
  withTask(taskId, (task) => {
    const { work } = prepareFolds(task, table, partition.key, spec, []);
    if (!work.ok) throw new Error(work.reason);
    const { folds, columns, y } = work.value.table;
    const use = Math.min(folds.length, Number(flag("--use", String(folds.length))));
    const seconds = new Map<string, number[]>();
    const dump = flag("--dump", "");
    if (dump !== "") mkdirSync(dump, { recursive: true });
    let width = 0;
    for (let f = 0; f < use; f++) {
      if (mark) console.log(`@@ fold ${f} (features)`);
      const plan = fitFeaturePlan(columns, folds[f].train);
      width = plan.width;
      const plain = { train: plan.transform(folds[f].train), test: plan.transform(folds[f].test) };
      const scaler = fitStandardScaler(plain.train);
      const scaled = { train: applyStandardScaler(plain.train, scaler), test: applyStandardScaler(plain.test, scaler) };
      const yTrain = task.take(y, folds[f].train);
      if (dump !== "") {
        const blocks = scaled.train.oneHot ?? [];
        writeFileSync(join(dump, `fold-${f}.json`), JSON.stringify({ train: [scaled.train.rows, scaled.train.cols], test: [scaled.test.rows, scaled.test.cols], oneHot: blocks.map(({ first, width }) => ({ first, width })) }));
        writeFileSync(join(dump, `fold-${f}-train-levels.i32`), new Int32Array(blocks.flatMap((b) => Array.from(b.level))));
        writeFileSync(join(dump, `fold-${f}-train.f64`), scaled.train.data);
        writeFileSync(join(dump, `fold-${f}-test.f64`), scaled.test.data);
        const targets = targetFile(yTrain);
        writeFileSync(join(dump, `fold-${f}-${targets.name}`), targets.data);
      }
      for (const model of work.value.models) {
        if (mark) console.log(`@@ fold ${f} ${model.id}`);
        const d = model.scaled ? scaled : plain;
        if (repeat > 1 && f === 0) model.fitPredict(d.train, yTrain, d.test, createRng(f));
        let best = Infinity;
        for (let r = 0; r < repeat; r++) {
          const start = cpu();
          model.fitPredict(d.train, yTrain, d.test, createRng(f));
          best = Math.min(best, cpu() - start);
        }
        seconds.set(model.id, [...(seconds.get(model.id) ?? []), best]);
      }
    }
    console.log(`partition ${JSON.stringify(partition.key)}: ${partition.lines.length} rows, ${width} encoded columns, ${use} folds${repeat > 1 ? `, best of ${repeat} after a warm-up fit` : ""}`);
    for (const [id, s] of seconds) console.log(`${id}\t${s.reduce((a, b) => a + b, 0).toFixed(3)} s cpu\tper fold ${s.map((v) => v.toFixed(3)).join(" ")}`);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});

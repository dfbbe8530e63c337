/**
 * bench/foldTimes.ts measured as bench/foldTimes_sklearn.py measures scikit-learn: one warm-up fit
 * on the first fold, then each fold's fit + predict `repeat` times, the best CPU time of the
 * repeats kept per fold (process.cpuUsage, less moved by a busy machine than wall time). For
 * working on a model's speed on a shared machine, where a single timing per fold is noisy.
 *
 *     node dist/bench/treeTimes.js data.csv --target y [--by col --key value] [--models et,dt] [--use 3] [--repeat 3]
 */
import { DEFAULT_DIALECT } from "../src/data/dialect.js";
import { parseRowsText } from "../src/data/rowText.js";
import { readPartitions } from "../src/data/readPartitions.js";
import { prepareFolds, type GridSpec } from "../src/evaluate/compareModels.js";
import { withTask } from "../src/evaluate/tasks.js";
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

async function main(): Promise<void> {
  const input = process.argv[2];
  const target = flag("--target", "");
  const by = flag("--by", "").split(",").filter((c) => c !== "");
  const models = flag("--models", "et,dt").split(",");
  const repeat = Number(flag("--repeat", "3"));
  const data = await readPartitions({ ...DEFAULT_DIALECT, input, target, by, foldColumn: null, ignore: [], shard: null });
  const wanted = flag("--key", "");
  const partition = wanted === "" ? [...data.partitions].sort((a, b) => b.lines.length - a.lines.length)[0] : data.partitions.find((p) => p.key[0] === wanted);
  if (partition === undefined) throw new Error(`no partition ${wanted}`);
  const spec: GridSpec = { task: "classification", target, models, folds: Number(flag("--folds", "10")), foldColumn: null, trainSize: 0.7, minRows: 0, seed: 123, features: data.features };
  const table = { header: data.header, rows: parseRowsText(`[${partition.lines.join(",")}]`) };
  withTask("classification", (task) => {
    const { work } = prepareFolds(task, table, partition.key, spec, []);
    if (!work.ok) throw new Error(work.reason);
    const { folds, columns, y } = work.value.table;
    const use = Math.min(folds.length, Number(flag("--use", String(folds.length))));
    const prepared = Array.from({ length: use }, (_, f) => {
      const plan = fitFeaturePlan(columns, folds[f].train);
      const plain = { train: plan.transform(folds[f].train), test: plan.transform(folds[f].test) };
      const scaler = fitStandardScaler(plain.train);
      const scaled = { train: applyStandardScaler(plain.train, scaler), test: applyStandardScaler(plain.test, scaler) };
      return { plain, scaled, yTrain: task.take(y, folds[f].train) };
    });
    console.log(`partition ${JSON.stringify(partition.key)}: ${partition.lines.length} rows, ${prepared[0].plain.train.cols} encoded columns, ${use} folds, best of ${repeat}`);
    for (const model of work.value.models) {
      const d0 = model.scaled ? prepared[0].scaled : prepared[0].plain;
      model.fitPredict(d0.train, prepared[0].yTrain, d0.test, createRng(0));
      const best = prepared.map((fold, f) => {
        const d = model.scaled ? fold.scaled : fold.plain;
        let fastest = Infinity;
        for (let r = 0; r < repeat; r++) {
          const start = cpu();
          model.fitPredict(d.train, fold.yTrain, d.test, createRng(f));
          fastest = Math.min(fastest, cpu() - start);
        }
        return fastest;
      });
      console.log(`${model.id}\t${best.reduce((a, b) => a + b, 0).toFixed(3)} s cpu\tper fold ${best.map((v) => v.toFixed(3)).join(" ")}`);
    }
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});

/**
 * Per-model fit + predict time on the folds of one table, in this process (no pool), for working
 * on a model's speed: CPU seconds (process.cpuUsage, less moved by a busy machine than wall time)
 * per model, summed over the folds asked for, with the same preprocessing as a run.
 *
 *     node dist/bench/foldTimes.js data.csv --target y [--by col --key value] [--models lr,knn] [--folds 10] [--use 2]
 *
 * --key picks the partition (the first value of --by, by default the largest partition); --use
 * scores only the first N folds.
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
  const models = flag("--models", "lr,rf,nb,knn,dt").split(",");
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
    const seconds = new Map<string, number>();
    let width = 0;
    for (let f = 0; f < use; f++) {
      const plan = fitFeaturePlan(columns, folds[f].train);
      width = plan.width;
      const plain = { train: plan.transform(folds[f].train), test: plan.transform(folds[f].test) };
      const scaler = fitStandardScaler(plain.train);
      const scaled = { train: applyStandardScaler(plain.train, scaler), test: applyStandardScaler(plain.test, scaler) };
      for (const model of work.value.models) {
        const d = model.scaled ? scaled : plain;
        const start = cpu();
        model.fitPredict(d.train, task.take(y, folds[f].train), d.test, createRng(f));
        seconds.set(model.id, (seconds.get(model.id) ?? 0) + cpu() - start);
      }
    }
    console.log(`partition ${JSON.stringify(partition.key)}: ${partition.lines.length} rows, ${width} encoded columns, ${use} folds`);
    for (const [id, s] of seconds) console.log(`${id}\t${s.toFixed(3)} s cpu`);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});

/**
 * Bit-for-bit check that a change to the tree code leaves every tree model's output as it was:
 * fits the tree classifiers (dt, rf, et, ada, gbc, hgb) and the tree regressors (dt, rf, et, ada, gbr, hgb) on the
 * first fold of each table given, exactly as a run encodes it, and either writes their outputs
 * (--write DIR) or compares them byte for byte with what an earlier --write left there (--check
 * DIR). The regressors get a continuous target built from the fold (class code plus a weighted
 * sum of the first three encoded columns), so they split on something other than the features'
 * own values.
 *
 *     node dist/bench/treeIdentity.js --write /tmp/trees-before bench/out/census.csv:income ../shared/datasets/credit.csv:default ../shared/datasets/bank.csv:deposit:job
 *     node dist/bench/treeIdentity.js --check /tmp/trees-before (same tables)
 *
 * A table is file:target[:by]; with --by the largest partition is used.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { DEFAULT_DIALECT } from "../src/data/dialect.js";
import { parseRowsText } from "../src/data/rowText.js";
import { readPartitions } from "../src/data/readPartitions.js";
import { prepareFolds, type GridSpec } from "../src/evaluate/compareModels.js";
import { withTask } from "../src/evaluate/tasks.js";
import { fitFeaturePlan } from "../src/preprocess/featurePlan.js";
import { CLASSIFIERS } from "../src/models/classifiers.js";
import { REGRESSORS } from "../src/models/regressors.js";
import { createRng } from "../src/stats/rng.js";

const TREE_MODELS = ["dt", "rf", "et", "ada", "gbc", "gbr", "hgb"];

function classCodes(y: unknown): Uint32Array {
  if (typeof y === "object" && y !== null && "codes" in y && y.codes instanceof Uint32Array) return y.codes;
  throw new Error("the identity check needs a classification target");
}

async function outputs(table: string): Promise<Map<string, Float64Array>> {
  const [input, target, byColumn] = table.split(":");
  const by = byColumn === undefined ? [] : [byColumn];
  const data = await readPartitions({ ...DEFAULT_DIALECT, input, target, by, foldColumn: null, ignore: [], shard: null });
  const partition = [...data.partitions].sort((a, b) => b.lines.length - a.lines.length)[0];
  const spec: GridSpec = { task: "classification", target, models: ["dt"], folds: 10, foldColumn: null, trainSize: 0.7, minRows: 0, seed: 123, features: data.features };
  const rows = { header: data.header, rows: parseRowsText(`[${partition.lines.join(",")}]`) };
  const out = new Map<string, Float64Array>();
  withTask("classification", (task) => {
    const { work } = prepareFolds(task, rows, partition.key, spec, []);
    if (!work.ok) throw new Error(work.reason);
    const { folds, columns, y } = work.value.table;
    const plan = fitFeaturePlan(columns, folds[0].train);
    const train = plan.transform(folds[0].train);
    const test = plan.transform(folds[0].test);
    const codes = classCodes(task.take(y, folds[0].train));
    const nClasses = Math.max(...codes) + 1;
    for (const spec of CLASSIFIERS) {
      if (!TREE_MODELS.includes(spec.id) || spec.scores === "decision") continue;
      out.set(`classifier-${spec.id}`, spec.create(createRng(7)).fit(train, codes, nClasses).predictProba(test));
    }
    const target = Float64Array.from(codes, (c, i) => c + 0.5 * train.data[i * train.cols] - 0.25 * train.data[i * train.cols + 1] + 0.125 * train.data[i * train.cols + 2]);
    for (const spec of REGRESSORS.filter((m) => TREE_MODELS.includes(m.id))) {
      out.set(`regressor-${spec.id}`, spec.create(createRng(7)).fit(train, target).predict(test));
    }
  });
  return out;
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  const dir = process.argv[3];
  const tables = process.argv.slice(4);
  if ((mode !== "--write" && mode !== "--check") || dir === undefined || tables.length === 0) {
    throw new Error("usage: treeIdentity.js --write|--check DIR file:target[:by] ...");
  }
  if (mode === "--write") mkdirSync(dir, { recursive: true });
  let differ = 0;
  for (const table of tables) {
    for (const [model, values] of await outputs(table)) {
      const file = join(dir, `${basename(table.split(":")[0], ".csv")}-${model}.f64`);
      const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
      if (mode === "--write") {
        writeFileSync(file, bytes);
        console.log(`wrote ${file}`);
        continue;
      }
      if (!existsSync(file)) throw new Error(`no reference ${file}`);
      const same = Buffer.compare(readFileSync(file), Buffer.from(bytes)) === 0;
      if (!same) differ++;
      console.log(`${same ? "same" : "DIFFERENT"}\t${file}`);
    }
  }
  if (differ > 0) {
    console.error(`${differ} outputs differ`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});

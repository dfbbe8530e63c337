/**
 * The side-by-side benchmark (`npm run bench`): automl-grid against the same protocol in
 * scikit-learn (bench/sklearn_grid.py, Debian's /usr/bin/python3, partitions spread over the same
 * number of processes with joblib), in one run on one machine, so the ratios compare like with like.
 *
 *   1. ../shared/datasets/titanic.csv --by Sex, end to end (median of --repeat runs per side);
 *   2. the seeded large dataset (--rows 200000, --partitions 50; bench/generateLarge.ts), once each;
 *   3. the large dataset again with --workers 1, for the parallel speed-up.
 *
 * Wall time and peak memory are of the whole process tree (bench/measure.ts). Per-model seconds
 * are fit + predict summed over folds and partitions on both sides. Prints markdown on stdout.
 * Without python3-sklearn the scikit-learn side is skipped with a message and only our figures print.
 *
 *     npm run bench -- [--rows N] [--partitions N] [--workers N] [--repeat N] [--datasets DIR]
 *     npm run bench -- --memory        # 1,000,000 rows, 100 partitions: our peak memory only
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { generateLarge } from "./generateLarge.js";
import { measure, type Measurement } from "./measure.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const OUT = join(ROOT, "bench", "out");
const CLI = join(ROOT, "bin", "automl-grid.js");
const PYTHON = "/usr/bin/python3";
const SKLEARN = join(ROOT, "bench", "sklearn_grid.py");
const FOLDS = 10;
const MODELS: Record<string, string> = {
  lr: "Logistic Regression",
  rf: "Random Forest Classifier",
  nb: "Naive Bayes",
  knn: "K Neighbors Classifier",
  dt: "Decision Tree Classifier",
  ada: "Ada Boost Classifier",
  et: "Extra Trees Classifier",
  gbc: "Gradient Boosting Classifier",
  hgb: "Histogram Gradient Boosting Classifier",
};

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const memoryMode = process.argv.includes("--memory");
const rows = Number(flag("--rows", memoryMode ? "1000000" : "200000"));
const partitions = Number(flag("--partitions", memoryMode ? "100" : "50"));
const workers = Number(flag("--workers", String(availableParallelism())));
const repeat = Number(flag("--repeat", "3"));
const datasets = flag("--datasets", join(ROOT, "..", "shared", "datasets"));

function sklearnAvailable(): string | null {
  try {
    execFileSync(PYTHON, ["-c", "import sklearn, joblib, numpy"], { stdio: "ignore" });
    return null;
  } catch {
    return `scikit-learn side skipped: ${PYTHON} cannot import sklearn (apt-get install -y python3-sklearn)`;
  }
}

interface Job {
  readonly csv: string;
  readonly target: string;
  readonly by: string;
  readonly ignore?: string;
}

function commonArgs(job: Job): string[] {
  return [job.csv, "--target", job.target, "--by", job.by, ...(job.ignore ? ["--ignore", job.ignore] : [])];
}

async function ours(job: Job, n: number): Promise<Measurement> {
  const m = await measure(process.execPath, [CLI, ...commonArgs(job), "--workers", String(n), "--format", "json", "--quiet"]);
  if (m.code !== 0) throw new Error(`automl-grid exited ${m.code}: ${m.stderr.trim().split("\n")[0]}`);
  return m;
}

async function theirs(job: Job, n: number): Promise<Measurement> {
  const m = await measure(PYTHON, [SKLEARN, ...commonArgs(job), "--n-jobs", String(n)]);
  if (m.code !== 0) throw new Error(`sklearn_grid.py exited ${m.code}: ${m.stderr.trim().split("\n").pop()}`);
  return m;
}

async function median(times: number, run: () => Promise<Measurement>): Promise<Measurement> {
  const runs: Measurement[] = [];
  for (let i = 0; i < times; i++) runs.push(await run());
  runs.sort((a, b) => a.seconds - b.seconds);
  return runs[Math.floor(runs.length / 2)];
}

/** Seconds of fit + predict per model, summed over folds and partitions: TT_Sec is a per-fold mean. */
function ourModelSeconds(m: Measurement): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of (JSON.parse(m.stdout) as { rows: { Model: string; TT_Sec: number | null }[] }).rows) {
    if (row.TT_Sec !== null) totals.set(row.Model, (totals.get(row.Model) ?? 0) + row.TT_Sec * FOLDS);
  }
  return totals;
}

function theirModelSeconds(m: Measurement): Map<string, number> {
  const line = m.stderr.trim().split("\n").find((l) => l.startsWith('{"model_seconds"'));
  const parsed = line ? (JSON.parse(line) as { model_seconds: Record<string, number> }).model_seconds : {};
  return new Map(Object.entries(parsed).map(([id, s]) => [MODELS[id], s]));
}

const f2 = (x: number): string => x.toFixed(2);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
const verdict = (ok: boolean): string => (ok ? "met" : "missed");

async function compare(title: string, job: Job, times: number, skipped: string | null, target: number): Promise<Measurement> {
  const a = await median(times, () => ours(job, workers));
  console.log(`\n### ${title}\n`);
  if (skipped) {
    console.log(`automl-grid: ${f2(a.seconds)} s wall, ${a.peakMegabytes.toFixed(0)} MB peak. ${skipped}`);
    return a;
  }
  const b = await median(times, () => theirs(job, workers));
  console.log("| | automl-grid | scikit-learn | ours / theirs |");
  console.log("| --- | ---: | ---: | ---: |");
  console.log(`| wall time (s) | ${f2(a.seconds)} | ${f2(b.seconds)} | ${ratio(a.seconds, b.seconds)} (target <= ${target}x: ${verdict(a.seconds / b.seconds <= target)}) |`);
  console.log(`| peak memory, process tree (MB) | ${a.peakMegabytes.toFixed(0)} | ${b.peakMegabytes.toFixed(0)} | ${ratio(a.peakMegabytes, b.peakMegabytes)} |`);
  const mine = ourModelSeconds(a);
  const other = theirModelSeconds(b);
  for (const name of Object.values(MODELS)) {
    const x = mine.get(name);
    const y = other.get(name);
    if (x === undefined || y === undefined) continue;
    console.log(`| ${name}, fit + predict (s, all folds) | ${f2(x)} | ${f2(y)} | ${ratio(x, y)} |`);
  }
  return a;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const large = join(OUT, `large-${rows}-${partitions}.csv`);
  if (!existsSync(large)) await generateLarge({ rows, partitions, out: large });
  console.log(`## automl-grid benchmark (${workers} workers / joblib n_jobs, ${availableParallelism()} cores, Node ${process.version})`);

  if (memoryMode) {
    const m = await ours({ csv: large, target: "churned", by: "store" }, workers);
    console.log(`\n${rows} rows, ${partitions} partitions, --workers ${workers}: ${f2(m.seconds)} s wall, peak memory of parent + children ${m.peakMegabytes.toFixed(0)} MB (target < 2048 MB: ${verdict(m.peakMegabytes < 2048)})`);
    return;
  }

  const skipped = sklearnAvailable();
  if (skipped) console.error(skipped);
  const titanic = join(datasets, "titanic.csv");
  if (existsSync(titanic)) {
    await compare(`titanic.csv --by Sex (median of ${repeat})`, { csv: titanic, target: "Survived", by: "Sex", ignore: "PassengerId" }, repeat, skipped, 0.5);
  } else {
    console.error(`titanic skipped: ${titanic} not found (--datasets DIR)`);
  }
  const job: Job = { csv: large, target: "churned", by: "store" };
  const parallel = await compare(`large: ${rows} rows, 16 features, ${partitions} partitions`, job, 1, skipped, 1.0);
  const serial = await ours(job, 1);
  console.log(`\n### --workers 1 vs --workers ${workers}, large dataset\n`);
  console.log(`${f2(serial.seconds)} s vs ${f2(parallel.seconds)} s: ${ratio(serial.seconds, parallel.seconds)} faster (target >= 1.7x: ${verdict(serial.seconds / parallel.seconds >= 1.7)})`);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

/**
 * Parity with scikit-learn on the real datasets (../shared/datasets): titanic, juice and iris for
 * binary and multiclass classification, titanic's Pclass and insurance's children for multiclass
 * targets beside one-hot features, and insurance, juice, titanic and iris for regression. Both
 * sides score the same predefined 10 folds (--fold-column, --train-size 1) and the table of mean
 * Accuracy and AUC (R2 and MAE) per model goes to stdout as markdown, for BENCHMARKS.md. Exits 1
 * if a model is outside the issues' tolerances (classification: 0.01 for lr, nb, knn, ridge, lda,
 * qda, hgb, dummy; 0.03 for dt, rf, ada, et, gbc and svm, whose SGD shuffles from another seed:
 * its row is the mean of ten seeds a side; regression: R2 0.01 and MAE 2%, the seeded trees and
 * boosting 0.03 and 6%, the seeded ones as the mean of 5 to 20 seeds a side beyond insurance's
 * reference).
 *
 *     npm run build && node dist/bench/parity.js [--datasets ../shared/datasets]
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { csvLine } from "../src/data/csvLine.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const OUT = join(ROOT, "bench", "out");
const args = process.argv.slice(2);
const datasets = args.includes("--datasets") ? args[args.indexOf("--datasets") + 1] : join(ROOT, "..", "shared", "datasets");

interface Case {
  readonly name: string;
  readonly file: string;
  readonly target: string;
  readonly ignore: string[];
  /** Whether the features include categorical columns (one-hot encoded). */
  readonly oneHot: boolean;
}

const CASES: Case[] = [
  { name: "titanic", file: "titanic.csv", target: "Survived", ignore: ["PassengerId"], oneHot: true },
  { name: "juice", file: "juice.csv", target: "Purchase", ignore: ["Id"], oneHot: true },
  // As the issue words it, with the row number Id left in as a numeric feature.
  { name: "juice-with-id", file: "juice.csv", target: "Purchase", ignore: [], oneHot: true },
  { name: "iris", file: "iris.csv", target: "species", ignore: [], oneHot: false },
  // Multiclass targets beside one-hot features (the iris case has none).
  { name: "titanic-pclass", file: "titanic.csv", target: "Pclass", ignore: ["PassengerId"], oneHot: true },
  { name: "insurance-children", file: "insurance.csv", target: "children", ignore: [], oneHot: true },
];
const TOLERANCE: Record<string, number> = {
  "Logistic Regression": 0.01,
  "Naive Bayes": 0.01,
  "K Neighbors Classifier": 0.01,
  "Decision Tree Classifier": 0.03,
  "Random Forest Classifier": 0.03,
  "Ada Boost Classifier": 0.03,
  "Extra Trees Classifier": 0.03,
  "SVM - Linear Kernel": 0.03,
  "Ridge Classifier": 0.01,
  "Quadratic Discriminant Analysis": 0.01,
  "Linear Discriminant Analysis": 0.01,
  "Dummy Classifier": 0.01,
  // Ties between features are broken by random_state's feature order there, by index here.
  "Gradient Boosting Classifier": 0.03,
  // Deterministic on both sides: it matches to rounding.
  "Histogram Gradient Boosting Classifier": 0.01,
};
/** Seeds of the SVM's runs, whose mean is compared. */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** The models both sides run (bench/sklearn_grid.py's MODELS), by id. */
const MODELS = "lr,rf,nb,knn,dt,ada,et,svm,ridge,qda,lda,gbc,hgb,dummy";
/**
 * scikit-learn's QDA is rounding noise on one-hot columns (every class lacks the direction of
 * their sum; src/models/quadraticDiscriminant.ts): on tables with categorical features its row
 * is shown but not held to the tolerance.
 */
const NOISE_ON_ONE_HOT = new Set(["Quadratic Discriminant Analysis"]);

type Row = { Model: string; Accuracy: number; AUC: number };

/** Adds a `fold` column: within each class, rows in file order are dealt to folds 0..9 in turn. */
function withFolds(text: string, target: string): string {
  const rows = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;
  const [header, ...data] = rows;
  const t = header.indexOf(target);
  const seen = new Map<string, number>();
  const lines = [csvLine([...header, "fold"])];
  for (const row of data) {
    const n = seen.get(row[t]) ?? 0;
    seen.set(row[t], n + 1);
    lines.push(csvLine([...row, String(n % 10)]));
  }
  return lines.join("\n") + "\n";
}

function requirements(): string | null {
  try {
    execFileSync("/usr/bin/python3", ["-c", "import sklearn, numpy"], { stdio: "ignore" });
  } catch {
    return "parity needs scikit-learn: /usr/bin/python3 cannot import sklearn (apt-get install -y python3-sklearn)";
  }
  const missing = CASES.map((c) => join(datasets, c.file)).find((path) => !existsSync(path));
  return missing === undefined ? null : `parity needs PyCaret's datasets: ${missing} not found (--datasets DIR)`;
}

type RegressionRow = { Model: string; R2: number; MAE: number };

/** insurance.csv, --target charges, 10 folds dealt in row order; scikit-learn's side from test/reference/regression_grid_reference.py. */
function insuranceParity(out: string[]): number {
  const text = readFileSync(join(datasets, "insurance.csv"), "utf8").trim().split("\n");
  const path = join(OUT, "insurance-folds.csv");
  writeFileSync(path, [`${text[0].trim()},fold`, ...text.slice(1).map((line, i) => `${line.trim()},${i % 10}`)].join("\n") + "\n");
  const common = ["--target", "charges", "--fold-column", "fold", "--train-size", "1"];
  const ours = (JSON.parse(execFileSync(process.execPath, [join(ROOT, "bin", "automl-grid.js"), path, ...common, "--format", "json", "--quiet"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as { rows: RegressionRow[] }).rows;
  const theirs = JSON.parse(execFileSync("/usr/bin/python3", [join(ROOT, "test", "reference", "regression_grid_reference.py"), path, "charges"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as RegressionRow[];
  out.push("\n**insurance** (--target charges; 10 predefined folds; one seed on both sides, so the trees vary by seed)\n");
  out.push("| Model | R2 ours | sklearn | diff | MAE ours | sklearn | diff | tolerance | |");
  out.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  let failed = 0;
  for (const row of ours) {
    const ref = theirs.find((r) => r.Model === row.Model);
    if (ref === undefined) continue;
    const tree = /Tree|Forest/.test(row.Model);
    const dR2 = row.R2 - ref.R2;
    const dMae = (row.MAE - ref.MAE) / ref.MAE;
    const ok = Math.abs(dR2) <= (tree ? 0.03 : 0.01) && Math.abs(dMae) <= (tree ? 0.06 : 0.02);
    if (!ok) failed++;
    const d = (x: number, digits = 4): string => (x >= 0 ? "+" : "") + x.toFixed(digits);
    out.push(`| ${row.Model} | ${row.R2.toFixed(4)} | ${ref.R2.toFixed(4)} | ${d(dR2)} | ${row.MAE.toFixed(1)} | ${ref.MAE.toFixed(1)} | ${d(100 * dMae, 2)}% | ${tree ? "0.03 / 6%" : "0.01 / 2%"} | ${ok ? "pass" : "FAIL"} |`);
  }
  return failed;
}

interface RegressionCase {
  readonly name: string;
  readonly file: string;
  readonly target: string;
  readonly ignore: string[];
}

/** Every regressor on tables beyond insurance, through bench/sklearn_grid.py (all fourteen models). */
const REGRESSION_CASES: RegressionCase[] = [
  { name: "insurance", file: "insurance.csv", target: "charges", ignore: [] },
  { name: "juice", file: "juice.csv", target: "PriceDiff", ignore: ["Id"] },
  { name: "titanic", file: "titanic.csv", target: "Fare", ignore: ["PassengerId"] },
  { name: "iris", file: "iris.csv", target: "petal_width", ignore: [] },
];
/**
 * Regressors whose fit draws from the seed, compared as the mean of this many seeds a side: one
 * tree or one AdaBoost (its weighted resampling) moves by 0.1 in R2 from seed to seed on
 * titanic's Fare, so they take 20; the forests and boosting average 100 trees already.
 */
const SEEDED_REGRESSORS: Readonly<Record<string, number>> = { dt: 20, ada: 20, rf: 5, et: 5, gbr: 5 };
/** The models held to 0.03 in R2 and 6% in MAE (issues 9 and 10); the others to 0.01 and 2%. */
const LOOSE_REGRESSORS = new Set(["Decision Tree Regressor", "Random Forest Regressor", "Extra Trees Regressor", "AdaBoost Regressor", "Gradient Boosting Regressor", "Histogram Gradient Boosting Regressor"]);
const REGRESSOR_IDS = "lr,lasso,ridge,en,br,huber,knn,dt,rf,et,ada,gbr,hgb,dummy";

function regressionParity(c: RegressionCase, out: string[]): number {
  const text = readFileSync(join(datasets, c.file), "utf8").trim().split("\n");
  const path = join(OUT, `${c.name}-${c.target}-folds.csv`);
  writeFileSync(path, [`${text[0].trim()},fold`, ...text.slice(1).map((line, i) => `${line.trim()},${i % 10}`)].join("\n") + "\n");
  const common = ["--target", c.target, "--task", "regression", "--fold-column", "fold", "--train-size", "1", ...(c.ignore.length ? ["--ignore", c.ignore.join(",")] : [])];
  const oursAt = (args: readonly string[]): RegressionRow[] =>
    (JSON.parse(execFileSync(process.execPath, [join(ROOT, "bin", "automl-grid.js"), path, ...args, "--format", "json", "--quiet"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as { rows: RegressionRow[] }).rows;
  const theirsAt = (args: readonly string[]): RegressionRow[] =>
    JSON.parse(execFileSync("/usr/bin/python3", [join(ROOT, "bench", "sklearn_grid.py"), path, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as RegressionRow[];
  const ours = oursAt([...common, "--models", REGRESSOR_IDS]);
  const theirs = theirsAt([...common, "--models", REGRESSOR_IDS]);
  const most = Math.max(...Object.values(SEEDED_REGRESSORS));
  for (const [rows, run] of [[ours, oursAt], [theirs, theirsAt]] as const) {
    const runs = Array.from({ length: most }, (_, k) => {
      const models = Object.keys(SEEDED_REGRESSORS).filter((id) => k < SEEDED_REGRESSORS[id]);
      return run([...common, "--models", models.join(","), "--seed", String(k + 1)]);
    });
    for (const row of rows) {
      const same = runs.map((grid) => grid.find((r) => r.Model === row.Model)).filter((r): r is RegressionRow => r !== undefined);
      if (same.length === 0) continue;
      row.R2 = same.reduce((sum, r) => sum + r.R2, 0) / same.length;
      row.MAE = same.reduce((sum, r) => sum + r.MAE, 0) / same.length;
    }
  }
  const ignored = c.ignore.length ? `, --ignore ${c.ignore.join(",")}` : "";
  out.push(`\n**${c.name}** (--target ${c.target}${ignored}; every regressor; 10 predefined folds; dt and ada the mean of 20 seeds a side, rf, et and gbr of 5)\n`);
  out.push("| Model | R2 ours | sklearn | diff | MAE ours | sklearn | diff | tolerance | |");
  out.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  // A target the features fit exactly (juice's PriceDiff is PriceMM - PriceCH) leaves errors of
  // rounding or of a solver's stopping point, whose ratio means nothing: when both sides' MAE is
  // under 1% of the dummy's, MAE counts as equal and R2 decides.
  const dummyMae = theirs.find((r) => r.Model === "Dummy Regressor")?.MAE ?? Infinity;
  let failed = 0;
  for (const row of ours) {
    const ref = theirs.find((r) => r.Model === row.Model);
    if (ref === undefined) continue;
    const loose = LOOSE_REGRESSORS.has(row.Model);
    const dR2 = row.R2 - ref.R2;
    const dMae = (row.MAE - ref.MAE) / ref.MAE;
    const exact = row.MAE < 0.01 * dummyMae && ref.MAE < 0.01 * dummyMae;
    const ok = Math.abs(dR2) <= (loose ? 0.03 : 0.01) && (exact || Math.abs(dMae) <= (loose ? 0.06 : 0.02));
    if (!ok) failed++;
    const d = (x: number, digits = 4): string => (x >= 0 ? "+" : "") + x.toFixed(digits);
    const verdict = ok ? (exact ? "pass (both MAE under 1% of the dummy's)" : "pass") : "FAIL";
    out.push(`| ${row.Model} | ${row.R2.toFixed(4)} | ${ref.R2.toFixed(4)} | ${d(dR2)} | ${row.MAE.toFixed(4)} | ${ref.MAE.toFixed(4)} | ${d(100 * dMae, 2)}% | ${loose ? "0.03 / 6%" : "0.01 / 2%"} | ${verdict} |`);
  }
  return failed;
}

const unmet = requirements();
if (unmet !== null) {
  console.error(unmet);
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });
let failures = 0;
const out: string[] = [];
for (const c of CASES) {
  const path = join(OUT, `${c.name}-folds.csv`);
  writeFileSync(path, withFolds(readFileSync(join(datasets, c.file), "utf8"), c.target));
  const common = ["--target", c.target, "--fold-column", "fold", "--train-size", "1", ...(c.ignore.length ? ["--ignore", c.ignore.join(",")] : [])];
  // Our json grid is { ...run metadata, rows }.
  const oursAt = (args: readonly string[]): Row[] =>
    (JSON.parse(execFileSync(process.execPath, [join(ROOT, "bin", "automl-grid.js"), path, ...args, "--format", "json", "--quiet"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as { rows: Row[] }).rows;
  const theirsAt = (args: readonly string[]): Row[] =>
    JSON.parse(execFileSync("/usr/bin/python3", [join(ROOT, "bench", "sklearn_grid.py"), path, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as Row[];
  const ours = oursAt([...common, "--models", MODELS]);
  const theirs = theirsAt([...common, "--models", MODELS]);
  // SGD: one seed's grid moves by a few hundredths from the next on both sides (they shuffle
  // from different seeds), so its row is the mean over SEEDS runs a side.
  for (const [rows, run] of [[ours, oursAt], [theirs, theirsAt]] as const) {
    const runs = SEEDS.map((seed) => run([...common, "--models", "svm", "--seed", String(seed)])[0]);
    const row = rows.find((r) => r.Model === "SVM - Linear Kernel") as Row;
    row.Accuracy = runs.reduce((sum, r) => sum + r.Accuracy, 0) / runs.length;
    row.AUC = runs.reduce((sum, r) => sum + r.AUC, 0) / runs.length;
  }
  const ignored = c.ignore.length ? `, --ignore ${c.ignore.join(",")}` : "";
  out.push(`\n**${c.name}** (--target ${c.target}${ignored}; 10 predefined stratified folds)\n`);
  out.push("| Model | Accuracy ours | sklearn | diff | AUC ours | sklearn | diff | tolerance | |");
  out.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const row of ours) {
    const ref = theirs.find((r) => r.Model === row.Model) as Row;
    const dAcc = row.Accuracy - ref.Accuracy;
    const dAuc = row.AUC - ref.AUC;
    const held = !(c.oneHot && NOISE_ON_ONE_HOT.has(row.Model));
    const ok = Math.abs(dAcc) <= TOLERANCE[row.Model] && Math.abs(dAuc) <= TOLERANCE[row.Model];
    if (!ok && held) failures++;
    const f = (x: number): string => x.toFixed(4);
    const d = (x: number): string => (x >= 0 ? "+" : "") + x.toFixed(4);
    out.push(`| ${row.Model} | ${f(row.Accuracy)} | ${f(ref.Accuracy)} | ${d(dAcc)} | ${f(row.AUC)} | ${f(ref.AUC)} | ${d(dAuc)} | ${held ? TOLERANCE[row.Model] : "-"} | ${held ? (ok ? "pass" : "FAIL") : "scikit-learn's noise"} |`);
  }
}
failures += insuranceParity(out);
for (const c of REGRESSION_CASES) failures += regressionParity(c, out);
console.log(out.join("\n"));
if (failures > 0) {
  console.error(`${failures} model(s) outside tolerance`);
  process.exitCode = 1;
}

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { launchChromium, pageProblems } from "../browser.js";
import { repoPath, runCli, tempFiles } from "../helpers.js";

/**
 * The html report in a real browser: Debian's Chromium, headless, driven by playwright-core.
 * Each report must load from file:// with no console error, no page error and no request, and
 * show every partition (a heading each, a heatmap row each, a cell per model).
 */

const EVIL_KEY = "<script>window.__pwned=1</script>";

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Per shop 24 rows of a binary y that x predicts; the `mono` shop has one class and fails. */
function shops(): string {
  const lines = ["shop,x,z,y"];
  for (const key of [EVIL_KEY, '"><img src=x onerror=window.__pwned=2>', "mono", "plain"]) {
    for (let i = 0; i < 24; i++) {
      const y = key === "mono" ? 0 : i % 2;
      lines.push([key, String((i % 7) + 3 * y), "abc"[i % 3], String(y)].map(csvCell).join(","));
    }
  }
  return lines.join("\n") + "\n";
}

const dir = tempFiles({ "shops.csv": shops() });
const passengers = repoPath("fixtures", "passengers.csv");
const sales = repoPath("fixtures", "sales.csv");
const bin = repoPath("bin", "automl-grid.js");

/** Runs the CLI without blocking, so that the reports are written while Chromium starts. */
async function report(name: string, args: readonly string[]): Promise<{ path: string; status: number }> {
  const path = join(dir, name);
  try {
    await promisify(execFile)(process.execPath, [bin, ...args, "--quiet", "--out", path]);
    return { path, status: 0 };
  } catch (error) {
    return { path, status: (error as { code: number }).code };
  }
}

let browser: Browser;
/** One page for every report (a new page costs a renderer process); its problems are taken per load. */
let page: Page;
let problems: string[];
let reports: Record<"titanic" | "shops" | "sales", { path: string; status: number }>;
const shopArgs = [join(dir, "shops.csv"), "--target", "y", "--by", "shop", "--models", "nb", "--folds", "3", "--quiet"];
const piece = join(dir, "piece.jsonl");

before(async () => {
  const [launched, , titanic, shopsReport, salesReport] = await Promise.all([
    launchChromium(),
    // For merge --format html, below.
    promisify(execFile)(process.execPath, [bin, ...shopArgs, "--shard", "0/1", "--out", piece]).catch(() => undefined),
    report("titanic.html", [passengers, "--target", "Survived", "--by", "Sex", "--ignore", "PassengerId", "--models", "lr,rf,nb,knn,dt", "--folds", "3"]),
    report("shops.html", [join(dir, "shops.csv"), "--target", "y", "--by", "shop", "--models", "lr,nb,dt", "--folds", "3"]),
    report("sales.html", [sales, "--target", "monthly_spend", "--by", "region", "--ignore", "customer_id", "--models", "lr,ridge,dt", "--folds", "3"]),
  ]);
  browser = launched;
  page = await browser.newPage();
  problems = pageProblems(page);
  reports = { titanic, shops: shopsReport, sales: salesReport };
});

after(async () => {
  await browser?.close();
});

interface Rendered {
  readonly problems: readonly string[];
  readonly headings: readonly string[];
  readonly heatmapRows: number;
  readonly heatmapCells: number;
  readonly models: readonly string[];
  readonly modelTitles: readonly (string | null)[];
  readonly pwned: unknown;
  readonly text: string;
}

async function render(path: string): Promise<Rendered> {
  problems.splice(0);
  await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
  const heatmap = page.locator("table.heatmap");
  const rendered: Rendered = {
    problems: [...problems],
    headings: await page.locator("section.partition h3").allInnerTexts(),
    heatmapRows: await heatmap.locator("tbody tr").count(),
    heatmapCells: await heatmap.locator("td.cell").count(),
    models: await heatmap.locator("th.model").allInnerTexts(),
    modelTitles: await heatmap.locator("th.model").evaluateAll((heads) => heads.map((head) => head.getAttribute("title"))),
    pwned: await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned),
    text: await page.locator("body").innerText(),
  };
  for (const heading of rendered.headings) assert.ok(await page.getByRole("heading", { name: heading, exact: true }).isVisible(), heading);
  return rendered;
}

test("the titanic-shaped --by Sex report (--out report.html) renders without errors and shows both partitions", async () => {
  assert.equal(reports.titanic.status, 0);
  assert.match(readFileSync(reports.titanic.path, "utf8"), /^<!doctype html>/);
  const shown = await render(reports.titanic.path);
  assert.deepEqual(shown.problems, []);
  assert.deepEqual(shown.headings, ["Sex = female", "Sex = male"]);
  // The heatmap's heads are the table's short names, the full ones their tooltips.
  assert.deepEqual(shown.models, ["Logistic Reg.", "Random Forest", "Naive Bayes", "K Neighbors", "Decision Tree"]);
  assert.deepEqual(shown.modelTitles, ["Logistic Regression", "Random Forest Classifier", "Naive Bayes", "K Neighbors Classifier", "Decision Tree Classifier"]);
  assert.equal(shown.heatmapRows, 2);
  assert.equal(shown.heatmapCells, 2 * 5);
  assert.match(shown.text, /Accuracy by partition and model/);
  assert.match(shown.text, /Target\s+Survived/);
});

test("a key holding <script> or an <img> is shown as text and never runs; a skipped partition is reported", async () => {
  assert.equal(reports.shops.status, 0, "one partition skipped, which does not change the exit code");
  const shown = await render(reports.shops.path);
  assert.deepEqual(shown.problems, []);
  assert.equal(shown.pwned, undefined);
  assert.deepEqual(shown.headings, [`shop = "><img src=x onerror=window.__pwned=2>`, `shop = ${EVIL_KEY}`, "shop = mono", "shop = plain"]);
  assert.equal(shown.heatmapRows, 4);
  assert.equal(shown.heatmapCells, 4 * 3);
  assert.match(shown.text, /skipped: the target y has one class \(0\)/);
});

test("a regression report renders, its heatmap by R2, one row per region", async () => {
  assert.equal(reports.sales.status, 0);
  const shown = await render(reports.sales.path);
  assert.deepEqual(shown.problems, []);
  assert.deepEqual(shown.headings, ["region = East", "region = Islands", "region = North", "region = South", "region = West"]);
  assert.deepEqual(shown.models, ["Linear Reg.", "Ridge", "Decision Tree"]);
  assert.deepEqual(shown.modelTitles, ["Linear Regression", "Ridge Regression", "Decision Tree Regressor"]);
  assert.equal(shown.heatmapCells, 5 * 3);
  assert.match(shown.text, /R2 by partition and model/);
  assert.match(shown.text, /higher is better/);
});

test("--format html writes the page to stdout; merge writes one too", () => {
  const stdout = runCli([...shopArgs, "--format", "html"]);
  assert.equal(stdout.status, 0, stdout.stderr);
  assert.match(stdout.stdout, /^<!doctype html>[\s\S]*<\/html>\n$/);
  const merged = runCli(["merge", piece, "--format", "html", "--sort", "auc"]);
  assert.equal(merged.status, 0, merged.stderr);
  assert.match(merged.stdout, /<h2>AUC by partition and model<\/h2>/);
  assert.match(merged.stdout, /<dt>Input<\/dt><dd>[^<]*piece\.jsonl<\/dd>/);
});

/**
 * Regenerates docs/report-titanic.png, the README's picture of the html report: titanic.csv
 * --by Sex scored by the built CLI, the page opened from file:// in Debian's Chromium through
 * playwright-core (the launch the browser test uses), photographed whole at 1200 px wide.
 *
 *     npm run build && node dist/bench/reportScreenshot.js [--datasets ../shared/datasets]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium, pageProblems } from "../test/browser.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const args = process.argv.slice(2);
const datasets = args.includes("--datasets") ? args[args.indexOf("--datasets") + 1] : join(ROOT, "..", "shared", "datasets");
const png = join(ROOT, "docs", "report-titanic.png");

const work = mkdtempSync(join(tmpdir(), "automl-grid-shot-"));
try {
  const report = join(work, "report.html");
  // Run beside the file, so that the report names it as a user would have typed it.
  execFileSync(process.execPath, [join(ROOT, "bin", "automl-grid.js"), "titanic.csv", "--target", "Survived", "--by", "Sex", "--ignore", "PassengerId", "--quiet", "--out", report], {
    cwd: datasets,
    stdio: "inherit",
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const problems = pageProblems(page);
    await page.goto(pathToFileURL(report).href, { waitUntil: "load" });
    if (problems.length > 0) throw new Error(`the report did not render cleanly:\n${problems.join("\n")}`);
    await page.screenshot({ path: png, fullPage: true });
  } finally {
    await browser.close();
  }
  process.stdout.write(`wrote ${png}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

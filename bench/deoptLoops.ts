/**
 * Finds V8 deoptimisation loops: places where the same optimised code is thrown away again and
 * again. The usual cause is on-stack replacement (OSR): V8 compiles a long loop while a function
 * is still in its first call, so code after the loop that had not yet run has no type feedback;
 * the compiled loop is cached and re-entered at every later call, reaches that code, deoptimises,
 * and the rest of the call runs in the interpreter. The fix is structural (the loop in a function
 * of its own, returning a local), and which sites loop depends on the timing of V8's background
 * compiles, so this runs each table's fold timings several times under --trace-deopt-verbose and
 * counts deoptimisations per source position.
 *
 *     npm run build && node dist/bench/deoptLoops.js [--runs 3] [--min 20] [--models lr,knn] file.csv:target[:by[:task[:ignored]]] ...
 *
 * Prints every source position that deoptimised at least --min times in one run (default 20),
 * with the largest count over the runs and the reason V8 gave.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const here = dirname(fileURLToPath(import.meta.url));
const CLASSIFIERS = "lr,knn,nb,dt,rf,et,ada,gbc,hgb,svm,ridge,lda,qda,dummy";
const REGRESSORS = "lr,lasso,ridge,en,br,huber,knn,dt,rf,et,ada,gbr,hgb,dummy";

/** Deoptimisations per "file:line:col (reason)" in one run of one table. */
function deoptSites(table: string, models: string): Map<string, number> {
  const [input, target, by, task, ignore] = table.split(":");
  const args = ["--trace-deopt-verbose", join(here, "foldTimes.js"), input, "--target", target, "--models", models, "--use", "3"];
  if (by !== undefined && by !== "") args.push("--by", by);
  if (task === "regression") args.push("--task", "regression");
  if (ignore !== undefined) args.push("--ignore", ignore);
  const run = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`${table}: ${run.stderr.slice(0, 500)}`);
  const sites = new Map<string, number>();
  let reason = "";
  for (const line of run.stdout.split("\n")) {
    const bailout = /^\[bailout \(kind: [^,]*, reason: ([^)]*)\)/.exec(line);
    if (bailout !== null) reason = bailout[1];
    const at = /;;; deoptimize at <file:\/\/.*\/dist\/(.*?)>/.exec(line);
    if (at !== null) {
      const site = `${at[1]} (${reason})`;
      sites.set(site, (sites.get(site) ?? 0) + 1);
    }
  }
  return sites;
}

function main(): void {
  const runs = Number(flag("--runs", "3"));
  const min = Number(flag("--min", "20"));
  const tables = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") && !all[i - 1]?.startsWith("--"));
  for (const table of tables) {
    const models = flag("--models", table.split(":")[3] === "regression" ? REGRESSORS : CLASSIFIERS);
    const worst = new Map<string, number>();
    for (let r = 0; r < runs; r++) {
      for (const [site, count] of deoptSites(table, models)) worst.set(site, Math.max(worst.get(site) ?? 0, count));
    }
    const loops = [...worst].filter(([, count]) => count >= min).sort((a, b) => b[1] - a[1]);
    console.log(`${table}: ${loops.length === 0 ? "no deoptimisation loop" : `${loops.length} site(s)`} in ${runs} run(s)`);
    for (const [site, count] of loops) console.log(`  ${String(count).padStart(6)}  ${site}`);
  }
}

main();

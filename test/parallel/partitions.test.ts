import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { jsonRows, repoPath, runCli, tempFiles } from "../helpers.js";

const sales = repoPath("fixtures", "sales.csv");
const passengers = repoPath("fixtures", "passengers.csv");
const salesArgs = [sales, "--target", "churned", "--by", "region", "--models", "lr,nb,dt", "--folds", "3", "--quiet", "--format", "json"];

type Row = Record<string, string | number | null>;

function withoutTime(rows: Row[]): Row[] {
  return rows.map(({ TT_Sec: _, ...rest }) => rest);
}

test("--by gives one grid per key, key columns first and status, reason last; a one-class partition is skipped alone (exit 0)", () => {
  const result = runCli(salesArgs);
  assert.equal(result.status, 0, result.stderr);
  const rows = jsonRows<Row>(result.stdout);
  assert.deepEqual(Object.keys(rows[0]), ["region", "Model", "Accuracy", "AUC", "Recall", "Prec", "F1", "Kappa", "MCC", "TT_Sec", "Rows", "Minority", "Beats_Dummy", "SD", "status", "reason"]);
  const regions = [...new Set(rows.map((row) => row.region))];
  assert.deepEqual(regions, ["East", "Islands", "North", "South", "West"]);
  const islands = rows.filter((row) => row.region === "Islands");
  assert.equal(islands.length, 1);
  assert.equal(islands[0].status, "skipped");
  assert.match(String(islands[0].reason), /one class \(no\)/);
  assert.equal(islands[0].Accuracy, null);
  const ok = rows.filter((row) => row.region !== "Islands");
  assert.equal(ok.length, 4 * 3);
  for (const row of ok) {
    assert.equal(row.status, "ok");
    assert.equal(row.reason, "");
  }
  // Within a partition, rows follow --sort (Accuracy, descending).
  const north = ok.filter((row) => row.region === "North").map((row) => row.Accuracy as number);
  assert.deepEqual(north, [...north].sort((a, b) => b - a));
});

test("results are identical for --workers 1 and --workers 2, TT_Sec aside", () => {
  const one = jsonRows<Row>(runCli([...salesArgs, "--workers", "1"]).stdout);
  const two = jsonRows<Row>(runCli([...salesArgs, "--workers", "2"]).stdout);
  assert.deepEqual(withoutTime(one), withoutTime(two));
});

test("several --by columns key the grid by their combination, in sorted order", () => {
  const result = runCli([sales, "--target", "churned", "--by", "region,plan", "--models", "nb", "--folds", "2", "--quiet", "--format", "csv"]);
  const lines = result.stdout.trimEnd().split("\n");
  assert.equal(lines[0].split(",").slice(0, 3).join(","), "region,plan,Model");
  const keys = lines.slice(1).map((line) => line.split(",").slice(0, 2).join("/"));
  assert.deepEqual(keys.slice(0, 3), ["East/basic", "East/premium", "Islands/basic"]);
});

test("a child killed on its first try is retried on a fresh child and the grid is unchanged", () => {
  const normal = jsonRows<Row>(runCli(salesArgs).stdout);
  const result = runCli(salesArgs, { env: { AUTOML_GRID_TEST_KILL: '["North"]@1' } });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(withoutTime(jsonRows<Row>(result.stdout)), withoutTime(normal));
});

test("a partition whose child dies twice is reported as failed; the others are scored", () => {
  const result = runCli(salesArgs, { env: { AUTOML_GRID_TEST_KILL: '["North"]@2' } });
  assert.equal(result.status, 1, result.stderr);
  const rows = jsonRows<Row>(result.stdout);
  const north = rows.filter((row) => row.region === "North");
  assert.equal(north.length, 1);
  assert.equal(north[0].status, "failed");
  assert.match(String(north[0].reason), /worker process died twice \(signal SIGKILL\)/);
  assert.equal(rows.filter((row) => row.status === "ok").length, 3 * 3);
});

/** Direct children of a process, from /proc (Linux). */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

function spawnCli(args: string[]): { pid: number; done: Promise<{ code: number | null; stdout: string; stderr: string }>; kill(signal: NodeJS.Signals): void } {
  const child = spawn(process.execPath, [repoPath("bin", "automl-grid.js"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { pid: child.pid as number, done, kill: (signal) => child.kill(signal) };
}

async function firstChild(pid: number): Promise<number> {
  for (let i = 0; i < 500; i++) {
    const children = childrenOf(pid);
    if (children.length > 0) return children[0];
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("no child process appeared");
}

const slowArgs = [passengers, "--target", "Survived", "--by", "Sex", "--models", "rf", "--folds", "10", "--train-size", "1", "--quiet", "--format", "json", "--workers", "1"];

test("a child killed from outside mid-run (as the OOM killer would) is retried and the grid is complete", async () => {
  const normal = jsonRows<Row>(runCli(slowArgs).stdout);
  const run = spawnCli(slowArgs);
  const child = await firstChild(run.pid);
  await new Promise((resolve) => setTimeout(resolve, 150));
  process.kill(child, "SIGKILL");
  const result = await run.done;
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(withoutTime(jsonRows<Row>(result.stdout)), withoutTime(normal));
});

test("children of a parent killed outright stop quietly: no stack trace, no orphan left running", async () => {
  const run = spawnCli(slowArgs);
  const child = await firstChild(run.pid);
  await new Promise((resolve) => setTimeout(resolve, 150));
  run.kill("SIGKILL");
  // close waits for the children too: they share the parent's stderr pipe.
  const result = await run.done;
  assert.equal(result.code, null);
  assert.doesNotMatch(result.stderr, /EPIPE|\n\s+at /, result.stderr);
  assert.equal(existsSync(`/proc/${child}/stat`) && !readFileSync(`/proc/${child}/stat`, "utf8").includes(") Z "), false, "child still running");
});

function isRunning(pid: number): boolean {
  return existsSync(`/proc/${pid}/stat`) && !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
}

/** User and system CPU time a process has used so far, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test("children stop within 1.5 s of a parent killed outright, even in the middle of a long fit", async () => {
  // Two partitions of 8,000 rows for a forest on 10 folds: seconds of synchronous fitting each,
  // during which a child's event loop never turns to see its channel to the parent close.
  const lines = ["g,a,b,c,y"];
  for (let i = 0; i < 16_000; i++) lines.push(`${i % 2 === 0 ? "even" : "odd"},${(i * 7919) % 1000},${(i * 104_729) % 997},${i % 13},${(i * 7) % 3 === 0 ? "yes" : "no"}`);
  const dir = tempFiles({ "long.csv": lines.join("\n") + "\n" });
  const run = spawnCli([join(dir, "long.csv"), "--target", "y", "--by", "g", "--models", "rf", "--train-size", "1", "--quiet", "--workers", "2"]);
  // Wait until each child is deep in fitting: half a second of its own CPU time (however loaded
  // the machine), seconds before its partition can be done.
  let children: number[] = [];
  for (let i = 0; i < 3000 && (children.length < 2 || !children.every((pid) => cpuSeconds(pid) >= 0.5)); i++) {
    await sleep(10);
    children = childrenOf(run.pid);
  }
  assert.equal(children.length, 2, "two children started");
  assert.deepEqual(children.filter(isRunning), children, "children still busy when the parent is killed");
  run.kill("SIGKILL");
  await sleep(1500);
  const alive = children.filter(isRunning);
  // Leave no orphan behind, even when the check fails.
  for (const pid of alive) process.kill(pid, "SIGKILL");
  assert.deepEqual(alive, [], "children alive 1.5 s after their parent was killed");
  await run.done;
});

test("a reader that closes stdout early (| head) ends the run with exit 141 and no stack trace", async () => {
  // 2,000 partitions with one row per class: each fails fast, and their rows (long keys) come
  // to 0.6 MB, far more than the pipe and the reader's first chunk hold.
  const lines = ["id,x,y"];
  for (let i = 0; i < 4000; i++) lines.push(`${String(i >> 1).padStart(200, "k")},${i % 7},${i % 2 === 0 ? "no" : "yes"}`);
  const dir = tempFiles({ "many.csv": lines.join("\n") + "\n" });
  const child = spawn(process.execPath, [repoPath("bin", "automl-grid.js"), join(dir, "many.csv"), "--target", "y", "--by", "id", "--models", "nb", "--quiet", "--format", "csv"], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let first = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.once("data", (chunk: Buffer) => {
    first = chunk.toString().split("\n")[0];
    child.stdout.destroy();
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  assert.equal(first, "id,Model,Accuracy,AUC,Recall,Prec,F1,Kappa,MCC,TT_Sec,Rows,Minority,Beats_Dummy,SD,status,reason");
  assert.equal(code, 141, stderr);
  assert.doesNotMatch(stderr, /EPIPE|\n\s+at /);
});

for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  test(`${signal} stops the children, writes no --out file and exits ${code}`, async () => {
    const dir = tempFiles();
    const out = join(dir, "grid.csv");
    const run = spawnCli([...slowArgs.filter((arg) => arg !== "json" && arg !== "--format"), "--out", out]);
    const child = await firstChild(run.pid);
    run.kill(signal);
    const result = await run.done;
    assert.equal(result.code, code, result.stderr);
    assert.match(result.stderr, new RegExp(`interrupted \\(${signal}\\)`));
    assert.equal(existsSync(out), false);
    assert.deepEqual(readdirSync(dir), []);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(existsSync(`/proc/${child}/stat`) && !readFileSync(`/proc/${child}/stat`, "utf8").includes(") Z "), false, "child still running");
  });
}

test("a missing --by value (empty or NA) is one group of its own, shown empty and sorted first", () => {
  // 3 groups of 24 rows: "a", "b" and missing, half of them written "" and half "NA".
  const lines = ["g,x,colour,y"];
  for (let i = 0; i < 72; i++) {
    const group = i % 3 === 0 ? "a" : i % 3 === 1 ? "b" : i % 2 === 0 ? "" : "NA";
    lines.push(`${group},${(i * 7) % 11},${["red", "blue"][i % 2]},${(i >> 1) % 2 === 0 ? "no" : "yes"}`);
  }
  const dir = tempFiles({ "groups.csv": lines.join("\n") + "\n" });
  const result = runCli([join(dir, "groups.csv"), "--target", "y", "--by", "g", "--models", "nb", "--folds", "2", "--quiet", "--format", "json"]);
  assert.equal(result.status, 0, result.stderr);
  const rows = jsonRows<Row>(result.stdout);
  assert.deepEqual(rows.map((row) => row.g), ["", "a", "b"]);
  assert.ok(rows.every((row) => row.status === "ok"));
});

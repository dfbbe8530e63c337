import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, cpSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, repoPath, runCli, tempFiles } from "./helpers.js";

/**
 * The package as a user gets it: `npm pack` on a copy of this checkout without dist/ (as a fresh
 * clone is; the prepack script must build), `npm install -g` of the tarball into a prefix of its
 * own, then the installed command, run from a directory outside the checkout.
 */

const LIMIT = 400_000;
const pkg = JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as { name: string; version: string };

/** This machine's environment without what `npm test` adds (npm_config_local_prefix and the like would steer the nested npm). */
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

function npm(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync("npm", args, { cwd, env, encoding: "utf8", timeout: 300_000 });
  assert.equal(result.status, 0, `npm ${args.join(" ")}:\n${result.stderr}`);
  return result;
}

interface Packed {
  readonly filename: string;
  readonly size: number;
  readonly files: readonly { path: string }[];
}

const work = tempFiles();
const source = join(work, "source");
// Everything a clone has, without build output or installed modules; node_modules is linked, as `npm ci` would make it.
cpSync(ROOT, source, { recursive: true, filter: (path) => !/[\\/](node_modules|dist|\.git)$|[\\/]bench[\\/]out$|\.tgz$/.test(path) });
symlinkSync(repoPath("node_modules"), join(source, "node_modules"), "dir");

const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", work], source).stdout) as Packed[];
const tarball = join(work, packed.filename);
const prefix = join(work, "prefix");
npm(["install", "--global", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", tarball], work);
const installed = join(prefix, "bin", "automl-grid");

/** Runs the installed command in an empty directory holding a copy of one fixture. */
function runInstalled(args: readonly string[], fixture: string): SpawnSyncReturns<string> {
  const dir = tempFiles();
  copyFileSync(repoPath("fixtures", fixture), join(dir, fixture));
  return spawnSync(installed, args, { cwd: dir, env, encoding: "utf8", timeout: 120_000 });
}

test(`the tarball holds only what runs: bin/, dist/src/*.js, README.md and package.json, under ${LIMIT / 1000} kB`, () => {
  const paths = packed.files.map((file) => file.path).sort();
  const stray = paths.filter((path) => !/^(bin\/automl-grid\.js|dist\/src\/.+\.js|README\.md|package\.json|LICENSE)$/.test(path));
  assert.deepEqual(stray, []);
  for (const path of ["bin/automl-grid.js", "dist/src/cli/main.js", "dist/src/parallel/worker.js", "package.json"]) assert.ok(paths.includes(path), path);
  assert.equal(packed.size, statSync(tarball).size);
  assert.ok(packed.size < LIMIT, `${packed.size} bytes packed`);
});

test("no test, benchmark, TypeScript source or reference JSON is packed", () => {
  const paths = packed.files.map((file) => file.path);
  assert.deepEqual(
    paths.filter((path) => /^(test|bench|fixtures|src|examples)\/|\.ts$|\.json$/.test(path) && path !== "package.json"),
    [],
  );
});

test("the installed automl-grid --version prints the package's version and nothing else", () => {
  const run = runInstalled(["--version"], "passengers.csv");
  assert.deepEqual([run.status, run.stdout, run.stderr], [0, `${pkg.version}\n`, ""]);
});

test("the installed automl-grid --help exits 0 with the usage on stdout", () => {
  const run = runInstalled(["--help"], "passengers.csv");
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^Usage: automl-grid /);
  assert.equal(run.stderr, "");
});

test("the installed automl-grid scores a grid, in parallel children, exactly as this checkout does", () => {
  const args = ["passengers.csv", "--target", "Survived", "--by", "Sex", "--ignore", "PassengerId", "--folds", "3", "--top", "3", "--workers", "2", "--format", "csv", "--quiet"];
  const run = runInstalled(args, "passengers.csv");
  const here = runCli([repoPath("fixtures", "passengers.csv"), ...args.slice(1)]);
  assert.equal(run.status, 0, run.stderr);
  const withoutTime = (csv: string): string => {
    const lines = csv.split("\n");
    const at = lines[0].split(",").indexOf("TT_Sec");
    return lines.map((line) => line.split(",").filter((_, j) => j !== at).join(",")).join("\n");
  };
  assert.equal(withoutTime(run.stdout), withoutTime(here.stdout));
  assert.equal(run.stdout.trimEnd().split("\n").length, 1 + 2 * 3);
  assert.equal(run.stderr, here.stderr.replaceAll(repoPath("fixtures", "passengers.csv"), "passengers.csv"));
});

test("the installed automl-grid refuses bad input with one line and exit 2, no stack trace", () => {
  const run = runInstalled(["passengers.csv", "--target", "Nope"], "passengers.csv");
  assert.equal(run.status, 2);
  assert.equal(run.stdout, "");
  assert.match(run.stderr, /^automl-grid: error: .*Nope.*\n$/);
});

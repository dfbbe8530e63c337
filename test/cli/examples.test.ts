import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { checkCommandLine } from "../../src/cli/main.js";
import { repoPath, runCli, tempFiles } from "../helpers.js";
import { listFiles, machineEnv, shimBinDir, shimPackageDir } from "./engines/common.js";
import { planWorkflow, runWorkflow } from "./engines/githubActions.js";
import { runKubernetesJob } from "./engines/kubernetes.js";
import { jobProblems, parseYaml, workflowProblems } from "./engines/schemas.js";
import { planSlurm, runSlurmArray, runSlurmWrap, slurmWrapCommand } from "./engines/slurm.js";

const example = (file: string): string => readFileSync(repoPath("examples", file), "utf8");
const files = readdirSync(repoPath("examples"));

test("examples/ has a GitHub Actions workflow, a Kubernetes Indexed Job with its merge Job and a Slurm array script", () => {
  assert.deepEqual(files.sort(), ["github-actions.yml", "kubernetes-indexed-job.yaml", "kubernetes-merge-job.yaml", "slurm-array.sh"]);
});

// ---------------------------------------------------------------- command lines

/** A stand-in for each variable: 0 for an index (a valid shard I), 2 for anything else (a shard count, a worker count, a file name). */
function standIn(name: string): string {
  return /index|task_id/i.test(name) ? "0" : "2";
}

/**
 * The automl-grid command lines in a file, comments and YAML strings included: shell
 * continuations joined, everything before the program name and after a shell operator dropped,
 * variables ($X, ${X}, ${X:-d}, ${{ x.y }}) replaced by stand-ins. A scoring command is one with
 * --target; a merge command starts with `merge`.
 */
function commandLines(text: string): string[][] {
  const joined = text.replace(/\\\n\s*/g, " ").replace(/\n\s+(?=--|\|\|)/g, " ");
  const lines: string[][] = [];
  for (const line of joined.split("\n")) {
    const match = /(?:^|[\s;&|"'])automl-grid\s+(merge\s.*|\S+\s.*--target\s.*)$/.exec(line);
    if (match === null) continue;
    const command = match[1]
      .replace(/\s*(\|\||&&|;|\||"\s*$).*$/, "")
      .replace(/\$\{\{\s*([^}]*?)\s*\}\}|\$\{(\w+)(?::-[^}]*)?\}|\$(\w+)/g, (_, a?: string, b?: string, c?: string) => standIn(a ?? b ?? c ?? ""))
      .replace(/"/g, "");
    lines.push(command.split(/\s+/).filter((arg) => arg !== ""));
  }
  return lines;
}

/** What the parse check reads: YAML files as their parsed strings (folded scalars unfolded) and comments; scripts as they are. */
function commandText(file: string): string {
  const text = example(file);
  if (!file.endsWith(".yml") && !file.endsWith(".yaml")) return text;
  const strings: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === "string") strings.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(collect);
  };
  collect(parseYaml(text).value);
  const comments = text.split("\n").filter((line) => line.trimStart().startsWith("#"));
  return [...strings, ...comments].join("\n");
}

test("the examples hold the shard and merge command lines: 2 in the workflow and the Slurm script, 1 in each Kubernetes Job", () => {
  const count = (file: string, kind: "shard" | "merge"): number => commandLines(commandText(file)).filter((args) => (kind === "merge" ? args[0] === "merge" : args.includes("--shard"))).length;
  assert.deepEqual(
    files.map((file) => [file, count(file, "shard"), count(file, "merge")]),
    [
      ["github-actions.yml", 1, 1],
      ["kubernetes-indexed-job.yaml", 1, 0],
      ["kubernetes-merge-job.yaml", 0, 1],
      ["slurm-array.sh", 1, 1],
    ],
  );
});

for (const file of files) {
  test(`every automl-grid command line in examples/${file} parses with the current options`, async () => {
    const commands = commandLines(commandText(file));
    assert.ok(commands.length >= 1, `found no command line in ${file}`);
    for (const args of commands) await checkCommandLine(args);
  });
}

test("checkCommandLine rejects an option that does not exist, so a stale example fails here", async () => {
  await assert.rejects(checkCommandLine(["data.csv", "--target", "y", "--by", "s", "--shards", "0/8"]));
  await assert.rejects(checkCommandLine(["data.csv", "--target", "y", "--by", "s", "--shard", "8/8"]), /--shard 8\/8/);
});

// ---------------------------------------------------------------- schemas

test("the workflow passes GitHub's own workflow parser (@actions/workflow-parser) without a problem", async () => {
  assert.deepEqual(await workflowProblems("github-actions.yml", example("github-actions.yml")), []);
});

test("a misspelt key, an unknown job in needs and an unknown context in the workflow are each reported", async () => {
  const text = example("github-actions.yml");
  const problems = async (from: string, to: string): Promise<string> => {
    assert.ok(text.includes(from), from);
    return (await workflowProblems("github-actions.yml", text.replace(from, to))).join("\n");
  };
  assert.match(await problems("runs-on:", "run-on:"), /Unexpected value 'run-on'/);
  assert.match(await problems("fail-fast:", "fail_fast:"), /Unexpected value 'fail_fast'/);
  assert.match(await problems("needs: shard", "needs: shards"), /unknown job 'shards'/);
  assert.match(await problems("${{ matrix.index }}/4", "${{ matrx.index }}/4"), /matrx/);
});

test("both Kubernetes manifests are valid batch/v1 Jobs for the Kubernetes v1.34 schema, strict on keys", () => {
  assert.deepEqual(jobProblems(example("kubernetes-indexed-job.yaml")), []);
  assert.deepEqual(jobProblems(example("kubernetes-merge-job.yaml")), []);
});

test("a misspelt key or a bad value in a Kubernetes manifest is reported with its path", () => {
  const text = example("kubernetes-indexed-job.yaml");
  const problems = (from: string, to: string): string => {
    assert.ok(text.includes(from), from);
    return jobProblems(text.replace(from, to)).join("\n");
  };
  assert.match(problems("completionMode:", "completionmode:"), /^\/spec must NOT have additional properties: completionmode$/m);
  assert.match(problems("mountPath:", "mountpath:"), /volumeMounts\/0 must NOT have additional properties: mountpath/);
  assert.match(problems("restartPolicy: Never", "restartPolicy: Nevr"), /restartPolicy must be equal to one of the allowed values/);
  assert.match(problems("completions: 4", "completions: four"), /completions must be integer/);
});

test("an action input or step key the emulated runner does not implement is refused, so a misspelt `with:` fails too", () => {
  const text = example("github-actions.yml");
  assert.doesNotThrow(() => planWorkflow(text));
  assert.throws(() => planWorkflow(text.replace("merge-multiple:", "merge-multiples:")), /"merge-multiples" is not emulated/);
  assert.throws(() => planWorkflow(text.replace("node-version:", "node_version:")), /"node_version" is not emulated/);
  assert.throws(() => planWorkflow(text.replace("- run: npm install", "- working-directory: x\n        run: npm install")), /"working-directory" is not emulated/);
});

test("a misspelt #SBATCH option is refused", () => {
  const text = example("slurm-array.sh");
  assert.deepEqual(planSlurm(text).tasks, [0, 1, 2, 3]);
  assert.throws(() => planSlurm(text.replace("--cpus-per-task", "--cpu-per-task")), /--cpu-per-task is not an sbatch option/);
});

// ---------------------------------------------------------------- Node 22 LTS

test("the examples run on Node 22 LTS: setup-node asks for 22, the image is built from node:22-slim", () => {
  const versions = planWorkflow(example("github-actions.yml")).jobs.flatMap((job) => job.steps.filter((step) => step.uses?.startsWith("actions/setup-node@") === true).map((step) => String(step.with["node-version"])));
  assert.deepEqual(versions, ["22", "22"]);
  assert.match(example("kubernetes-indexed-job.yaml"), /^#\s+FROM node:22-slim$/m);
  assert.match(example("slurm-array.sh"), /Node 22 LTS/);
});

// ---------------------------------------------------------------- end to end

const FIXTURE = repoPath("fixtures", "sales.csv");

/** CSV text without its TT_Sec column (the one value that depends on the machine's load). */
function withoutTime(csv: string): string {
  const lines = csv.split("\n");
  const at = lines[0].split(",").indexOf("TT_Sec");
  return lines.map((line) => line.split(",").filter((_, j) => j !== at).join(",")).join("\n");
}

/** The grid a single run of the examples' command gives, unsharded: what every engine's merge must reproduce. */
const single = (() => {
  let grid: string | null = null;
  return (): string => {
    if (grid === null) {
      const run = runCli([FIXTURE, "--target", "churned", "--by", "region,plan", "--format", "csv", "--quiet"]);
      // Islands holds one class: its partitions are skipped, which is no failure (exit 0).
      assert.equal(run.status, 0, run.stderr);
      grid = withoutTime(run.stdout);
    }
    return grid;
  };
})();

test("the GitHub Actions workflow runs end to end: 4 shard jobs from a fresh checkout, their artifacts, then the merge job", async () => {
  const run = await runWorkflow(example("github-actions.yml"), {
    // The repository the workflow was copied into: the CSV at the input's default path.
    repository: { "sales.csv": FIXTURE },
    // Instead of automl-grid@0.1.0 from npm, a package that runs this checkout.
    overrides: { AUTOML_GRID: shimPackageDir() },
  });
  assert.deepEqual(
    run.jobs.map((job) => job.name),
    ["shard (0)", "shard (1)", "shard (2)", "shard (3)", "merge"],
  );
  assert.deepEqual([...run.artifacts.keys()].sort(), ["grid", "part-0", "part-1", "part-2", "part-3"]);
  const merge = run.jobs[4];
  assert.deepEqual(listFiles(merge.workspace), ["grid.csv", "part-0.jsonl", "part-1.jsonl", "part-2.jsonl", "part-3.jsonl", "sales.csv"]);
  const grid = run.artifacts.get("grid")?.get("grid.csv")?.toString("utf8") ?? "";
  assert.equal(withoutTime(grid), single());
});

test("the Kubernetes Indexed Job runs end to end on a fresh volume: 4 pods with JOB_COMPLETION_INDEX, then the merge Job", async () => {
  // A fresh ReadWriteMany volume holding only the CSV the user copied there.
  const volume = tempFiles();
  copyFileSync(FIXTURE, join(volume, "sales.csv"));
  const pods = await runKubernetesJob(example("kubernetes-indexed-job.yaml"), { "automl-grid-data": volume });
  assert.deepEqual(
    pods.map((pod) => [pod.index, pod.code]),
    [0, 1, 2, 3].map((index) => [index, 0]),
    pods.map((pod) => pod.stderr).join("\n"),
  );
  const [merge] = await runKubernetesJob(example("kubernetes-merge-job.yaml"), { "automl-grid-data": volume });
  assert.equal(merge.code, 0, merge.stderr);
  assert.equal(merge.index, null);
  assert.deepEqual(listFiles(volume), ["grid.csv", ...[0, 1, 2, 3].map((i) => join("parts", `part-${i}.jsonl`)), "sales.csv"]);
  assert.equal(withoutTime(readFileSync(join(volume, "grid.csv"), "utf8")), single());
});

test("a pod that does not create /data/parts fails on a fresh volume, naming the directory (the bug the example had)", async () => {
  const text = example("kubernetes-indexed-job.yaml");
  assert.ok(text.includes("mkdir -p /data/parts;"));
  const volume = tempFiles();
  copyFileSync(FIXTURE, join(volume, "sales.csv"));
  const [pod] = await runKubernetesJob(text.replace("mkdir -p /data/parts;", "").replace("completions: 4", "completions: 1"), { "automl-grid-data": volume });
  assert.notEqual(pod.code, 0);
  assert.match(pod.stderr, /automl-grid: error: .*parts/);
});

test("the Slurm array runs end to end: 4 tasks with Slurm's array variables, logs beside the CSV, then the --wrap merge", async () => {
  const submitDir = tempFiles();
  // The user's CSV, named by $CSV (sbatch passes the submitting environment on).
  mkdirSync(join(submitDir, "data"));
  copyFileSync(FIXTURE, join(submitDir, "data", "sales-2026.csv"));
  const env = { ...machineEnv(), PATH: `${shimBinDir()}:${process.env.PATH ?? ""}`, CSV: "data/sales-2026.csv" };
  const jobId = 4242;
  const tasks = await runSlurmArray(repoPath("examples", "slurm-array.sh"), { submitDir, jobId, env });
  assert.deepEqual(
    tasks.map((task) => [task.task, task.code]),
    [0, 1, 2, 3].map((task) => [task, 0]),
    tasks.map((task) => `${task.log}: ${task.stderr}${task.stdout}`).join("\n"),
  );
  const command = slurmWrapCommand(example("slurm-array.sh"), "slurm-array.sh", jobId);
  assert.equal(command, "automl-grid merge parts-4242/part-*.jsonl --format csv --out grid-4242.csv || [ $? -eq 1 ]");
  const merge = await runSlurmWrap(command, { submitDir, jobId: jobId + 4, env });
  assert.equal(merge.code, 0, merge.stdout);
  assert.deepEqual(listFiles(submitDir), [
    ...[0, 1, 2, 3].map((i) => `automl-grid-4242-${i}.log`),
    join("data", "sales-2026.csv"),
    "grid-4242.csv",
    ...[0, 1, 2, 3].map((i) => join("parts-4242", `part-${i}.jsonl`)),
    "slurm-4246.out",
  ]);
  assert.equal(withoutTime(readFileSync(join(submitDir, "grid-4242.csv"), "utf8")), single());
});

test("a Slurm --output in a directory nothing creates fails every task (the bug the example had)", async () => {
  const submitDir = tempFiles();
  const script = join(tempFiles(), "slurm-array.sh");
  writeFileSync(script, example("slurm-array.sh").replace("--output=automl-grid-%A-%a.log", "--output=logs/shard-%a.log"));
  const tasks = await runSlurmArray(script, { submitDir, jobId: 7, env: machineEnv() });
  assert.ok(tasks.every((task) => task.code !== 0 && /logs\/shard-\d\.log: its directory does not exist/.test(task.stderr)));
  assert.equal(existsSync(join(submitDir, "logs")), false);
});

import { spawn } from "node:child_process";
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { repoPath, tempFiles } from "../helpers.js";
import { parseYaml } from "./exampleSchemas.js";

/**
 * Just enough of three batch engines to run the examples end to end on this machine: the
 * commands exactly as the files write them, in empty directories, with the variables each engine
 * sets. What an engine would do that the examples do not use is refused (an unknown step key,
 * action input or #SBATCH option throws), so a misspelt key fails here instead of being ignored.
 */

type Doc = Record<string, unknown>;

function object(value: unknown, where: string): Doc {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`${where}: expected a mapping`);
  return value as Doc;
}

function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where}: expected a list`);
  return value;
}

function scalar(value: unknown, where: string): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  throw new Error(`${where}: expected a string`);
}

/** Refuses keys this emulation does not implement: it would otherwise run something else than the engine. */
function only(doc: Doc, keys: readonly string[], where: string): void {
  for (const key of Object.keys(doc)) {
    if (!keys.includes(key)) throw new Error(`${where}: "${key}" is not emulated by this test (known: ${keys.join(", ")})`);
  }
}

export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to its end; with `output`, stdout and stderr both go to that file (as a batch engine's log). */
function runProcess(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; output?: string }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const fd = options.output === undefined ? null : openSync(options.output, "w");
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", fd ?? "pipe", fd ?? "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (fd !== null) closeSync(fd);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `task(item)` for every item, at most `limit` at a time, results in the items' order. */
async function pooled<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const at = next++;
      results[at] = await task(items[at]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}

/** The environment of a fresh machine: this one's, without what `npm test` added (npm_* would steer a nested npm). */
export function machineEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

const SHIMS = tempFiles();

/** A directory whose `automl-grid` runs this checkout's bin/automl-grid.js: the command as installed in an image or on a cluster. */
export function shimBinDir(): string {
  const dir = join(SHIMS, "bin");
  if (!existsSync(dir)) {
    mkdirSync(dir);
    const quote = (path: string): string => `'${path.replace(/'/g, `'\\''`)}'`;
    writeFileSync(join(dir, "automl-grid"), `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(repoPath("bin", "automl-grid.js"))} "$@"\n`, { mode: 0o755 });
  }
  return dir;
}

/** A package folder that `npm install -g` installs as `automl-grid`, running this checkout's bin/automl-grid.js. */
export function shimPackageDir(): string {
  const dir = join(SHIMS, "package");
  if (!existsSync(dir)) {
    mkdirSync(dir);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "automl-grid", version: "0.0.0-test", type: "module", bin: { "automl-grid": "automl-grid.js" } }));
    writeFileSync(join(dir, "automl-grid.js"), `#!/usr/bin/env node\nimport ${JSON.stringify(pathToFileURL(repoPath("bin", "automl-grid.js")).href)};\n`);
    chmodSync(join(dir, "automl-grid.js"), 0o755);
  }
  return dir;
}

// ---------------------------------------------------------------- GitHub Actions

/** The inputs each emulated action implements, as its action.yml names them. */
const ACTIONS: Record<string, readonly string[]> = {
  "actions/checkout": [],
  "actions/setup-node": ["node-version"],
  "actions/upload-artifact": ["name", "path", "if-no-files-found", "retention-days"],
  "actions/download-artifact": ["name", "pattern", "merge-multiple", "path"],
};

interface Step {
  readonly uses: string | null;
  readonly with: Doc;
  readonly run: string | null;
  readonly env: Doc;
}

interface Job {
  readonly id: string;
  readonly needs: readonly string[];
  readonly matrix: readonly Doc[];
  readonly env: Doc;
  readonly steps: readonly Step[];
}

export interface Workflow {
  readonly env: Doc;
  readonly inputs: Doc;
  readonly jobs: readonly Job[];
}

/** Every combination of a matrix's lists (no include/exclude: refused). */
function combinations(matrix: Doc, where: string): Doc[] {
  let out: Doc[] = [{}];
  for (const [key, values] of Object.entries(matrix)) {
    if (key === "include" || key === "exclude") throw new Error(`${where}.${key} is not emulated by this test`);
    out = out.flatMap((combo) => array(values, `${where}.${key}`).map((value) => ({ ...combo, [key]: value })));
  }
  return out;
}

/** Reads a workflow into the jobs this emulation can run, refusing anything it would not run faithfully. */
export function planWorkflow(text: string): Workflow {
  const { value, problems } = parseYaml(text);
  if (problems.length > 0) throw new Error(problems.join("; "));
  const root = object(value, "workflow");
  only(root, ["name", "on", "env", "jobs"], "workflow");
  // `on: workflow_dispatch` and `on: [push, workflow_dispatch]` have no inputs; only the mapping form can.
  const on = typeof root.on === "string" || Array.isArray(root.on) ? {} : object(root.on, "on");
  const dispatch = object(on.workflow_dispatch ?? {}, "on.workflow_dispatch");
  const inputs: Doc = {};
  for (const [name, input] of Object.entries(object(dispatch.inputs ?? {}, "on.workflow_dispatch.inputs"))) {
    inputs[name] = object(input, `inputs.${name}`).default ?? "";
  }
  const jobs = Object.entries(object(root.jobs, "jobs")).map(([id, raw]): Job => {
    const where = `jobs.${id}`;
    const job = object(raw, where);
    only(job, ["name", "runs-on", "needs", "strategy", "env", "steps"], where);
    const strategy = object(job.strategy ?? {}, `${where}.strategy`);
    only(strategy, ["fail-fast", "matrix"], `${where}.strategy`);
    const needs = job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs.map((need) => scalar(need, `${where}.needs`)) : [scalar(job.needs, `${where}.needs`)];
    const steps = array(job.steps, `${where}.steps`).map((rawStep, i): Step => {
      const at = `${where}.steps[${i}]`;
      const step = object(rawStep, at);
      only(step, ["name", "uses", "with", "run", "env"], at);
      const uses = step.uses === undefined ? null : scalar(step.uses, `${at}.uses`);
      const inputsOf = object(step.with ?? {}, `${at}.with`);
      if (uses !== null) {
        const action = uses.replace(/@.*$/, "");
        const known = ACTIONS[action];
        if (known === undefined) throw new Error(`${at}: ${uses} is not emulated by this test`);
        only(inputsOf, known, `${at}.with (${uses})`);
      }
      return { uses, with: inputsOf, run: step.run === undefined ? null : scalar(step.run, `${at}.run`), env: object(step.env ?? {}, `${at}.env`) };
    });
    return { id, needs, matrix: combinations(object(strategy.matrix ?? {}, `${where}.strategy.matrix`), `${where}.strategy.matrix`), env: object(job.env ?? {}, `${where}.env`), steps };
  });
  return { env: object(root.env ?? {}, "env"), inputs, jobs };
}

/** Replaces `${{ matrix.x }}` and `${{ inputs.x }}` as GitHub does; any other expression is refused. */
function expand(text: string, contexts: { matrix: Doc; inputs: Doc }, where: string): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    const match = /^(matrix|inputs)\.([A-Za-z_][\w-]*)$/.exec(expression);
    if (match === null) throw new Error(`${where}: the expression \${{ ${expression} }} is not emulated by this test`);
    const value = contexts[match[1] as "matrix" | "inputs"][match[2]];
    if (value === undefined) throw new Error(`${where}: ${expression} is not defined`);
    return scalar(value, where);
  });
}

function expandAll(doc: Doc, contexts: { matrix: Doc; inputs: Doc }, where: string): Record<string, string> {
  return Object.fromEntries(Object.entries(doc).map(([key, value]) => [key, expand(scalar(value, `${where}.${key}`), contexts, `${where}.${key}`)]));
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
}

export interface JobRun {
  /** The job id with its matrix values, as GitHub names it: `shard (0)`. */
  readonly name: string;
  readonly workspace: string;
  /** One entry per `run:` step, in order. */
  readonly runs: readonly Ran[];
}

export interface WorkflowRun {
  readonly jobs: readonly JobRun[];
  /** Uploaded artifacts: name -> (path in the artifact -> content). */
  readonly artifacts: ReadonlyMap<string, ReadonlyMap<string, Buffer>>;
}

/**
 * Runs a workflow_dispatch with its inputs' defaults: jobs in `needs` order, matrix combinations
 * side by side, each in a fresh workspace where actions/checkout puts `repository` and `npm
 * install -g` installs into a prefix of its own (setup-node's node is on PATH there). `overrides`
 * replace workflow env values, as a user editing them would. A failed step fails the run.
 */
export async function runWorkflow(text: string, options: { repository: Record<string, string>; overrides?: Record<string, string> }): Promise<WorkflowRun> {
  const workflow = planWorkflow(text);
  const artifacts = new Map<string, Map<string, Buffer>>();
  const runs: JobRun[] = [];
  const done = new Set<string>();
  let pending = [...workflow.jobs];
  while (pending.length > 0) {
    const ready = pending.filter((job) => job.needs.every((need) => done.has(need)));
    if (ready.length === 0) throw new Error(`jobs ${pending.map((job) => job.id).join(", ")} need jobs that never run`);
    const finished = await Promise.all(ready.flatMap((job) => job.matrix.map((matrix) => runJob(job, matrix, workflow, artifacts, options))));
    runs.push(...finished);
    for (const job of ready) done.add(job.id);
    pending = pending.filter((job) => !ready.includes(job));
  }
  return { jobs: runs, artifacts };
}

async function runJob(job: Job, matrix: Doc, workflow: Workflow, artifacts: Map<string, Map<string, Buffer>>, options: { repository: Record<string, string>; overrides?: Record<string, string> }): Promise<JobRun> {
  const name = Object.keys(matrix).length === 0 ? job.id : `${job.id} (${Object.values(matrix).map((value) => scalar(value, job.id)).join(", ")})`;
  const contexts = { matrix, inputs: workflow.inputs };
  const root = tempFiles();
  const workspace = join(root, "workspace");
  const prefix = join(root, "node");
  mkdirSync(workspace);
  const base = machineEnv();
  const env: NodeJS.ProcessEnv = {
    ...base,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: root,
    // setup-node's node: its global prefix is where npm install -g puts packages, on PATH.
    npm_config_prefix: prefix,
    PATH: `${join(prefix, "bin")}:${base.PATH ?? ""}`,
    ...expandAll(workflow.env, { matrix: {}, inputs: workflow.inputs }, "env"),
    ...expandAll(job.env, contexts, `${job.id}.env`),
  };
  const ran: Ran[] = [];
  for (const [i, step] of job.steps.entries()) {
    const where = `${name}, step ${i + 1}`;
    const inputs = expandAll(step.with, contexts, `${where}.with`);
    if (step.uses !== null) {
      runAction(step.uses.replace(/@.*$/, ""), inputs, workspace, artifacts, options.repository, where);
      continue;
    }
    const script = expand(step.run ?? "", contexts, where);
    const file = join(root, `step-${i + 1}.sh`);
    writeFileSync(file, script);
    // GitHub's default shell on Linux: bash -e {0}.
    const result = await runProcess("bash", ["-e", file], { cwd: workspace, env: { ...env, ...expandAll(step.env, contexts, where), ...options.overrides } });
    ran.push(result);
    if (result.code !== 0) throw new Error(`${where} (${script.trim()}) exited ${result.code}:\n${result.stderr}`);
  }
  return { name, workspace, runs: ran };
}

function runAction(action: string, inputs: Record<string, string>, workspace: string, artifacts: Map<string, Map<string, Buffer>>, repository: Record<string, string>, where: string): void {
  switch (action) {
    case "actions/checkout":
      for (const [file, source] of Object.entries(repository)) copyFileSync(source, join(workspace, file));
      return;
    case "actions/setup-node":
      // This machine's node stands in for the requested one; the test checks the version asked for.
      return;
    case "actions/upload-artifact": {
      const path = inputs.path ?? "";
      if (/[*?\n]/.test(path)) throw new Error(`${where}: upload-artifact path "${path}": only one plain path is emulated`);
      const name = inputs.name ?? "artifact";
      if (artifacts.has(name)) throw new Error(`${where}: an artifact named ${name} was already uploaded (artifacts are immutable)`);
      const file = join(workspace, path);
      if (!existsSync(file)) {
        if ((inputs["if-no-files-found"] ?? "warn") === "error") throw new Error(`${where}: no files found at ${path}`);
        return;
      }
      if (!statSync(file).isFile()) throw new Error(`${where}: only files are emulated, ${path} is a directory`);
      artifacts.set(name, new Map([[basename(path), readFileSync(file)]]));
      return;
    }
    case "actions/download-artifact": {
      const chosen = inputs.name !== undefined ? [inputs.name] : [...artifacts.keys()].filter((name) => globToRegExp(inputs.pattern ?? "*").test(name));
      const into = join(workspace, inputs.path ?? ".");
      for (const name of chosen) {
        const files = artifacts.get(name);
        if (files === undefined) throw new Error(`${where}: no artifact named ${name}`);
        // One named artifact, or merge-multiple, lands in the path itself; otherwise each in a folder named after it.
        const dir = inputs.name !== undefined || inputs["merge-multiple"] === "true" ? into : join(into, name);
        mkdirSync(dir, { recursive: true });
        for (const [file, content] of files) writeFileSync(join(dir, file), content);
      }
      return;
    }
    default:
      throw new Error(`${where}: ${action} is not emulated by this test`);
  }
}

// ---------------------------------------------------------------- Kubernetes

export interface PodRun extends Ran {
  /** JOB_COMPLETION_INDEX, or null for a Job that is not Indexed. */
  readonly index: number | null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Runs a batch/v1 Job's pods: for an Indexed Job one per completion index with
 * JOB_COMPLETION_INDEX set, `parallelism` at a time; otherwise one. Each runs its container's
 * command + args with the container's env, PATH = the image's (`shimBinDir()` first) and each
 * PersistentVolumeClaim mounted at its mountPath: the mountPath in the command and env is
 * replaced by the claim's directory in `claims`.
 */
export async function runKubernetesJob(text: string, claims: Record<string, string>): Promise<PodRun[]> {
  const { value, problems } = parseYaml(text);
  if (problems.length > 0) throw new Error(problems.join("; "));
  const spec = object(object(value, "manifest").spec, "spec");
  only(spec, ["completionMode", "completions", "parallelism", "backoffLimit", "template"], "spec");
  const pod = object(object(spec.template, "spec.template").spec, "spec.template.spec");
  only(pod, ["restartPolicy", "containers", "volumes"], "spec.template.spec");
  const volumes = new Map<string, string>();
  for (const [i, raw] of array(pod.volumes ?? [], "volumes").entries()) {
    const volume = object(raw, `volumes[${i}]`);
    only(volume, ["name", "persistentVolumeClaim"], `volumes[${i}]`);
    const claim = scalar(object(volume.persistentVolumeClaim, `volumes[${i}].persistentVolumeClaim`).claimName, `volumes[${i}].claimName`);
    const dir = claims[claim];
    if (dir === undefined) throw new Error(`no directory for the claim ${claim}`);
    volumes.set(scalar(volume.name, `volumes[${i}].name`), dir);
  }
  const containers = array(pod.containers, "containers");
  if (containers.length !== 1) throw new Error("only one container per pod is emulated");
  const container = object(containers[0], "containers[0]");
  only(container, ["name", "image", "resources", "env", "command", "args", "volumeMounts"], "containers[0]");
  const mounts = array(container.volumeMounts ?? [], "volumeMounts").map((raw, i) => {
    const mount = object(raw, `volumeMounts[${i}]`);
    only(mount, ["name", "mountPath"], `volumeMounts[${i}]`);
    const dir = volumes.get(scalar(mount.name, `volumeMounts[${i}].name`));
    if (dir === undefined) throw new Error(`volumeMounts[${i}]: no volume named ${String(mount.name)}`);
    return { path: scalar(mount.mountPath, `volumeMounts[${i}].mountPath`), dir };
  });
  // A mount path as a whole path component: /data and /data/x, not /database.
  const mapPaths = (text: string): string => mounts.reduce((out, mount) => out.replace(new RegExp(`${escapeRegExp(mount.path)}(?=/|$|[^\\w.-])`, "g"), mount.dir), text);
  const argv = [...array(container.command ?? [], "command"), ...array(container.args ?? [], "args")].map((arg, i) => mapPaths(scalar(arg, `command/args[${i}]`)));
  if (argv.length === 0) throw new Error("the container has no command (the image's entrypoint is not emulated)");
  const env: Record<string, string> = {};
  for (const [i, raw] of array(container.env ?? [], "env").entries()) {
    const entry = object(raw, `env[${i}]`);
    only(entry, ["name", "value"], `env[${i}]`);
    env[scalar(entry.name, `env[${i}].name`)] = mapPaths(scalar(entry.value, `env[${i}].value`));
  }
  const indexed = spec.completionMode === "Indexed";
  const completions = Number(spec.completions ?? 1);
  const indices = indexed ? Array.from({ length: completions }, (_, i) => i) : [null];
  // The image's own environment: its PATH (with automl-grid installed) and HOME.
  const image = { PATH: `${shimBinDir()}:${process.env.PATH ?? ""}`, HOME: process.env.HOME ?? "/root" };
  return pooled(indices, Number(spec.parallelism ?? 1), async (index) => {
    const cwd = tempFiles();
    const indexEnv = index === null ? {} : { JOB_COMPLETION_INDEX: String(index) };
    const result = await runProcess(argv[0], argv.slice(1), { cwd, env: { ...image, ...indexEnv, ...env } });
    return { index, ...result };
  });
}

// ---------------------------------------------------------------- Slurm

/** sbatch options the emulation knows; it implements --array, --cpus-per-task, --output and --job-name, and passes the others by. */
const SBATCH = ["job-name", "array", "cpus-per-task", "mem", "time", "output", "partition", "nodes", "ntasks"];

export interface SlurmPlan {
  readonly options: ReadonlyMap<string, string>;
  readonly tasks: readonly number[];
}

/** Reads a batch script's #SBATCH lines, as sbatch does: those before the first command. */
export function planSlurm(text: string): SlurmPlan {
  const options = new Map<string, string>();
  for (const line of text.split("\n").slice(1)) {
    if (line.trim() !== "" && !line.startsWith("#")) break;
    const match = /^#SBATCH\s+--([\w-]+)(?:=(\S+))?/.exec(line);
    if (match === null) continue;
    if (!SBATCH.includes(match[1])) throw new Error(`#SBATCH --${match[1]} is not an sbatch option this test knows (${SBATCH.join(", ")})`);
    options.set(match[1], match[2] ?? "");
  }
  const range = /^(\d+)-(\d+)(?:%\d+)?$/.exec(options.get("array") ?? "");
  if (range === null) throw new Error(`#SBATCH --array=${options.get("array") ?? ""}: only a range A-B is emulated`);
  const tasks = Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i);
  return { options, tasks };
}

/** A Slurm file name pattern: %A array job id, %a task id, %j job id, %x job name. */
function slurmFileName(pattern: string, ids: { array: number; task: number; job: number; name: string }): string {
  return pattern.replace(/%([Aajx%])/g, (_, code: string) => ({ A: String(ids.array), a: String(ids.task), j: String(ids.job), x: ids.name, "%": "%" })[code] ?? "");
}

export interface TaskRun extends Ran {
  readonly task: number;
  /** The task's log file (its stdout and stderr). */
  readonly log: string;
}

/**
 * Runs a job array as Slurm does, every task at once: a copy of the script executed by its
 * #! line in the submit directory, with the submitter's environment plus SLURM_ARRAY_JOB_ID,
 * SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT/MIN/MAX, SLURM_JOB_ID, SLURM_CPUS_PER_TASK and
 * SLURM_SUBMIT_DIR, its output in --output's file. Slurm does not create that file's directory:
 * a task whose log cannot be opened fails without running, and so it does here.
 */
export async function runSlurmArray(script: string, options: { submitDir: string; jobId: number; env: NodeJS.ProcessEnv }): Promise<TaskRun[]> {
  const text = readFileSync(script, "utf8");
  const plan = planSlurm(text);
  const spool = tempFiles();
  const copy = join(spool, "slurm_script");
  writeFileSync(copy, text, { mode: 0o755 });
  const name = plan.options.get("job-name") ?? basename(script);
  const cpus = plan.options.get("cpus-per-task");
  return Promise.all(
    plan.tasks.map(async (task, i): Promise<TaskRun> => {
      const ids = { array: options.jobId, task, job: options.jobId + i, name };
      const log = join(options.submitDir, slurmFileName(plan.options.get("output") ?? "slurm-%A_%a.out", ids));
      if (!existsSync(dirname(log))) return { task, log, code: 1, stdout: "", stderr: `cannot open ${relative(options.submitDir, log)}: its directory does not exist` };
      const env: NodeJS.ProcessEnv = {
        ...options.env,
        SLURM_JOB_ID: String(ids.job),
        SLURM_JOB_NAME: name,
        SLURM_ARRAY_JOB_ID: String(options.jobId),
        SLURM_ARRAY_TASK_ID: String(task),
        SLURM_ARRAY_TASK_COUNT: String(plan.tasks.length),
        SLURM_ARRAY_TASK_MIN: String(plan.tasks[0]),
        SLURM_ARRAY_TASK_MAX: String(plan.tasks[plan.tasks.length - 1]),
        SLURM_SUBMIT_DIR: options.submitDir,
        ...(cpus === undefined ? {} : { SLURM_CPUS_PER_TASK: cpus }),
      };
      const result = await runProcess(copy, [], { cwd: options.submitDir, env, output: log });
      return { task, log, ...result, stdout: readFileSync(log, "utf8") };
    }),
  );
}

/**
 * The follow-up job that a script's header submits with `sbatch --dependency=...:$jobid --wrap
 * "..."`, after `jobid=$(sbatch --parsable <script>)`: the wrapped command with $jobid as the
 * submitting shell expands it inside the double quotes.
 */
export function slurmWrapCommand(text: string, scriptName: string, jobId: number): string {
  const submit = /#\s+(\w+)=\$\(sbatch --parsable (\S+)\)/.exec(text);
  if (submit === null) throw new Error("no `jobid=$(sbatch --parsable ...)` line in the header");
  if (basename(submit[2]) !== scriptName) throw new Error(`the header submits ${submit[2]}, not ${scriptName}`);
  const variable = submit[1];
  const wrap = new RegExp(`#\\s+sbatch --dependency=after\\w*:\\$${variable} --wrap "([^"]*)"`).exec(text);
  if (wrap === null) throw new Error(`no \`sbatch --dependency=...:$${variable} --wrap "..."\` line in the header`);
  const expanded = wrap[1].replace(new RegExp(`(?<!\\\\)\\$\\{?${variable}\\}?`, "g"), String(jobId));
  if (/(?<!\\)\$/.test(expanded)) throw new Error(`the wrapped command expands a variable this test does not know: ${expanded}`);
  // Inside double quotes the shell keeps \$ as a literal $ (for the job's own shell to expand).
  return expanded.replace(/\\\$/g, "$");
}

/** Runs a --wrap job: sbatch wraps the command in a #!/bin/sh script; its output goes to slurm-<job id>.out. */
export async function runSlurmWrap(command: string, options: { submitDir: string; jobId: number; env: NodeJS.ProcessEnv }): Promise<TaskRun> {
  const copy = join(tempFiles(), "slurm_script");
  writeFileSync(copy, `#!/bin/sh\n${command}\n`, { mode: 0o755 });
  const log = join(options.submitDir, `slurm-${options.jobId}.out`);
  const env = { ...options.env, SLURM_JOB_ID: String(options.jobId), SLURM_SUBMIT_DIR: options.submitDir };
  const result = await runProcess(copy, [], { cwd: options.submitDir, env, output: log });
  return { task: 0, log, ...result, stdout: readFileSync(log, "utf8") };
}

/** Files in a directory, recursively, as paths relative to it (sorted). */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => statSync(join(dir, path)).isFile())
    .sort();
}

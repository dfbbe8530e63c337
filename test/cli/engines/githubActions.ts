import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { tempFiles } from "../../helpers.js";
import { parseYaml } from "./schemas.js";
import { array, machineEnv, object, only, runProcess, scalar, type Doc, type Ran } from "./common.js";

/**
 * Just enough of a GitHub Actions runner to run examples/github-actions.yml on this machine:
 * the `run:` steps exactly as written, in a fresh workspace per job, with the matrix and input
 * values GitHub substitutes, and the four actions the workflow uses done by hand. Anything the
 * emulation does not implement (a step key, an action input, an expression) is refused, so a
 * misspelt key fails the test instead of being ignored.
 */

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
    const needs = (job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]).map((need) => scalar(need, `${where}.needs`));
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
      const run = step.run === undefined ? null : scalar(step.run, `${at}.run`);
      return { uses, with: inputsOf, run, env: object(step.env ?? {}, `${at}.env`) };
    });
    const matrix = combinations(object(strategy.matrix ?? {}, `${where}.strategy.matrix`), `${where}.strategy.matrix`);
    return { id, needs, matrix, env: object(job.env ?? {}, `${where}.env`), steps };
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
type Artifacts = Map<string, Map<string, Buffer>>;

export interface WorkflowOptions {
  /** Files that actions/checkout puts in each workspace: name -> source path. */
  readonly repository: Record<string, string>;
  /** Env values that replace the workflow's. */
  readonly overrides?: Record<string, string>;
}

export async function runWorkflow(text: string, options: WorkflowOptions): Promise<WorkflowRun> {
  const workflow = planWorkflow(text);
  const artifacts: Artifacts = new Map();
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

async function runJob(job: Job, matrix: Doc, workflow: Workflow, artifacts: Artifacts, options: WorkflowOptions): Promise<JobRun> {
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
    const stepEnv = { ...env, ...expandAll(step.env, contexts, where), ...options.overrides };
    const result = await runProcess("bash", ["-e", file], { cwd: workspace, env: stepEnv });
    ran.push(result);
    if (result.code !== 0) throw new Error(`${where} (${script.trim()}) exited ${result.code}:\n${result.stderr}`);
  }
  return { name, workspace, runs: ran };
}

function runAction(action: string, inputs: Record<string, string>, workspace: string, artifacts: Artifacts, repository: Record<string, string>, where: string): void {
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

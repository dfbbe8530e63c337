import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { tempFiles } from "../../helpers.js";
import { runProcess, type Ran } from "./common.js";

/**
 * Just enough of Slurm to run examples/slurm-array.sh on this machine: sbatch's reading of the
 * #SBATCH lines, the array tasks with the variables Slurm sets, their logs, and the --wrap job
 * the script's header submits after them.
 */

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

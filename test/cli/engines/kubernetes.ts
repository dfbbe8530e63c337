import { tempFiles } from "../../helpers.js";
import { array, object, only, pooled, runProcess, scalar, shimBinDir, type Ran } from "./common.js";
import { parseYaml } from "./schemas.js";

/**
 * Just enough of Kubernetes to run examples/kubernetes-*.yaml on this machine: each pod's
 * container command as written, with the env Kubernetes gives it and its volumes mapped to
 * directories. Any key the emulation does not implement is refused.
 */

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

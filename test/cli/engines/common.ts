import { spawn } from "node:child_process";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoPath, tempFiles } from "../../helpers.js";

/**
 * What the three engine emulations share: readers for parsed YAML that name the key they
 * expected, a process runner, and the stand-ins for an installed automl-grid.
 */

export type Doc = Record<string, unknown>;

export function object(value: unknown, where: string): Doc {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`${where}: expected a mapping`);
  return value as Doc;
}

export function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where}: expected a list`);
  return value;
}

export function scalar(value: unknown, where: string): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  throw new Error(`${where}: expected a string`);
}

/** Refuses keys this emulation does not implement: it would otherwise run something else than the engine. */
export function only(doc: Doc, keys: readonly string[], where: string): void {
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
export function runProcess(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; output?: string }): Promise<Ran> {
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
export async function pooled<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
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

/** Files in a directory, recursively, as paths relative to it (sorted). */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => statSync(join(dir, path)).isFile())
    .sort();
}

import { randomBytes } from "node:crypto";
import { accessSync, closeSync, constants, openSync, realpathSync, rmSync, statSync, type Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { writeFileAtomic, writeTarget } from "../report/writeFileAtomic.js";

/** A path with its directory's links resolved, for a file that may not exist yet. */
function canonicalPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** A file's identity, or undefined for a path that leads nowhere (ENOENT, ENOTDIR, EACCES, ...). */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Whether two paths name one file: the same inode (a hard link, a symlink, `./x.csv` for `x.csv`),
 * or, for files not written yet, the same place once links are resolved.
 */
export function sameFile(a: string, b: string): boolean {
  const sa = statOrUndefined(a);
  const sb = statOrUndefined(b);
  if (sa !== undefined && sb !== undefined) return sa.dev === sb.dev && sa.ino === sb.ino;
  return sa === undefined && sb === undefined && canonicalPath(a) === canonicalPath(b);
}

/** Refuses a file that the run would write over one it reads: the data would be gone. */
export function checkNotInput(option: string, path: string | null, inputs: readonly string[]): void {
  if (path === null) return;
  const input = inputs.find((name) => name !== "-" && sameFile(path, name));
  if (input !== undefined) throw new UsageError(`${option} ${path}: names the input file ${input}; write to another file`);
}

/**
 * Fails fast, before any scoring, when `option`'s file cannot be written: a missing or read-only
 * directory found only after an hour of fitting would lose the hour. Permission bits do not stop
 * root, so the directory is probed by creating (and removing) a file in it.
 */
export function checkWritablePath(option: string, path: string): void {
  const target = writeTarget(path);
  if (target.inPlace) {
    // Written in place (writeFileAtomic): what matters is whether we may write to it.
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      throw new UsageError(`${option} ${path}: cannot write to it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    return;
  }
  const directory = dirname(target.file);
  let kind: "directory" | "other" | "missing";
  try {
    kind = statSync(directory).isDirectory() ? "directory" : "other";
  } catch {
    // ENOENT, or ENOTDIR when a file stands where a directory should be on the way there.
    kind = "missing";
  }
  if (kind === "missing") throw new UsageError(`${option} ${path}: directory ${directory} does not exist`);
  if (kind === "other") throw new UsageError(`${option} ${path}: ${directory} is not a directory`);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${option} ${path}: is a directory`);
  const probe = join(directory, `.${basename(path)}.probe-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    closeSync(openSync(probe, "wx"));
  } catch (error) {
    throw new UsageError(`${option} ${path}: cannot write in ${directory} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  rmSync(probe, { force: true });
}

/** Every check --out gets before any file is read: not an input, and a directory we can write in. */
export function checkOutPath(out: string | null, inputs: readonly string[]): void {
  if (out === null) return;
  checkNotInput("--out", out, inputs);
  checkWritablePath("--out", out);
}

/** The grid to stdout, or to --out whole or not at all; a failed write is one line, exit 2. */
export function writeOutput(out: string | null, text: string, stdout: NodeJS.WritableStream): void {
  if (out === null) {
    try {
      stdout.write(text);
    } catch (error) {
      // A file or device behind stdout is written synchronously, so a full disk throws here;
      // a pipe's errors arrive later, as the stream's "error" event (bin/automl-grid.js).
      throw new UsageError(`stdout: cannot write (${errorCode(error)})`);
    }
    return;
  }
  try {
    writeFileAtomic(out, text);
  } catch (error) {
    throw new UsageError(`--out ${out}: cannot write (${errorCode(error)})`);
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}

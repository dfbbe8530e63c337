import { randomBytes } from "node:crypto";
import { lstatSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Writes the whole text or nothing: to a temp file beside the target (same filesystem, so the
 * rename is atomic), then renamed over it. A reader never sees half a grid, and the write is
 * synchronous, so a SIGINT handler (which runs on the event loop) cannot land in the middle of it.
 */
export function writeFileAtomic(path: string, text: string): void {
  const target = writeTarget(path);
  if (target.inPlace) {
    // A device, a FIFO or /dev/stdout cannot be replaced by a rename (as root, renaming over
    // /dev/null or /dev/stdout would put a regular file in its place): it is written in place,
    // in one write, appending, so that `--out /dev/stdout >> log` keeps the log.
    writeFileSync(path, text, { flag: "a" });
    return;
  }
  const temp = join(dirname(target.file), `.${basename(target.file)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, target.file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Where a write to a path lands: in place, or renamed over `file`. */
export type WriteTarget = { readonly inPlace: true } | { readonly inPlace: false; readonly file: string };

/**
 * In place for what must never be replaced: anything that exists under /dev or /proc (/dev/null,
 * a process's own descriptors /dev/stdout and /dev/fd/1, whatever file they lead to) and anything
 * that is neither a regular file nor a directory (a FIFO, a socket, a device elsewhere). Otherwise the
 * file renamed over is the path with its links resolved, so that a link stays a link and the
 * file it leads to gets the grid.
 */
export function writeTarget(path: string): WriteTarget {
  const absolute = resolve(path);
  try {
    const stats = statSync(path);
    if (!stats.isFile() && !stats.isDirectory()) return { inPlace: true };
    if (absolute.startsWith("/dev/") || absolute.startsWith("/proc/")) return { inPlace: true };
    return { inPlace: false, file: lstatSync(path).isSymbolicLink() ? realpathSync(path) : path };
  } catch {
    // Missing, or not reachable (ENOTDIR, EACCES): the caller's own checks say what is wrong. A
    // link to a file not written yet leads there all the same.
    return { inPlace: false, file: danglingLinkTarget(path) ?? path };
  }
}

function danglingLinkTarget(path: string): string | null {
  try {
    return lstatSync(path).isSymbolicLink() ? resolve(dirname(path), readlinkSync(path)) : null;
  } catch {
    return null;
  }
}

import { randomBytes } from "node:crypto";
import { renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Writes the whole text or nothing: to a temp file beside the target (same filesystem, so the
 * rename is atomic), then renamed over it. A reader never sees half a grid, and the write is
 * synchronous, so a SIGINT handler (which runs on the event loop) cannot land in the middle of it.
 */
export function writeFileAtomic(path: string, text: string): void {
  if (isStreamFile(path)) {
    // A device, a FIFO or /dev/stdout cannot be replaced by a rename (as root, renaming over
    // /dev/null would put a regular file in its place): it is written in place, in one write.
    writeFileSync(path, text);
    return;
  }
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Whether path leads (through any links) to something that exists and is neither a regular file
 * nor a directory: a character device such as /dev/null, a FIFO, a socket, the pipe behind
 * /dev/stdout. Such a path is written in place, never replaced.
 */
export function isStreamFile(path: string): boolean {
  try {
    const stats = statSync(path);
    return !stats.isFile() && !stats.isDirectory();
  } catch {
    // Missing, or not reachable (ENOTDIR, EACCES): the caller's own checks say what is wrong.
    return false;
  }
}

import { randomBytes } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Writes the whole text or nothing: to a temp file beside the target (same filesystem, so the
 * rename is atomic), then renamed over it. A reader never sees half a grid, and the write is
 * synchronous, so a SIGINT handler (which runs on the event loop) cannot land in the middle of it.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

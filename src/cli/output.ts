import { statSync } from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "../errors.js";
import { writeFileAtomic } from "../report/writeFileAtomic.js";

/**
 * Fails fast, before any scoring, when --out cannot be written: a missing directory found only
 * after an hour of fitting would lose the hour.
 */
export function checkOutPath(out: string | null): void {
  if (out === null) return;
  const directory = dirname(out);
  let kind: "directory" | "other" | "missing";
  try {
    kind = statSync(directory).isDirectory() ? "directory" : "other";
  } catch {
    // ENOENT, or ENOTDIR when a file stands where a directory should be on the way there.
    kind = "missing";
  }
  if (kind === "missing") throw new UsageError(`--out ${out}: directory ${directory} does not exist`);
  if (kind === "other") throw new UsageError(`--out ${out}: ${directory} is not a directory`);
  if (statSync(out, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--out ${out}: is a directory`);
}

/** The grid to stdout, or to --out whole or not at all; a failed write is one line, exit 2. */
export function writeOutput(out: string | null, text: string, stdout: NodeJS.WritableStream): void {
  if (out === null) {
    stdout.write(text);
    return;
  }
  try {
    writeFileAtomic(out, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`--out ${out}: cannot write (${code})`);
  }
}

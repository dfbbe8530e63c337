import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { InputError, UsageError } from "../errors.js";
import type { PartitionResult } from "../evaluate/grid.js";
import type { RunJournal } from "../resumeRun.js";
import { journalManifestLine, journalResultLine, parseJournal, type Journal } from "../report/journal.js";
import { optionDifference, type RunMetadata } from "../report/runMetadata.js";
import { writeFileAtomic } from "../report/writeFileAtomic.js";
import { checkWritablePath } from "./output.js";

export interface JournalFile extends RunJournal {
  close(): void;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}

/** Writes the whole buffer (a regular file may take it in more than one write) and flushes it to disk. */
function appendDurably(fd: number, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  fsyncSync(fd);
}

/**
 * The --resume file, before the input is read: an existing journal is read now (a file that is not
 * a journal is refused before any work), a new one only has its directory probed; the journal's
 * run is checked against this one's in begin(), once the input is read and the options resolved. The file is written from begin() on: a new journal gets its manifest atomically, so it
 * is never there without one; an existing one loses the line a kill cut short. `warn` hears about
 * a journal that can no longer be appended to: the run goes on, only the safety net is gone.
 */
export function openJournal(path: string, warn: (message: string) => void): JournalFile {
  let bytes: Buffer | null = null;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = errorCode(error);
    if (code === "EISDIR") throw new UsageError(`--resume ${path}: is a directory`);
    // A path that leads nowhere is a new journal; checkWritablePath below says what is wrong with it.
    if (code !== "ENOENT" && code !== "ENOTDIR") throw new UsageError(`--resume ${path}: cannot read (${code})`);
  }
  let journal: Journal | null = null;
  let fd: number | null = null;
  // Lines end at the last newline; what follows is a line cut short, dropped before appending.
  const complete = bytes === null ? 0 : bytes.lastIndexOf(0x0a) + 1;
  if (bytes === null) {
    checkWritablePath("--resume", path);
  } else {
    journal = parseJournal(path, bytes.subarray(0, complete).toString("utf8"));
  }

  const close = (): void => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  return {
    name: path,
    begin(metadata: RunMetadata): readonly PartitionResult[] | null {
      if (journal === null) {
        try {
          writeFileAtomic(path, journalManifestLine(metadata));
          fd = openSync(path, "a");
          fsyncSync(fd);
        } catch (error) {
          throw new UsageError(`--resume ${path}: cannot write (${errorCode(error)})`);
        }
        return null;
      }
      if (journal.manifest.fingerprint !== metadata.fingerprint) {
        throw new InputError(`--resume ${path}: the journal was made from another input file (its sha256 differs)`);
      }
      const mismatch = optionDifference(journal.manifest, metadata, true);
      if (mismatch !== null) throw new UsageError(`--resume ${path}: the journal was made with ${mismatch}; use the same options or another journal file`);
      try {
        fd = openSync(path, "a");
      } catch (error) {
        throw new UsageError(`--resume ${path}: cannot write (${errorCode(error)})`);
      }
      if (fd !== null && bytes !== null && complete < bytes.length) ftruncateSync(fd, complete);
      return journal.results;
    },
    record(result: PartitionResult): void {
      if (fd === null) return;
      try {
        appendDurably(fd, journalResultLine(result));
      } catch (error) {
        close();
        warn(`--resume ${path}: cannot append to the journal (${errorCode(error)}); the run goes on without it`);
      }
    },
    close,
  };
}

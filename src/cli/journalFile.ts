import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { InputError, UsageError } from "../errors.js";
import type { PartitionResult } from "../evaluate/grid.js";
import type { RunJournal } from "../resumeRun.js";
import { journalManifestLine, journalResultLine, parseJournal, type Journal } from "../report/journal.js";
import { optionDifference, type RunMetadata } from "../report/runMetadata.js";
import { writeFileAtomic } from "../report/writeFileAtomic.js";
import { checkWritablePath } from "./output.js";

export interface JournalFile extends RunJournal {
  /** Writes what a held journal kept back (see openJournal), then closes it; nothing for one written as the run goes. */
  commit(): void;
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
 *
 * `hold` keeps every write back until commit(): for a table without --by, whose one partition is
 * its whole result, so that a table that cannot be scored (exit 2) leaves no journal behind and
 * an existing one as it was; a kill loses nothing a journal would have kept.
 */
export function openJournal(path: string, warn: (message: string) => void, hold = false): JournalFile {
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
  /** A new journal gets its manifest (and `lines`) atomically; an existing one loses a cut line, then gets `lines`. */
  const start = (metadata: RunMetadata, lines: string): void => {
    if (journal === null) {
      writeFileAtomic(path, journalManifestLine(metadata) + lines);
      fd = openSync(path, "a");
      fsyncSync(fd);
      return;
    }
    fd = openSync(path, "a");
    if (bytes !== null && complete < bytes.length) ftruncateSync(fd, complete);
    if (lines !== "") appendDurably(fd, lines);
  };
  // While held: the run's metadata once begin() has checked it, and the result lines recorded since.
  let held: { metadata: RunMetadata; lines: string[] } | null = null;
  return {
    name: path,
    begin(metadata: RunMetadata): readonly PartitionResult[] | null {
      if (journal !== null) {
        if (journal.manifest.fingerprint !== metadata.fingerprint) {
          throw new InputError(`--resume ${path}: the journal was made from another input file (its sha256 differs)`);
        }
        const mismatch = optionDifference(journal.manifest, metadata, true);
        if (mismatch !== null) throw new UsageError(`--resume ${path}: the journal was made with ${mismatch}; use the same options or another journal file`);
      }
      if (hold) held = { metadata, lines: [] };
      else {
        try {
          start(metadata, "");
        } catch (error) {
          throw new UsageError(`--resume ${path}: cannot write (${errorCode(error)})`);
        }
      }
      return journal === null ? null : journal.results;
    },
    record(result: PartitionResult): void {
      if (held !== null) {
        held.lines.push(journalResultLine(result));
        return;
      }
      if (fd === null) return;
      try {
        appendDurably(fd, journalResultLine(result));
      } catch (error) {
        close();
        warn(`--resume ${path}: cannot append to the journal (${errorCode(error)}); the run goes on without it`);
      }
    },
    commit(): void {
      if (held === null) return;
      const { metadata, lines } = held;
      held = null;
      try {
        start(metadata, lines.join(""));
      } catch (error) {
        warn(`--resume ${path}: cannot write the journal (${errorCode(error)}); the grid is written without it`);
      }
      close();
    },
    close,
  };
}

import { readFileSync, readlinkSync } from "node:fs";

/** O_ACCMODE and O_RDWR on Linux: the access mode in /proc/<pid>/fdinfo's octal flags. */
const ACCESS_MODE = 0o3;
const READ_WRITE = 0o2;

/**
 * Whether this process started with fd 1 closed (`automl-grid ... >&-`). Node does not leave a
 * closed fd 0-2 closed: at start-up it opens /dev/null read-write in its place (so that the next
 * file opened cannot become stdout), and the grid would then vanish with exit 0. A shell's
 * `> /dev/null` opens it write-only, so the access mode tells the two apart. Read from /proc, so
 * Linux only; elsewhere, or if /proc cannot be read, the answer is false and nothing changes.
 * A program that hands us a read-write /dev/null on purpose (Node's stdio "ignore", Python's
 * subprocess.DEVNULL) looks the same, and is told the same: the grid would be lost there too.
 */
export function stdoutWasClosed(): boolean {
  try {
    if (readlinkSync("/proc/self/fd/1") !== "/dev/null") return false;
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync("/proc/self/fdinfo/1", "utf8"));
    return flags !== null && (parseInt(flags[1], 8) & ACCESS_MODE) === READ_WRITE;
  } catch {
    return false;
  }
}

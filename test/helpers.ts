import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCsv } from "../src/data/readCsv.js";
import type { Table } from "../src/data/table.js";

/** The repository root, from a compiled test under dist/test/. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export function repoPath(...parts: string[]): string {
  return join(ROOT, ...parts);
}

const made: string[] = [];
process.on("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp directory with the given files written into it; removed when the test file ends. */
export function tempFiles(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "automl-grid-test-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

import { spawnSync } from "node:child_process";

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real binary, as a user would, and captures everything. */
export function runCli(args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}): CliRun {
  const result = spawnSync(process.execPath, [repoPath("bin", "automl-grid.js"), ...args], {
    input: options.input,
    encoding: "utf8",
    env: { ...process.env, ...options.env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The row objects of a `--format json` grid (the grid's metadata sits beside them under "automl_grid"). */
export function jsonRows<Row = Record<string, unknown>>(stdout: string): Row[] {
  return (JSON.parse(stdout) as { rows: Row[] }).rows;
}

/** The row objects of a `--format jsonl` grid, its first line (the run's metadata) left out. */
export function jsonlRows<Row = Record<string, unknown>>(text: string): Row[] {
  return text
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((line) => JSON.parse(line) as Row);
}

/** A CSV read whole into a table, as the run reads it (one dialect, trimmed cells). */
export async function readTable(path: string): Promise<Table> {
  let header: readonly string[] = [];
  const rows: string[][] = [];
  await readCsv(path, { onHeader: (names) => (header = names), onRow: (cells) => rows.push(cells) });
  return { header, rows };
}

/**
 * Runs a command and measures its wall time and the peak resident memory of its whole process
 * tree (the command plus every descendant: our child processes, joblib's workers), by summing
 * VmRSS over the tree from /proc every 50 ms. Linux only; the same method for both sides.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface Measurement {
  readonly seconds: number;
  readonly peakMegabytes: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function processTable(): Map<number, { ppid: number; rssKb: number }> {
  const table = new Map<number, { ppid: number; rssKb: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      table.set(Number(entry), { ppid, rssKb });
    } catch {
      // Gone while we looked.
    }
  }
  return table;
}

function treeRssKb(root: number): number {
  const table = processTable();
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += table.get(pid)?.rssKb ?? 0;
    for (const [child, info] of table) if (info.ppid === pid) stack.push(child);
  }
  return total;
}

export function measure(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Measurement> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, [...args], { stdio: ["ignore", "pipe", "pipe"], env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    let peakKb = 0;
    const timer = setInterval(() => {
      peakKb = Math.max(peakKb, treeRssKb(child.pid as number));
    }, 50);
    child.on("close", (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ seconds, peakMegabytes: peakKb / 1024, code, stdout, stderr });
    });
  });
}

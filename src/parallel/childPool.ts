import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { WorkerMessage, WorkRequest } from "./messages.js";

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

/**
 * V8's options for the children. With a child on every core, V8's helper threads (concurrent
 * compilation, parallel and concurrent GC) find no idle core and only take turns with the
 * children: single-threaded children ran the census-shaped table 5% faster on 2 workers (24.5
 * against 25.9 s, five alternated runs), while one worker, whose helpers have the other core,
 * keeps them (45.9 against 44.7 s without). See BENCHMARKS.md.
 */
export function childExecArgv(workers: number, cores: number, inherited: readonly string[]): string[] {
  return workers >= cores && !inherited.includes("--single-threaded") ? [...inherited, "--single-threaded"] : [...inherited];
}

function forkWorker(execArgv: readonly string[]): ChildProcess {
  return fork(WORKER, [], { serialization: "advanced", stdio: ["ignore", "ignore", "inherit", "ipc"], execArgv: [...execArgv] });
}

/**
 * Children forked before the pool needs them, so that loading their modules (0.2-0.45 s a
 * child) overlaps the parent's reading of the file instead of following it. At most one per
 * core (forks beyond the cores would only slow the reading down), started with the options of a
 * pool of `workers` children; a pool takes them as they are, and `release` kills those it did
 * not take (the run asked for fewer children, or ended before scoring).
 */
export class SpareChildren {
  private readonly children: ChildProcess[];

  constructor(workers: number, cores: number = availableParallelism()) {
    const count = Math.max(0, Math.min(workers, cores));
    const execArgv = childExecArgv(workers, cores, process.execArgv);
    this.children = Array.from({ length: count }, () => {
      const child = forkWorker(execArgv);
      // A spare that fails to start is found dead when taken and replaced by a fresh fork.
      child.on("error", () => undefined);
      return child;
    });
  }

  /** A spare still alive and connected, or undefined when none is left. */
  take(): ChildProcess | undefined {
    for (let child = this.children.shift(); child !== undefined; child = this.children.shift()) {
      if (child.connected && child.exitCode === null && child.signalCode === null) return child;
      child.kill("SIGKILL");
    }
    return undefined;
  }

  release(): void {
    for (const child of this.children.splice(0)) child.kill("SIGKILL");
  }
}

/** Tries per unit of work: the first, and one retry on a fresh child if a child dies. */
export const MAX_ATTEMPTS = 2;

export class AbortedError extends Error {
  constructor(readonly reason: string) {
    super(`aborted (${reason})`);
  }
}

/** A child's answer to a unit: anything but a progress tick. */
export type UnitAnswer = Exclude<WorkerMessage, { type: "fit" }>;

/**
 * The scheduler that owns the units: the child pool only runs them. Answers and deaths go back
 * to it; it says when the run is complete. M is the source's record of what one child keeps
 * from the requests it was sent (rows it holds prepared), one per child, which the source reads
 * and updates.
 */
export interface UnitSource<U, M> {
  /** Units waiting: how many children to start, and whether a child that died is replaced. */
  pending(): number;
  /** A fresh child's memory: it holds nothing yet. */
  memory(): M;
  /** The next unit for the child whose memory is `mine`, knowing what the others at work hold. */
  take(mine: M, others: readonly M[]): U | undefined;
  /** The message for a unit; `memory` is this child's, which the source updates. */
  request(unit: U, id: number, memory: M): WorkRequest;
  answered(unit: U, answer: UnitAnswer): void;
  /** The child scoring `unit` died (`how`: its signal or exit code). */
  died(unit: U, how: string): void;
  complete(): boolean;
  onFit?(): void;
}

/**
 * Runs a source's units on up to `workers` child processes, one unit per child at a time, until
 * the source is complete; then stops every child. A message is matched to its unit by id, so an
 * answer to a unit given up on is dropped. Rejects with AbortedError when the signal fires (every
 * child killed), or with a child's spawn error. Children are taken from `spares` while it has
 * some, then forked.
 */
export function runChildPool<U, M>(workers: number, source: UnitSource<U, M>, signal?: AbortSignal, spares?: SpareChildren): Promise<void> {
  // Each live child and what it keeps.
  const children = new Map<ChildProcess, M>();
  let nextId = 0;
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      for (const child of children.keys()) child.kill("SIGKILL");
      children.clear();
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = (): void => settle(new AbortedError(String(signal?.reason ?? "abort")));
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) return onAbort();
    if (source.complete()) return settle();

    const count = Math.max(1, Math.min(workers, source.pending()));
    const execArgv = childExecArgv(count, availableParallelism(), process.execArgv);
    const startChild = (): void => {
      const child = spares?.take() ?? forkWorker(execArgv);
      const memory = source.memory();
      children.set(child, memory);
      let current: { readonly unit: U; readonly id: number } | null = null;
      const next = (): void => {
        const others = [...children].filter(([other]) => other !== child).map(([, kept]) => kept);
        const unit = source.take(memory, others);
        if (unit === undefined) {
          current = null;
          children.delete(child);
          child.disconnect();
          // Nothing left to hand out, no child at work, and the source still waiting: a bug,
          // which ends the run with an error instead of leaving it waiting for ever.
          if (children.size === 0 && !source.complete()) settle(new Error("the child pool ran out of work before the run was complete"));
          return;
        }
        current = { unit, id: nextId++ };
        // A child that died unseen (a spare killed while the parent was busy, before its exit was
        // handled) fails the send: the kill makes sure its exit comes, and with it the unit's retry.
        child.send(source.request(unit, current.id, memory), (error) => {
          if (error) child.kill("SIGKILL");
        });
      };
      child.on("message", (message: WorkerMessage) => {
        if (settled || current === null || message.id !== current.id) return;
        if (message.type === "fit") {
          source.onFit?.();
          return;
        }
        const { unit } = current;
        current = null;
        source.answered(unit, message);
        if (source.complete()) return settle();
        next();
      });
      child.on("exit", (code, exitSignal) => {
        children.delete(child);
        if (settled || current === null) return;
        const { unit } = current;
        current = null;
        source.died(unit, exitSignal !== null ? `signal ${exitSignal}` : `exit code ${code}`);
        if (source.complete()) return settle();
        if (source.pending() > 0) startChild();
      });
      child.on("error", (error) => settle(error));
      next();
    };
    for (let w = 0; w < count; w++) startChild();
  });
}

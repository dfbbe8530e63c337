import assert from "node:assert/strict";
import { test } from "node:test";
import { once } from "node:events";
import { AbortedError, childExecArgv, runChildPool, SpareChildren, type UnitSource } from "../../src/parallel/childPool.js";

/** A source with no units that is never complete: what a scheduler bug would look like. */
function starved(): UnitSource<number, null> {
  return {
    pending: () => 0,
    memory: () => null,
    take: () => undefined,
    request: () => {
      throw new Error("no unit should be requested");
    },
    answered: () => undefined,
    died: () => undefined,
    complete: () => false,
  };
}

test("a source still waiting when no unit is left and no child is at work ends the run with an error, not a hang", async () => {
  await assert.rejects(runChildPool(2, starved()), /ran out of work before the run was complete/);
});

test("a signal already aborted rejects with AbortedError before any child starts", async () => {
  const controller = new AbortController();
  controller.abort("SIGINT");
  await assert.rejects(runChildPool(2, starved(), controller.signal), (error) => error instanceof AbortedError && error.reason === "SIGINT");
});

test("a source complete from the start resolves without work", async () => {
  await runChildPool(2, { ...starved(), complete: () => true });
});

test("children run single-threaded only when there is one on every core; the parent's own flags pass on", () => {
  assert.deepEqual(childExecArgv(2, 2, []), ["--single-threaded"]);
  assert.deepEqual(childExecArgv(4, 2, ["--max-old-space-size=900"]), ["--max-old-space-size=900", "--single-threaded"]);
  assert.deepEqual(childExecArgv(1, 2, ["--max-old-space-size=900"]), ["--max-old-space-size=900"]);
  assert.deepEqual(childExecArgv(2, 8, []), []);
  assert.deepEqual(childExecArgv(2, 2, ["--single-threaded"]), ["--single-threaded"]);
});

test("spare children start one per core at most, and release kills those not taken", async () => {
  const spares = new SpareChildren(5, 2);
  const first = spares.take();
  const second = spares.take();
  assert.ok(first !== undefined && first.connected && second !== undefined && second.connected);
  assert.equal(spares.take(), undefined, "two cores: two spares");
  first.kill("SIGKILL");
  second.kill("SIGKILL");
  await Promise.all([once(first, "exit"), once(second, "exit")]);

  const released = new SpareChildren(2, 2);
  // The children are private to the class; the test watches them exit.
  const exits = released["children"].map((child) => once(child, "exit"));
  released.release();
  assert.deepEqual((await Promise.all(exits)).map(([, signal]) => signal), ["SIGKILL", "SIGKILL"]);
  assert.equal(released.take(), undefined);
});

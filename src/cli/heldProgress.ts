import type { RunEvents } from "../index.js";
import type { Progress } from "./progress.js";

/**
 * A single table's progress, held back: a table that cannot be scored ends the run with exit 2
 * and one error line, which a note or a "table done (failed: ...)" line printed before it would
 * make two. Released in order when the table was scored, or once the run has gone on for
 * `seconds` (the heartbeat's interval): by then the heartbeat prints lines of its own, and a long
 * run's user learns the task and the columns' types while it runs, not minutes later. From then
 * on events pass straight through.
 */
export function heldBack(progress: Progress, seconds: number): { events: RunEvents; release(): void; discard(): void } {
  let held: (() => void)[] | null = [];
  const show = (event: () => void): void => (held === null ? event() : void held.push(event));
  const release = (): void => {
    clearTimeout(timer);
    const pending = held ?? [];
    held = null;
    for (const event of pending) event();
  };
  // Unref'd: it never keeps a finished run alive.
  const timer = setTimeout(release, seconds * 1000);
  timer.unref();
  return {
    events: {
      partitionsFound: (total) => progress.partitionsFound?.(total),
      fit: () => progress.fit?.(),
      note: (message) => show(() => progress.note?.(message)),
      partitionDone: (result, finished, total) => show(() => progress.partitionDone?.(result, finished, total)),
    },
    release,
    /** The table was refused: what was held is never shown, and the timer never fires. */
    discard: () => {
      clearTimeout(timer);
      held = [];
    },
  };
}

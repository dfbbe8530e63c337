import type { RunEvents } from "../index.js";
import type { Progress } from "./progress.js";

/**
 * A single table's progress, held back until it is known to be scorable: a table that cannot be
 * scored ends the run with exit 2 and one error line, which a note or a "table done (failed:
 * ...)" line printed before it would make two. The first fitted model says the table passed
 * preparation, so the notes then go out (a long run's user learns the task and the columns'
 * types while it runs, not minutes later); the table's own line waits for its result.
 */
export function heldBack(progress: Progress): { events: RunEvents; release(): void } {
  let notes: string[] | null = [];
  const done: (() => void)[] = [];
  const releaseNotes = (): void => {
    for (const message of notes ?? []) progress.note?.(message);
    notes = null;
  };
  return {
    events: {
      partitionsFound: (total) => progress.partitionsFound?.(total),
      fit: () => {
        releaseNotes();
        progress.fit?.();
      },
      note: (message) => (notes === null ? progress.note?.(message) : void notes.push(message)),
      partitionDone: (result, finished, total) => void done.push(() => progress.partitionDone?.(result, finished, total)),
    },
    release: () => {
      releaseNotes();
      for (const show of done.splice(0)) show();
    },
  };
}

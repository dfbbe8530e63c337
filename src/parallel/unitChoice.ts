/** Where a unit's work lies: its partition, and for a unit of a split partition its fold. */
export interface UnitPlace {
  readonly partition: number;
  /** null: the whole partition. */
  readonly fold: number | null;
}

/** What a child keeps prepared: a split partition's rows and, of it, the encoded rows of the fold it last scored. */
export interface Holding {
  partition: number | null;
  fold: number | null;
}

const holds = (holding: Holding, unit: UnitPlace): boolean => unit.fold !== null && holding.partition === unit.partition && holding.fold === unit.fold;

/**
 * The index in `queue` of the unit a child takes next, or -1 when the queue is empty. A child
 * pays a fold's preparation (its encoding and scaling) for the first model it scores there, so it
 * keeps to the fold it holds; then it takes, in queue order, the first unit of a fold that no
 * other child holds, or a whole partition; when only other children's folds are left, it takes
 * the last unit of the one with the most units queued, so that a partition's last fold is shared
 * instead of leaving this child idle until it ends.
 */
export function chooseUnit(queue: readonly UnitPlace[], mine: Holding, others: readonly Holding[]): number {
  const own = queue.findIndex((unit) => holds(mine, unit));
  if (own >= 0) return own;
  const free = queue.findIndex((unit) => !others.some((other) => holds(other, unit)));
  if (free >= 0 || queue.length === 0) return free;
  const queued = new Map<string, { count: number; last: number }>();
  queue.forEach((unit, u) => {
    const name = `${unit.partition} ${unit.fold}`;
    const entry = queued.get(name);
    if (entry === undefined) queued.set(name, { count: 1, last: u });
    else {
      entry.count++;
      entry.last = u;
    }
  });
  let pick = { count: 0, last: -1 };
  for (const entry of queued.values()) if (entry.count > pick.count) pick = entry;
  return pick.last;
}

/** Where a unit's work lies: its partition, and for a unit of a split partition its fold and model. */
export interface UnitPlace {
  readonly partition: number;
  /** null: the whole partition. */
  readonly fold: number | null;
  /** null: every model. */
  readonly model?: number | null;
}

/** What a child keeps prepared: a split partition's rows and, of it, the encoded rows of the fold it last scored. */
export interface Holding {
  partition: number | null;
  fold: number | null;
}

/** A unit's expected cost, only compared with other units' (larger: longer); every unit costs the same by default. */
export type UnitCost = (unit: UnitPlace) => number;

const holds = (holding: Holding, unit: UnitPlace): boolean => unit.fold !== null && holding.partition === unit.partition && holding.fold === unit.fold;

/** The index of the unit among `indices` that `better` prefers, the first in queue order on ties. */
function pick(indices: readonly number[], costs: readonly number[], better: (a: number, b: number) => boolean): number {
  let best = indices[0];
  for (const u of indices) if (better(costs[u], costs[best])) best = u;
  return best;
}

const larger = (a: number, b: number): boolean => a > b;
const notLarger = (a: number, b: number): boolean => a <= b;

/**
 * The index in `queue` of the unit a child takes next, or -1 when the queue is empty. A child
 * pays a fold's preparation (its encoding and scaling) for the first model it scores there, so it
 * keeps to the fold it holds, taking its costliest unit first; then it takes, in queue order, a
 * fold that no other child holds (its costliest unit), or a whole partition; when only other
 * children's folds are left, it takes the cheapest unit (the last on ties) of the one with the
 * most units queued, so that a partition's last fold is shared instead of leaving this child
 * idle until it ends. Costliest first within a fold and cheapest for the helper leave cheap
 * units to the end, where the two children meet: the run's last unit is short, so neither
 * child waits long for the other.
 */
export function chooseUnit(queue: readonly UnitPlace[], mine: Holding, others: readonly Holding[], cost: UnitCost = () => 0): number {
  if (queue.length === 0) return -1;
  const costs = queue.map(cost);
  const fold = (unit: UnitPlace): number[] => queue.flatMap((other, u) => (other.fold !== null && other.partition === unit.partition && other.fold === unit.fold ? [u] : []));
  const own = queue.findIndex((unit) => holds(mine, unit));
  if (own >= 0) return pick(fold(queue[own]), costs, larger);
  const free = queue.findIndex((unit) => !others.some((other) => holds(other, unit)));
  if (free >= 0) return queue[free].fold === null ? free : pick(fold(queue[free]), costs, larger);
  const queued = new Map<string, number[]>();
  queue.forEach((unit, u) => {
    const name = `${unit.partition} ${unit.fold}`;
    const units = queued.get(name);
    if (units === undefined) queued.set(name, [u]);
    else units.push(u);
  });
  let most: number[] = [];
  for (const units of queued.values()) if (units.length > most.length) most = units;
  return pick(most, costs, notLarger);
}

import { compareKeys, type PartitionKey } from "./partitionKey.js";

/** `--shard I/N`: this run scores shard I of the N that shardAssignment makes. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** A partition as the assignment sees it: its key and its work, counted in rows. */
export interface PartitionSize {
  readonly key: PartitionKey;
  readonly rows: number;
}

/**
 * The shard of each partition (result[i] for partitions[i]), balancing rows across `count`
 * shards by longest processing time first: the largest partition goes to the lightest shard so
 * far. Sizes tie by key order and loads by shard index, so the result depends only on the keys
 * and their row counts, never on the order they are handed in: every shard of a run, reading the
 * same file, computes the same assignment on its own.
 *
 * The heaviest shard is at most 4/3 - 1/(3N) times the best possible (Graham, 1969), and at most
 * max(largest partition, ideal share + (1 - 1/N) x the (N+1)-th largest partition): a partition
 * placed on a shard that already holds one started below the ideal share. With many small
 * partitions that is within a few percent of the ideal share.
 */
export function shardAssignment(partitions: readonly PartitionSize[], count: number): Uint32Array {
  const order = partitions.map((_, i) => i);
  order.sort((a, b) => partitions[b].rows - partitions[a].rows || compareKeys(partitions[a].key, partitions[b].key));
  const shards = new Uint32Array(partitions.length);
  const lightest = new ShardHeap(count);
  for (const i of order) shards[i] = lightest.add(partitions[i].rows);
  return shards;
}

/** The shards' loads as a binary min-heap ordered by (load, index): the lightest shard in log N. */
class ShardHeap {
  private readonly load: Float64Array;
  private readonly heap: Uint32Array;

  constructor(count: number) {
    this.load = new Float64Array(count);
    this.heap = Uint32Array.from({ length: count }, (_, i) => i);
  }

  private lighter(a: number, b: number): boolean {
    return this.load[a] < this.load[b] || (this.load[a] === this.load[b] && a < b);
  }

  /** Puts `rows` on the lightest shard and returns that shard. */
  add(rows: number): number {
    const { heap } = this;
    const shard = heap[0];
    this.load[shard] += rows;
    // The root only grew: sift it down.
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && this.lighter(heap[right], heap[left]) ? right : left;
      if (!this.lighter(heap[child], heap[at])) break;
      [heap[at], heap[child]] = [heap[child], heap[at]];
      at = child;
    }
    return shard;
  }
}

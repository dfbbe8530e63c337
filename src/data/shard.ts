import { hashSeed } from "../stats/hashSeed.js";
import { keyId, type PartitionKey } from "./partitionKey.js";

/** `--shard I/N`: this run scores the partitions whose key hashes to I modulo N. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * The shard a partition belongs to. The hash reads the key's JSON text code unit by code unit,
 * so it depends only on the key: not on the machine, Node's version or the row order.
 */
export function shardOf(key: PartitionKey, count: number): number {
  return hashSeed(0, "shard", keyId(key)) % count;
}

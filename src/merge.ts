import { keyId } from "./data/partitionKey.js";
import { InputError } from "./errors.js";
import type { GridRow, PartitionResult } from "./evaluate/grid.js";
import { METRIC_IDS } from "./evaluate/metrics.js";
import { MODELS } from "./models/registry.js";
import { keyColumns } from "./report/leaderboard.js";
import type { ResultOptions, ShardFile } from "./report/shardManifest.js";

export interface MergedRun {
  readonly options: ResultOptions;
  readonly results: readonly PartitionResult[];
}

function describeOptions(options: ResultOptions): string {
  return JSON.stringify(options);
}

function numberOrNaN(value: unknown): number {
  return typeof value === "number" ? value : NaN;
}

/**
 * Checks that the pieces are the shards of one run (same input fingerprint, same options, every
 * shard 0..N-1 exactly once) and rebuilds the partition results they hold, rows in registry order
 * so that sorting ties break exactly as in a single run.
 */
export function mergeShards(files: readonly ShardFile[]): MergedRun {
  if (files.length === 0) throw new InputError("merge: no shard files given");
  const [first] = files;
  const count = first.manifest.shard.count;
  const seen = new Map<number, string>();
  for (const file of files) {
    const { shard, fingerprint, options } = file.manifest;
    if (fingerprint !== first.manifest.fingerprint) {
      throw new InputError(`${file.name}: read a different input file than ${first.name} (fingerprints differ)`);
    }
    if (describeOptions(options) !== describeOptions(first.manifest.options)) {
      throw new InputError(`${file.name}: was run with other options than ${first.name}: ${describeOptions(options)} vs ${describeOptions(first.manifest.options)}`);
    }
    if (shard.count !== count) throw new InputError(`${file.name}: is shard ${shard.index}/${shard.count}, but ${first.name} is one of ${count}`);
    const other = seen.get(shard.index);
    if (other !== undefined) throw new InputError(`${file.name}: shard ${shard.index}/${count} is also in ${other}`);
    seen.set(shard.index, file.name);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new InputError(`merge: missing shard${missing.length > 1 ? "s" : ""} ${missing.join(", ")} of ${count}`);

  // The names the shard's leaderboard gave the key columns (`by_Model` for a --by Model).
  const names = keyColumns(first.manifest.options.by);
  const order = new Map(MODELS.map((model, i) => [model.name, i]));
  const partitions = new Map<string, { key: string[]; status: string; reason: string; rows: GridRow[] }>();
  for (const file of files) {
    for (const [i, record] of file.rows.entries()) {
      const key = names.map((name) => {
        const value = record[name];
        // A shard from before key columns were renamed lost its `Model` key to the model's name.
        if (typeof value !== "string") throw new InputError(`${file.name}: line ${i + 2} has no key column ${name}`);
        return value;
      });
      const id = keyId(key);
      let partition = partitions.get(id);
      if (partition === undefined) {
        partition = { key, status: String(record.status ?? "ok"), reason: String(record.reason ?? ""), rows: [] };
        partitions.set(id, partition);
      }
      if (typeof record.Model !== "string") continue;
      const metrics = Object.fromEntries(METRIC_IDS.map((id) => [id, numberOrNaN(record[id])]));
      partition.rows.push({ Model: record.Model, ...metrics, TT_Sec: numberOrNaN(record.TT_Sec) } as GridRow);
    }
  }
  const results: PartitionResult[] = [...partitions.values()].map((p) => ({
    key: p.key,
    status: p.status === "ok" ? "ok" : "failed",
    reason: p.reason,
    rows: p.rows.sort((a, b) => (order.get(a.Model) ?? 0) - (order.get(b.Model) ?? 0)),
    notes: [],
  }));
  return { options: first.manifest.options, results };
}

import assert from "node:assert/strict";
import { test } from "node:test";
import { compareKeys, describeKey } from "../../src/data/partitionKey.js";
import { shardOf } from "../../src/data/shard.js";

test("compareKeys sorts numbers numerically, text by code units, and the missing value first", () => {
  const keys = [["10"], ["2"], ["b"], [""], ["B"], ["1.5"]];
  assert.deepEqual(
    [...keys].sort(compareKeys),
    [[""], ["1.5"], ["2"], ["10"], ["B"], ["b"]],
  );
  assert.equal(compareKeys(["a", "2"], ["a", "10"]) < 0, true);
});

test("describeKey names each key column", () => {
  assert.equal(describeKey(["region", "plan"], ["North", "basic"]), "region=North, plan=basic");
});

test("shardOf puts every key in exactly one shard in range, and depends only on the key", () => {
  const counts = new Uint32Array(4);
  for (let i = 0; i < 400; i++) {
    const shard = shardOf([`store-${i}`], 4);
    assert.ok(shard >= 0 && shard < 4);
    assert.equal(shardOf([`store-${i}`], 4), shard);
    counts[shard]++;
  }
  // A hash, not a round-robin: every shard gets a fair share of 400 keys.
  for (const count of counts) assert.ok(count > 60, `shard sizes ${counts.join(",")}`);
  // Pinned values: a change of hash would silently reshuffle users' shards.
  // The expected shards were computed by an independent Python rendering of the documented hash
  // (FNV-1a over the key's JSON text, murmur3 finaliser), not by this code.
  const keys = [["male"], ["female"], [""], ["S001"], ["North", "basic"]];
  assert.deepEqual(keys.map((k) => shardOf(k, 8)), [3, 7, 5, 2, 1]);
});

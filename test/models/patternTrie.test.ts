import assert from "node:assert/strict";
import { test } from "node:test";
import { patternTrie, type PatternTrie } from "../../src/models/patternTrie.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { rareColumns, type RareColumns } from "../../src/stats/rareColumns.js";
import { createRng } from "../../src/stats/rng.js";
import { encodedTable } from "../stats/scatterReference.js";

/** A row's binary pattern: its binary positions at their rarer value, ascending. */
function pattern(split: RareColumns, i: number): number[] {
  return [...split.entries.subarray(split.start[i], split.start[i + 1])];
}

/** The trie's definition, checked node by node: every row once, under the node of its whole pattern, rows by (pattern, index). */
function checkTrie(split: RareColumns, trie: PatternTrie): void {
  const rows = split.start.length - 1;
  const compare = (a: number, b: number): number => {
    const pa = pattern(split, a);
    const pb = pattern(split, b);
    for (let at = 0; at < pa.length && at < pb.length; at++) if (pa[at] !== pb[at]) return pa[at] - pb[at];
    return pa.length - pb.length || a - b;
  };
  assert.deepEqual([...trie.order], Array.from({ length: rows }, (_, i) => i).sort(compare));
  // Walk breadth first, children numbered together and ascending by column.
  const prefix = new Map<number, number[]>([[0, []]]);
  let covered = 0;
  for (let node = 0; node < trie.nodes; node++) {
    const own = prefix.get(node);
    assert.ok(own !== undefined, `node ${node} never reached`);
    for (let r = trie.rowFrom[node]; r < trie.rowTo[node]; r++) assert.deepEqual(pattern(split, trie.order[r]), own);
    covered += trie.rowTo[node] - trie.rowFrom[node];
    for (let c = 0; c < trie.childCount[node]; c++) {
      const child = trie.firstChild[node] + c;
      if (c > 0) assert.ok(trie.column[child] > trie.column[child - 1]);
      prefix.set(child, [...own, trie.column[child]]);
    }
  }
  assert.equal(covered, rows);
}

test("patternTrie groups every row under the node of its whole binary pattern, rows ordered by (pattern, index)", () => {
  for (const seed of [1, 2, 3]) {
    const X = encodedTable(createRng(seed), { rows: 300, numeric: 2, blocks: [5, 3, 4, 2], constant: 1, scaled: true });
    const split = rareColumns(X);
    if (split === null) return assert.fail("no split");
    checkTrie(split, patternTrie(split));
  }
});

test("patternTrie handles duplicate patterns, rows with no rare column and constant columns", () => {
  // Three binary columns; rows 0 and 3 share a pattern, row 2 has none (every column at its common value).
  const data = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
  const split = rareColumns(createMatrix(8, 3, data));
  if (split === null) return assert.fail("no split");
  checkTrie(split, patternTrie(split));
  const one = rareColumns(createMatrix(2, 2, Float64Array.from([3, 4, 3, 4])));
  if (one === null) return assert.fail("no split");
  const trie = patternTrie(one);
  assert.equal(trie.nodes, 1);
  assert.deepEqual([...trie.order], [0, 1]);
});

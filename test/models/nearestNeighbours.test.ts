import assert from "node:assert/strict";
import { test } from "node:test";
import { createMatrix } from "../../src/stats/matrix.js";
import { nearestNeighbours } from "../../src/models/nearestNeighbours.js";
import { createRng } from "../../src/stats/rng.js";

test("nearestNeighbours lists each query's k nearest rows nearest first, ties to the lower index", () => {
  const train = createMatrix(5, 1, Float64Array.from([4, -1, 1, 0, 2]));
  const query = createMatrix(2, 1, Float64Array.from([0, 3.9]));
  // From 0: row 3 (0), rows 1 and 2 (1, tied), row 4 (2). From 3.9: row 0, row 4, row 2.
  assert.deepEqual([...nearestNeighbours(train, query, 3)], [3, 1, 2, 0, 4, 2]);
});

test("nearestNeighbours gives the same neighbours in blocks of four queries as one at a time", () => {
  const rng = createRng(5);
  const train = createMatrix(50, 3, Float64Array.from({ length: 150 }, () => Math.round(rng.next() * 20)));
  const queries = createMatrix(11, 3, Float64Array.from({ length: 33 }, () => Math.round(rng.next() * 20)));
  const together = nearestNeighbours(train, queries, 5);
  for (let q = 0; q < 11; q++) {
    const alone = nearestNeighbours(train, createMatrix(1, 3, queries.data.slice(q * 3, q * 3 + 3)), 5);
    assert.deepEqual([...together.subarray(q * 5, q * 5 + 5)], [...alone], `query ${q}`);
  }
});

test("nearestNeighbours refuses a held-out row whose every distance overflows, naming the row (the scan and the pruned search)", () => {
  for (const [rows, cols] of [[20, 3], [400, 3], [400, 14]]) {
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 13;
    const train = createMatrix(rows, cols, data);
    const queryData = new Float64Array(60 * cols);
    queryData[2 * cols] = 1e200; // row 2: its squared distance to every training row is infinite
    const query = createMatrix(60, cols, queryData);
    assert.throws(() => nearestNeighbours(train, query, 5), /held-out row 2 is at an infinite distance from every training row/, `${rows} x ${cols}`);
  }
});

test("nearestNeighbours refuses a k outside 1..rows and a query of another width", () => {
  const train = createMatrix(3, 1, Float64Array.from([1, 2, 3]));
  assert.throws(() => nearestNeighbours(train, train, 0), /k must be an integer in 1..3/);
  assert.throws(() => nearestNeighbours(train, train, 4), /k must be an integer in 1..3/);
  assert.throws(() => nearestNeighbours(train, createMatrix(1, 2), 1), /fitted on 1 features, got 2/);
});

import { columnTreeNeighbours, prunedNeighbours, scannedNeighbours } from "../../src/models/nearestNeighbours.js";

/** rows x cols z-scored-like values, rounded to `grid` steps so that exact distance ties are common. */
function table(rng: ReturnType<typeof createRng>, rows: number, cols: number, grid: number, scale = 1): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const shared = rng.next() * 4 - 2; // a common factor, so that the leading directions carry most of the spread
    for (let j = 0; j < cols; j++) out[i * cols + j] = scale * Math.round((shared * (j % 3 === 0 ? 1 : 0.3) + rng.next() - 0.5) * grid) / grid;
  }
  return out;
}

test("the pruned search finds the plain scan's neighbours exactly, ties and duplicate rows included", () => {
  const rng = createRng(17);
  for (const [rows, cols, grid, k] of [[400, 12, 2, 5], [700, 23, 4, 5], [300, 40, 1, 7], [512, 16, 1000, 1], [600, 13, 3, 25]]) {
    const train = createMatrix(rows, cols, table(rng, rows, cols, grid));
    // Half the queries are training rows themselves (distance 0, and duplicates tie with them).
    const queryData = table(rng, 60, cols, grid);
    for (let q = 0; q < 30; q++) queryData.set(train.data.subarray(q * 7 * cols, (q * 7 + 1) * cols), q * cols);
    const query = createMatrix(60, cols, queryData);
    assert.deepEqual([...prunedNeighbours(train, query, k)], [...scannedNeighbours(train, query, k)], `${rows} x ${cols}, grid ${grid}, k ${k}`);
  }
});

test("the pruned search keeps ties in index order when many rows share one point (a box the tree cannot split)", () => {
  const rng = createRng(31);
  const rows = 600;
  const cols = 14;
  const data = table(rng, rows, cols, 2);
  // 120 copies of row 0 spread over the table: more rows at one point than a leaf holds.
  for (let c = 1; c <= 120; c++) data.copyWithin(c * 5 * cols, 0, cols);
  const train = createMatrix(rows, cols, data);
  const query = createMatrix(8, cols, data.slice(0, 8 * cols));
  for (const k of [1, 5, 40]) assert.deepEqual([...prunedNeighbours(train, query, k)], [...scannedNeighbours(train, query, k)], `k ${k}`);
});

test("the pruned search stays exact on huge and tiny magnitudes, where its rounding margins matter", () => {
  const rng = createRng(23);
  for (const scale of [1e150, 1e-150, 1e8]) {
    const train = createMatrix(300, 14, table(rng, 300, 14, 8, scale));
    const query = createMatrix(40, 14, table(rng, 40, 14, 8, scale));
    assert.deepEqual([...prunedNeighbours(train, query, 5)], [...scannedNeighbours(train, query, 5)], `scale ${scale}`);
  }
});

test("the tree over the columns of a narrow table (at most 8) finds the scan's neighbours exactly: ties, duplicates, huge and tiny magnitudes", () => {
  const rng = createRng(41);
  for (const [rows, cols, grid, k, scale] of [[400, 1, 2, 5, 1], [700, 3, 4, 5, 1], [300, 5, 1, 7, 1], [512, 8, 1000, 1, 1], [600, 2, 3, 25, 1], [300, 4, 8, 5, 1e150], [300, 6, 8, 5, 1e-150]]) {
    const train = createMatrix(rows, cols, table(rng, rows, cols, grid, scale));
    const queryData = table(rng, 60, cols, grid, scale);
    for (let q = 0; q < 30; q++) queryData.set(train.data.subarray(q * 7 * cols, (q * 7 + 1) * cols), q * cols);
    const query = createMatrix(60, cols, queryData);
    const label = `${rows} x ${cols}, grid ${grid}, k ${k}, scale ${scale}`;
    assert.deepEqual([...columnTreeNeighbours(train, query, k)], [...scannedNeighbours(train, query, k)], label);
    assert.deepEqual([...nearestNeighbours(train, query, k)], [...scannedNeighbours(train, query, k)], label);
  }
});

test("the tree search's WebAssembly kernel and its JavaScript loop find the scan's neighbours alike: ties, duplicates, many rows at one point, huge and tiny magnitudes, narrow tables", () => {
  const rng = createRng(53);
  const cases: [number, number, number, number, number][] = [[700, 23, 4, 5, 1], [600, 13, 3, 25, 1], [300, 40, 1, 7, 1], [512, 16, 1000, 1, 1], [300, 14, 8, 5, 1e150], [300, 14, 8, 5, 1e-150]];
  for (const [rows, cols, grid, k, scale] of cases) {
    const data = table(rng, rows, cols, grid, scale);
    // 90 copies of row 0: more rows at one point than a leaf holds.
    for (let c = 1; c <= 90; c++) data.copyWithin(c * 3 * cols, 0, cols);
    const train = createMatrix(rows, cols, data);
    const queryData = table(rng, 60, cols, grid, scale);
    for (let q = 0; q < 30; q++) queryData.set(train.data.subarray(q * 7 * cols, (q * 7 + 1) * cols), q * cols);
    const query = createMatrix(60, cols, queryData);
    const scanned = [...scannedNeighbours(train, query, k)];
    const label = `${rows} x ${cols}, grid ${grid}, k ${k}, scale ${scale}`;
    assert.deepEqual([...prunedNeighbours(train, query, k, true)], scanned, `kernel, ${label}`);
    assert.deepEqual([...prunedNeighbours(train, query, k, false)], scanned, `JavaScript, ${label}`);
  }
  for (const [rows, cols, grid, k] of [[700, 3, 4, 5], [300, 8, 2, 9], [400, 1, 2, 5]]) {
    const train = createMatrix(rows, cols, table(rng, rows, cols, grid));
    const query = createMatrix(50, cols, table(rng, 50, cols, grid));
    const scanned = [...scannedNeighbours(train, query, k)];
    assert.deepEqual([...columnTreeNeighbours(train, query, k, true)], scanned, `kernel, ${rows} x ${cols}`);
    assert.deepEqual([...columnTreeNeighbours(train, query, k, false)], scanned, `JavaScript, ${rows} x ${cols}`);
  }
});

test("nearestNeighbours takes the pruned search on wide tables and gives the scan's answer", () => {
  const rng = createRng(29);
  const train = createMatrix(800, 20, table(rng, 800, 20, 2));
  const query = createMatrix(50, 20, table(rng, 50, 20, 2));
  assert.deepEqual([...nearestNeighbours(train, query, 5)], [...scannedNeighbours(train, query, 5)]);
});

import { binaryNeighbours } from "../../src/models/binaryNeighbours.js";
import { rareColumns } from "../../src/stats/rareColumns.js";

/**
 * rows x (numeric + one-hot blocks) values, z-scored column by column as the pipeline hands them
 * to kNN: a few rounded numeric columns (ties), one-hot blocks with a dominant level and rare
 * ones, and 0/1 flag columns; duplicates of earlier rows mixed in.
 */
function oneHotTable(rng: ReturnType<typeof createRng>, rows: number, numeric: number, blocks: readonly number[], grid: number): { data: Float64Array; cols: number } {
  const cols = numeric + blocks.reduce((a, b) => a + b, 0) + 1;
  const raw = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    if (i > 10 && rng.next() < 0.15) {
      raw.copyWithin(o, Math.floor(rng.next() * i) * cols, Math.floor(rng.next() * i) * cols + cols);
      continue;
    }
    for (let j = 0; j < numeric; j++) raw[o + j] = Math.round(rng.next() * grid) / grid;
    let at = numeric;
    for (const levels of blocks) {
      const level = rng.next() < 0.6 ? 0 : Math.floor(rng.next() * levels);
      raw[o + at + level] = 1;
      at += levels;
    }
    raw[o + at] = rng.next() < 0.5 ? 1 : 0;
  }
  const data = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += raw[i * cols + j] / rows;
    let variance = 0;
    for (let i = 0; i < rows; i++) variance += (raw[i * cols + j] - mean) ** 2 / rows;
    const sd = Math.sqrt(variance) || 1;
    for (let i = 0; i < rows; i++) data[i * cols + j] = (raw[i * cols + j] - mean) / sd;
  }
  return { data, cols };
}

test("the one-hot search finds the plain scan's neighbours exactly: ties, duplicates, rare levels, any k", () => {
  const rng = createRng(31);
  const shapes: [number, number, number[], number, number][] = [
    [400, 2, [3, 5], 2, 5],
    [700, 0, [2, 8, 4], 1, 5],
    [600, 3, [12, 6, 2, 3], 3, 7],
    [300, 1, [4], 1, 1],
    [500, 4, [40, 9], 10, 25],
  ];
  for (const [rows, numeric, blocks, grid, k] of shapes) {
    const all = oneHotTable(rng, rows + 60, numeric, blocks, grid);
    const cols = all.cols;
    const train = createMatrix(rows, cols, all.data.slice(0, rows * cols));
    // Half the queries are training rows themselves (distance 0, and duplicates tie with them).
    const queryData = all.data.slice(rows * cols);
    for (let q = 0; q < 30; q++) queryData.set(train.data.subarray(q * 7 * cols, (q * 7 + 1) * cols), q * cols);
    const query = createMatrix(60, cols, queryData);
    const split = rareColumns(train);
    assert.notEqual(split, null, `${rows} rows, blocks ${blocks}`);
    if (split === null) continue;
    const label = `${rows} x ${cols}, blocks ${blocks}, k ${k}`;
    assert.deepEqual([...binaryNeighbours(train, split, query, k)], [...scannedNeighbours(train, query, k)], label);
    assert.deepEqual([...nearestNeighbours(train, query, k)], [...scannedNeighbours(train, query, k)], label);
  }
});

test("the one-hot search stays exact on huge and tiny magnitudes and on queries off the two values", () => {
  const rng = createRng(37);
  for (const scale of [1e150, 1e-150, 1e8, 1]) {
    const all = oneHotTable(rng, 360, 2, [5, 3], 4);
    const data = all.data.map((v) => v * scale);
    const train = createMatrix(300, all.cols, data.slice(0, 300 * all.cols));
    const queryData = data.slice(300 * all.cols);
    // Some query values that no training row holds in a binary column, and a NaN and an infinity.
    for (let q = 0; q < 20; q++) queryData[q * all.cols + 2 + (q % 8)] = (rng.next() - 0.5) * 3 * scale;
    queryData[21 * all.cols + 3] = NaN;
    queryData[22 * all.cols + 1] = Infinity;
    const query = createMatrix(60, all.cols, queryData);
    const split = rareColumns(train);
    if (split === null) assert.fail(`scale ${scale}: no split`);
    assert.deepEqual([...binaryNeighbours(train, split, query, 5)], [...scannedNeighbours(train, query, 5)], `scale ${scale}`);
  }
});

test("the one-hot search breaks ties between rows of different patterns by index, as the scan does", () => {
  // Raw 0/1 columns: a query one flip away from many rows ties with all of them.
  const rng = createRng(41);
  for (const [rows, cols, k] of [[300, 8, 5], [400, 12, 9], [260, 6, 1]]) {
    const train = createMatrix(rows, cols, Float64Array.from({ length: rows * cols }, () => (rng.next() < 0.3 ? 1 : 0)));
    const query = createMatrix(40, cols, Float64Array.from({ length: 40 * cols }, () => (rng.next() < 0.3 ? 1 : 0)));
    const split = rareColumns(train);
    if (split === null) assert.fail("no split");
    assert.deepEqual([...binaryNeighbours(train, split, query, k)], [...scannedNeighbours(train, query, k)], `${rows} x ${cols}, k ${k}`);
  }
});

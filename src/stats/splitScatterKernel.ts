import type { SegmentLists } from "./levelEntries.js";
import { addToF64, addToI32Local, elementAddress, F64, forRange, I32, kernelMemory, lazyModule, op, type Code, type KernelSpec } from "./wasmAssembly.js";

/**
 * splitScatter.ts's sums of a block of rows as a WebAssembly kernel: per row, its numeric
 * entries into its group's sums and lower-triangle products, then its binary columns at their
 * rarer value (its entries, from a code per segment: levelEntries.ts's SegmentLists) against the
 * numeric ones and against each other, in the order the JavaScript loops take them, so every sum
 * holds the same bits. The caller lays each block's rows out in the kernel's memory (their
 * groups, numeric entries and segment codes) and reads the sums once at the end.
 */
export interface SplitScatterKernel {
  /** Per block row r: its nn numeric entries at [r * nn..]. */
  readonly values: Float64Array;
  /** Segment s's code of block row r at [s * blockRows + r]. */
  readonly codes: Int32Array;
  readonly groups: Int32Array;
  /** The sums, in splitScatter.ts's layout (GroupSums). */
  readonly numericProducts: Float64Array;
  readonly numericSums: Float64Array;
  readonly mixed: Float64Array;
  readonly pairs: Int32Array;
  /** Adds block rows 0..rows - 1 to their groups' sums. */
  add(rows: number): void;
}

const splitScatterModule = lazyModule(() => ({ run: ADD_ROWS }));

/**
 * A kernel for blocks of up to blockRows rows of nn numeric and nb binary columns (segmented as
 * `lists` says) in `groups` groups, its sums zero; null past wasmAssembly.ts's MAX_KERNEL_BYTES.
 */
export function splitScatterKernel(groups: number, nn: number, nb: number, lists: SegmentLists, blockRows: number): SplitScatterKernel | null {
  const segments = lists.at.length;
  const productsAt = 0;
  const numericSumsAt = productsAt + groups * nn * nn * 8;
  const mixedAt = numericSumsAt + groups * nn * 8;
  const valuesAt = mixedAt + groups * nb * nn * 8;
  const pairsAt = valuesAt + blockRows * nn * 8;
  const codesAt = pairsAt + groups * nb * nb * 4;
  const groupsAt = codesAt + segments * blockRows * 4;
  const rowEntriesAt = groupsAt + blockRows * 4;
  const segmentAt = rowEntriesAt + nb * 4;
  const strideAt = segmentAt + segments * 4;
  const startsAt = strideAt + segments * 4;
  const listsAt = startsAt + lists.starts.length * 4;
  const memory = kernelMemory(listsAt + lists.lists.length * 4);
  if (memory === null) return null;
  const { exports } = new WebAssembly.Instance(splitScatterModule(), { env: { memory } });
  const run = exports.run as (...args: number[]) => void;
  const { buffer } = memory;
  new Int32Array(buffer, segmentAt, segments).set(lists.at);
  new Int32Array(buffer, strideAt, segments).set(lists.stride);
  new Int32Array(buffer, startsAt, lists.starts.length).set(lists.starts);
  new Int32Array(buffer, listsAt, lists.lists.length).set(lists.lists);
  return {
    values: new Float64Array(buffer, valuesAt, blockRows * nn),
    codes: new Int32Array(buffer, codesAt, segments * blockRows),
    groups: new Int32Array(buffer, groupsAt, blockRows),
    numericProducts: new Float64Array(buffer, productsAt, groups * nn * nn),
    numericSums: new Float64Array(buffer, numericSumsAt, groups * nn),
    mixed: new Float64Array(buffer, mixedAt, groups * nb * nn),
    pairs: new Int32Array(buffer, pairsAt, groups * nb * nb),
    add: (rows) => run(valuesAt, codesAt, groupsAt, rows, blockRows, nn, nb, productsAt, numericSumsAt, mixedAt, pairsAt, segments, segmentAt, strideAt, startsAt, listsAt, rowEntriesAt),
  };
}

// run(values, codes, groups, rows, blockRows, nn, nb, products, numericSums, mixed, pairs, segments, segmentAt, stride, starts, lists, entries)
const L = {
  values: 0,
  codes: 1,
  groups: 2,
  rows: 3,
  blockRows: 4,
  nn: 5,
  nb: 6,
  products: 7,
  numericSums: 8,
  mixed: 9,
  pairs: 10,
  segments: 11,
  segmentAt: 12,
  stride: 13,
  starts: 14,
  lists: 15,
  /** The row's entries, written from its segments' lists. */
  entries: 16,
  row: 17,
  g: 18,
  rowValues: 19,
  q: 20,
  r: 21,
  at: 22,
  e: 23,
  f: 24,
  first: 25,
  last: 26,
  b: 27,
  s: 28,
  t: 29,
  v: 30,
};

const get = (local: number): Code => [op.localGet(local)];
/** base + (index << shift): base a local, index computed by `index`. */
const scaled = (base: number, index: Code, shift: number): Code => [op.localGet(base), ...index, op.i32Const(shift), op.i32Shl, op.i32Add];
/** The i32 product of two locals, plus `plus` (a local) when given. */
const times = (a: number, b: number, plus?: number): Code => [op.localGet(a), op.localGet(b), op.i32Mul, ...(plus === undefined ? [] : [op.localGet(plus), op.i32Add])];

const numericRow: Code = [
  ...scaled(L.values, times(L.row, L.nn), 3),
  op.localSet(L.rowValues),
  ...forRange(L.q, [op.i32Const(0)], get(L.nn), [
    ...elementAddress(L.rowValues, L.q, 3),
    op.f64Load(),
    op.localSet(L.v),
    // numericSums[g nn + q] += v
    ...addToF64(scaled(L.numericSums, times(L.g, L.nn, L.q), 3), get(L.v)),
    // products[(g nn + q) nn + r] += v * values[r], r = 0..q
    ...scaled(L.products, [...times(L.g, L.nn, L.q), op.localGet(L.nn), op.i32Mul], 3),
    op.localSet(L.at),
    ...forRange(L.r, [op.i32Const(0)], get(L.q), addToF64(elementAddress(L.at, L.r, 3), [op.localGet(L.v), ...elementAddress(L.rowValues, L.r, 3), op.f64Load(), op.f64Mul]), { inclusive: true }),
  ]),
];

const rareRow: Code = forRange(L.e, get(L.first), get(L.last), [
  ...elementAddress(L.entries, L.e, 2),
  op.i32Load(),
  op.localSet(L.b),
  // mixed[(g nb + b) nn + q] += values[q]
  ...scaled(L.mixed, [...times(L.g, L.nb, L.b), op.localGet(L.nn), op.i32Mul], 3),
  op.localSet(L.at),
  ...forRange(L.q, [op.i32Const(0)], get(L.nn), addToF64(elementAddress(L.at, L.q, 3), [...elementAddress(L.rowValues, L.q, 3), op.f64Load()])),
  // pairs[(g nb + b) nb + entries[f]] += 1, f = first..e
  ...scaled(L.pairs, [...times(L.g, L.nb, L.b), op.localGet(L.nb), op.i32Mul], 2),
  op.localSet(L.at),
  ...forRange(
    L.f,
    get(L.first),
    get(L.e),
    [...scaled(L.at, [...elementAddress(L.entries, L.f, 2), op.i32Load()], 2), op.localTee(L.r), op.localGet(L.r), op.i32Load(), op.i32Const(1), op.i32Add, op.i32Store()],
    { inclusive: true },
  ),
]);

/** The row's entries: per segment s, the list of its code k for group g (at = segmentAt[s] + g stride[s] + k + 1), appended; `last` their count. */
const entryRow: Code = [
  op.i32Const(0),
  op.localSet(L.last),
  ...forRange(L.s, [op.i32Const(0)], get(L.segments), [
    ...elementAddress(L.segmentAt, L.s, 2),
    op.i32Load(),
    op.localGet(L.g),
    ...elementAddress(L.stride, L.s, 2),
    op.i32Load(),
    op.i32Mul,
    op.i32Add,
    // + the code of segment s at this row, + 1
    ...scaled(L.codes, times(L.s, L.blockRows, L.row), 2),
    op.i32Load(),
    op.i32Add,
    op.i32Const(1),
    op.i32Add,
    op.localSet(L.at),
    ...elementAddress(L.starts, L.at, 2),
    op.i32Load(4),
    op.localSet(L.first),
    ...forRange(L.t, [...elementAddress(L.starts, L.at, 2), op.i32Load()], get(L.first), [
      ...elementAddress(L.entries, L.last, 2),
      ...elementAddress(L.lists, L.t, 2),
      op.i32Load(),
      op.i32Store(),
      ...addToI32Local(L.last, [op.i32Const(1)]),
    ]),
  ]),
  op.i32Const(0),
  op.localSet(L.first),
];

const ADD_ROWS: KernelSpec = {
  params: Array.from({ length: 17 }, () => I32),
  results: [],
  locals: [
    { count: 13, type: I32 },
    { count: 1, type: F64 },
  ],
  body: forRange(L.row, [op.i32Const(0)], get(L.rows), [...elementAddress(L.groups, L.row, 2), op.i32Load(), op.localSet(L.g), ...numericRow, ...entryRow, ...rareRow]),
};

import { addToI32Local, elementAddress, F32, forRange, I32, kernelMemory, lazyModule, op, V128, type Code, type KernelSpec } from "../stats/wasmAssembly.js";

/**
 * extraTreeGrowth.ts's three passes over a node's rows as WebAssembly kernels: gathering a
 * feature's values in node order with their smallest and largest, counting the rows (and the
 * positive rows) at or below a threshold, and partitioning the rows by it. Each gives what its
 * JavaScript loop gives (the same extent, the same integer counts, the same order), without V8's
 * bounds check on every load and store, and the count four rows at a time in SIMD lanes. The
 * grower's per-position arrays and a copy of the feature columns live in the kernels' memory.
 */
export interface ExtraTreeKernels {
  /** Row i's value of feature j at [j * rows + i], as Float32Columns. */
  readonly values: Float32Array;
  /** The rows in node order, and room for a partition's right side. */
  readonly order: Uint32Array;
  readonly scratch: Uint32Array;
  /** Two buffers of a feature's values in node order (the tried feature's and the best one's). */
  readonly tried: Float32Array;
  readonly bestValues: Float32Array;
  /** Labels (0 or 1) in node order, for a criterion that counts them (splitCriterion.ts's LabelCounting); one per row. */
  readonly nodeLabels: Uint8Array;
  /** Feature `feature`'s values of rows order[start, end) into into[start, end), their smallest and largest into `extent`. */
  gather(feature: number, into: Float32Array, start: number, end: number): void;
  readonly extent: Float32Array;
  /** Of positions [start, end) with values[p] <= threshold: how many, and of those how many labelled 1, in `counts`. */
  count(values: Float32Array, start: number, end: number, threshold: number): void;
  readonly counts: Int32Array;
  /** Stable partition of order[start, end) by values[p] <= threshold; returns where the right side starts. */
  partition(values: Float32Array, start: number, end: number, threshold: number): number;
}

const extraTreeModule = lazyModule(() => ({ gather: GATHER, count: COUNT, partition: PARTITION }));

/**
 * Kernels for `columns` (rows x cols, copied in) and `size` node positions, or null past
 * wasmAssembly.ts's MAX_KERNEL_BYTES (the grower then keeps its JavaScript arrays and loops).
 */
export function extraTreeKernels(values: Float32Array, rows: number, size: number): ExtraTreeKernels | null {
  const round16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;
  const valuesAt = 0;
  const orderAt = round16(valuesAt + values.length * 4);
  const scratchAt = round16(orderAt + size * 4);
  const triedAt = round16(scratchAt + size * 4);
  const bestAt = round16(triedAt + size * 4);
  const labelsAt = round16(bestAt + size * 4);
  const extentAt = round16(labelsAt + rows);
  const countsAt = extentAt + 16;
  const memory = kernelMemory(countsAt + 16);
  if (memory === null) return null;
  const { exports } = new WebAssembly.Instance(extraTreeModule(), { env: { memory } });
  const gather = exports.gather as (...args: number[]) => void;
  const count = exports.count as (...args: number[]) => void;
  const partition = exports.partition as (...args: number[]) => number;
  const { buffer } = memory;
  const kernels: ExtraTreeKernels = {
    values: new Float32Array(buffer, valuesAt, values.length),
    order: new Uint32Array(buffer, orderAt, size),
    scratch: new Uint32Array(buffer, scratchAt, size),
    tried: new Float32Array(buffer, triedAt, size),
    bestValues: new Float32Array(buffer, bestAt, size),
    nodeLabels: new Uint8Array(buffer, labelsAt, rows),
    extent: new Float32Array(buffer, extentAt, 2),
    counts: new Int32Array(buffer, countsAt, 2),
    gather: (feature, into, start, end) => gather(valuesAt + feature * rows * 4, orderAt, into.byteOffset, start, end, extentAt),
    count: (of, start, end, threshold) => count(of.byteOffset, labelsAt, start, end, float32AtMost(threshold), countsAt),
    partition: (by, start, end, threshold) => partition(orderAt, scratchAt, by.byteOffset, start, end, float32AtMost(threshold)),
  };
  kernels.values.set(values);
  return kernels;
}

const bits = new Float32Array(1);
const bitsAsInteger = new Int32Array(bits.buffer);

/**
 * The largest float32 at or below `threshold` (finite): for any float32 v, v <= it exactly when
 * v <= threshold, so the kernels compare in float32 lanes and decide as the float64 comparison.
 */
export function float32AtMost(threshold: number): number {
  const rounded = Math.fround(threshold);
  if (rounded <= threshold) return rounded;
  bits[0] = rounded;
  // One step down: a positive float's bits less one, a negative (or -0) one's magnitude plus one.
  bitsAsInteger[0] = rounded > 0 ? bitsAsInteger[0] - 1 : rounded === 0 ? 0x80000001 | 0 : bitsAsInteger[0] + 1;
  return bits[0];
}

// gather(column, order, into, start, end, extent): into[p] = column[order[p]]; extent = min, max (f32).
const G = { column: 0, order: 1, into: 2, start: 3, end: 4, extent: 5, p: 6, v: 7, min: 8, max: 9 };
const columnValue = (orderIndex: Code): Code => [op.localGet(G.column), ...orderIndex, op.i32Load(), op.i32Const(2), op.i32Shl, op.i32Add, op.f32Load()];
/** local = compare(v, local) ? v : local. */
const replaceIf = (local: number, v: number, compare: readonly number[]): Code => [op.localGet(v), op.localGet(local), op.localGet(v), op.localGet(local), compare, op.select, op.localSet(local)];
const GATHER: KernelSpec = {
  params: [I32, I32, I32, I32, I32, I32],
  results: [],
  locals: [
    { count: 1, type: I32 },
    { count: 3, type: F32 },
  ],
  body: [
    ...columnValue(elementAddress(G.order, G.start, 2)),
    op.localTee(G.min),
    op.localSet(G.max),
    ...forRange(G.p, [op.localGet(G.start)], [op.localGet(G.end)], [
      ...columnValue(elementAddress(G.order, G.p, 2)),
      op.localSet(G.v),
      ...elementAddress(G.into, G.p, 2),
      op.localGet(G.v),
      op.f32Store(),
      // min = v < min ? v : min, and max alike: the JavaScript loop's comparisons, without a branch.
      ...replaceIf(G.min, G.v, op.f32Lt),
      ...replaceIf(G.max, G.v, op.f32Gt),
    ]),
    op.localGet(G.extent),
    op.localGet(G.min),
    op.f32Store(),
    op.localGet(G.extent),
    op.localGet(G.max),
    op.f32Store(4),
  ],
};

// count(values, labels, start, end, threshold (f32), counts): counts = rows at or below, and those labelled 1.
const C = { values: 0, labels: 1, start: 2, end: 3, threshold: 4, counts: 5, p: 6, left: 7, positives: 8, at: 9, lanes: 10, mask: 11, laneLeft: 12, lanePositives: 13 };
const sumLanes = (vector: number, into: number): Code => [0, 1, 2, 3].flatMap((lane) => addToI32Local(into, [op.localGet(vector), op.i32x4ExtractLane(lane)]));
const COUNT: KernelSpec = {
  params: [I32, I32, I32, I32, F32, I32],
  results: [],
  locals: [
    { count: 4, type: I32 },
    { count: 4, type: V128 },
  ],
  body: [
    op.localGet(C.threshold),
    op.f32x4Splat,
    op.localSet(C.lanes),
    // Four positions a step while four remain: lane masks are -1 at or below, so subtracting counts.
    op.localGet(C.end),
    op.i32Const(3),
    op.i32Sub,
    op.localSet(C.at),
    ...forRange(
      C.p,
      [op.localGet(C.start)],
      [op.localGet(C.at)],
      [
        ...elementAddress(C.values, C.p, 2),
        op.v128Load(),
        op.localGet(C.lanes),
        op.f32x4Le,
        op.localSet(C.mask),
        op.localGet(C.laneLeft),
        op.localGet(C.mask),
        op.i32x4Sub,
        op.localSet(C.laneLeft),
        // the four labels, widened from bytes to i32 lanes, kept where the mask is set
        op.localGet(C.lanePositives),
        op.localGet(C.labels),
        op.localGet(C.p),
        op.i32Add,
        op.v128Load32Zero(),
        op.i16x8ExtendLowI8x16U,
        op.i32x4ExtendLowI16x8U,
        op.localGet(C.mask),
        op.v128And,
        op.i32x4Add,
        op.localSet(C.lanePositives),
      ],
      { step: 4 },
    ),
    ...sumLanes(C.laneLeft, C.left),
    ...sumLanes(C.lanePositives, C.positives),
    ...forRange(C.p, [op.localGet(C.p)], [op.localGet(C.end)], [
      ...elementAddress(C.values, C.p, 2),
      op.f32Load(),
      op.localGet(C.threshold),
      op.f32Le,
      op.localSet(C.at),
      ...addToI32Local(C.left, [op.localGet(C.at)]),
      ...addToI32Local(C.positives, [op.localGet(C.labels), op.localGet(C.p), op.i32Add, op.i32Load8U(), op.localGet(C.at), op.i32And]),
    ]),
    op.localGet(C.counts),
    op.localGet(C.left),
    op.i32Store(),
    op.localGet(C.counts),
    op.localGet(C.positives),
    op.i32Store(4),
  ],
};

// partition(order, scratch, values, start, end, threshold (f32)) -> where the right side starts.
const P = { order: 0, scratch: 1, values: 2, start: 3, end: 4, threshold: 5, p: 6, row: 7, left: 8, write: 9, spill: 10 };
const PARTITION: KernelSpec = {
  params: [I32, I32, I32, I32, I32, F32],
  results: [I32],
  locals: [{ count: 5, type: I32 }],
  body: [
    op.localGet(P.start),
    op.localSet(P.write),
    ...forRange(P.p, [op.localGet(P.start)], [op.localGet(P.end)], [
      ...elementAddress(P.order, P.p, 2),
      op.i32Load(),
      op.localSet(P.row),
      ...elementAddress(P.values, P.p, 2),
      op.f32Load(),
      op.localGet(P.threshold),
      op.f32Le,
      op.localSet(P.left),
      // Each row written to both sides, only its own side's end moving on: no branch to mispredict.
      ...elementAddress(P.order, P.write, 2),
      op.localGet(P.row),
      op.i32Store(),
      ...elementAddress(P.scratch, P.spill, 2),
      op.localGet(P.row),
      op.i32Store(),
      ...addToI32Local(P.write, [op.localGet(P.left)]),
      ...addToI32Local(P.spill, [op.i32Const(1), op.localGet(P.left), op.i32Sub]),
    ]),
    ...elementAddress(P.order, P.write, 2),
    op.localGet(P.scratch),
    op.localGet(P.spill),
    op.i32Const(2),
    op.i32Shl,
    op.memoryCopy,
    op.localGet(P.write),
  ],
};

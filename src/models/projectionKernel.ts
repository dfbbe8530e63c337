import { forRange, I32, kernelMemory, lazyModule, op, V128, type KernelSpec } from "../stats/wasmAssembly.js";

/**
 * QDA's projections of each row's offset from a class mean on the class's directions
 * (quadraticDiscriminant.ts's projectOffset, every row at once) as a WebAssembly kernel: along[i][d]
 * = sum over j, in order from 0, of (x[i][j] - mean[j]) directions[d][j], two directions a SIMD
 * register (each lane its own sum, so the scalar loop's bits: wasmAssembly.ts), the directions
 * stored column by column so that a pair of them at one j is one 16-byte load.
 */
export interface ProjectionKernel {
  /** rows x count projections, row-major, after project(). */
  readonly along: Float64Array;
  /** Projects every row on `count` directions (count x p, row-major) from `mean`. */
  project(mean: Float64Array, directions: Float64Array, count: number): void;
}

const projectionModule = lazyModule(() => ({ run: PROJECT }));

/** A kernel over a copy of the rows (rows x p) for projections on up to `most` directions, or null past wasmAssembly.ts's MAX_KERNEL_BYTES (QDA then projects in JavaScript). */
export function projectionKernel(data: Float64Array, rows: number, p: number, most: number): ProjectionKernel | null {
  // Directions padded to an even count, so that every pair is whole.
  const pairs = Math.ceil(most / 2);
  const dataAt = 0;
  const meanAt = rows * p * 8;
  const offsetAt = meanAt + p * 8;
  const directionsAt = offsetAt + p * 8;
  const alongAt = directionsAt + p * pairs * 16;
  const memory = kernelMemory(alongAt + rows * pairs * 16);
  if (memory === null) return null;
  const run = new WebAssembly.Instance(projectionModule(), { env: { memory } }).exports.run as (...args: number[]) => void;
  const { buffer } = memory;
  new Float64Array(buffer, dataAt, rows * p).set(data.subarray(0, rows * p));
  const meanView = new Float64Array(buffer, meanAt, p);
  const directionsView = new Float64Array(buffer, directionsAt, p * pairs * 2);
  let along = new Float64Array(buffer, alongAt, 0);
  return {
    get along() {
      return along;
    },
    project(mean, directions, count) {
      if (count > most) throw new RangeError(`${count} directions, room for ${most}`);
      const width = 2 * Math.ceil(count / 2);
      meanView.set(mean.subarray(0, p));
      // Column j of the directions at [j width .. j width + count), zeros past count.
      directionsView.fill(0, 0, p * width);
      for (let d = 0; d < count; d++) for (let j = 0; j < p; j++) directionsView[j * width + d] = directions[d * p + j];
      run(dataAt, rows, p, meanAt, offsetAt, directionsAt, width, alongAt);
      along = new Float64Array(buffer, alongAt, rows * width);
    },
  };
}

// run(data, rows, p, mean, offset, directions, width, along): along is rows x width (width even).
const DATA = 0;
const ROWS = 1;
const P = 2;
const MEAN = 3;
const OFFSET = 4;
const DIRECTIONS = 5;
const WIDTH = 6;
const ALONG = 7;
// i32 locals
const I = 8;
const J = 9;
const D = 10;
const ROW = 11;
const COLUMN = 12;
const OUT = 13;
// v128 local: a pair of sums.
const SUMS = 14;

/** Every row's offset, then its projections on each pair of directions. */
const PROJECT: KernelSpec = {
  params: [I32, I32, I32, I32, I32, I32, I32, I32],
  results: [],
  locals: [
    { count: 6, type: I32 },
    { count: 1, type: V128 },
  ],
  body: forRange(I, [op.i32Const(0)], [op.localGet(ROWS)], [
    // ROW = data + i p 8; offset[j] = x[j] - mean[j]
    op.localGet(I),
    op.localGet(P),
    op.i32Mul,
    op.i32Const(3),
    op.i32Shl,
    op.localGet(DATA),
    op.i32Add,
    op.localSet(ROW),
    ...forRange(J, [op.i32Const(0)], [op.localGet(P)], [
      op.localGet(J),
      op.i32Const(3),
      op.i32Shl,
      op.localTee(COLUMN),
      op.localGet(OFFSET),
      op.i32Add,
      op.localGet(ROW),
      op.localGet(COLUMN),
      op.i32Add,
      op.f64Load(),
      op.localGet(MEAN),
      op.localGet(COLUMN),
      op.i32Add,
      op.f64Load(),
      op.f64Sub,
      op.f64Store(),
    ]),
    // OUT = along + i width 8; for each pair d, d + 1: sums = sum over j of splat(offset[j]) * directions[j][d, d + 1]
    op.localGet(I),
    op.localGet(WIDTH),
    op.i32Mul,
    op.i32Const(3),
    op.i32Shl,
    op.localGet(ALONG),
    op.i32Add,
    op.localSet(OUT),
    ...forRange(D, [op.i32Const(0)], [op.localGet(WIDTH)], [
      op.f64Const(0),
      op.f64x2Splat,
      op.localSet(SUMS),
      ...forRange(J, [op.i32Const(0)], [op.localGet(P)], [
        op.localGet(SUMS),
        op.localGet(OFFSET),
        op.localGet(J),
        op.i32Const(3),
        op.i32Shl,
        op.i32Add,
        op.f64Load(),
        op.f64x2Splat,
        // directions + (j width + d) 8
        op.localGet(J),
        op.localGet(WIDTH),
        op.i32Mul,
        op.localGet(D),
        op.i32Add,
        op.i32Const(3),
        op.i32Shl,
        op.localGet(DIRECTIONS),
        op.i32Add,
        op.v128Load(),
        op.f64x2Mul,
        op.f64x2Add,
        op.localSet(SUMS),
      ]),
      op.localGet(OUT),
      op.localGet(D),
      op.i32Const(3),
      op.i32Shl,
      op.i32Add,
      op.localGet(SUMS),
      op.v128Store(),
    ], { step: 2 }),
  ]),
};


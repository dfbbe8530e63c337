import { addToF64, addToLocal, elementAddress, F64, forRange, I32, kernelMemory, lazyModule, op, type Code, type KernelSpec } from "../stats/wasmAssembly.js";

/**
 * huberSplit.ts's pass over the rows as a WebAssembly kernel: each row's prediction from its
 * entries, its residual's share of the loss, its slope's share of the gradient, block by block
 * as the JavaScript pass sums them (a block's sums from zero in row order, then added to the
 * totals), so the same bits. The split form's rows and the targets are copied in once a fit;
 * each evaluation writes the weights in and reads the gradient's entry part out.
 */
export interface HuberSplitKernel {
  /** The weights (entries' columns), written before each pass. */
  readonly x: Float64Array;
  /** E^T slope after a pass, per column. */
  readonly grad: Float64Array;
  /** squares, outlierAbs, outliers, slopes after a pass. */
  readonly sums: Float64Array;
  /** One pass over every row, blocks of `block` rows: offset = base.w + b. */
  pass(offset: number, sigma: number, epsilon: number, block: number): void;
}

const huberModule = lazyModule(() => ({ run: PASS }));

/** A kernel for the split rows (start, index, value; `cols` columns) and targets y, or null past wasmAssembly.ts's MAX_KERNEL_BYTES. */
export function huberSplitKernel(start: Int32Array, index: Int32Array, value: Float64Array, y: Float64Array, cols: number): HuberSplitKernel | null {
  const round8 = (bytes: number): number => Math.ceil(bytes / 8) * 8;
  const rows = y.length;
  const valueAt = 0;
  const yAt = valueAt + value.length * 8;
  const xAt = yAt + rows * 8;
  const gradAt = xAt + cols * 8;
  const sumsAt = gradAt + cols * 8;
  const startAt = sumsAt + 4 * 8;
  const indexAt = round8(startAt + start.length * 4);
  const memory = kernelMemory(indexAt + index.length * 4);
  if (memory === null) return null;
  const { exports } = new WebAssembly.Instance(huberModule(), { env: { memory } });
  const run = exports.run as (...args: number[]) => void;
  const { buffer } = memory;
  new Float64Array(buffer, valueAt, value.length).set(value);
  new Float64Array(buffer, yAt, rows).set(y);
  new Int32Array(buffer, startAt, start.length).set(start);
  new Int32Array(buffer, indexAt, index.length).set(index);
  const grad = new Float64Array(buffer, gradAt, cols);
  const sums = new Float64Array(buffer, sumsAt, 4);
  return {
    x: new Float64Array(buffer, xAt, cols),
    grad,
    sums,
    pass: (offset, sigma, epsilon, block) => {
      grad.fill(0);
      sums.fill(0);
      run(startAt, indexAt, valueAt, yAt, xAt, gradAt, sumsAt, offset, sigma, epsilon, rows, block);
    },
  };
}

// run(start, index, value, y, x, grad, sums, offset, sigma, epsilon, rows, block)
const L = {
  start: 0,
  index: 1,
  value: 2,
  y: 3,
  x: 4,
  grad: 5,
  sums: 6,
  offset: 7,
  sigma: 8,
  epsilon: 9,
  rows: 10,
  block: 11,
  from: 12,
  to: 13,
  i: 14,
  q: 15,
  last: 16,
  s: 17,
  r: 18,
  slope: 19,
  squares: 20,
  outlierAbs: 21,
  outliers: 22,
  slopes: 23,
  bound: 24,
};

const get = (local: number): Code => [op.localGet(local)];
/** The f64 at base[index[q]]: base + index[q] * 8. */
const atIndexOf = (base: number): Code => [op.localGet(base), ...elementAddress(L.index, L.q, 2), op.i32Load(), op.i32Const(3), op.i32Shl, op.i32Add];
const entries = (body: Code): Code => forRange(L.q, [...elementAddress(L.start, L.i, 2), op.i32Load()], get(L.last), body);

const row: Code = [
  ...elementAddress(L.start, L.i, 2),
  op.i32Load(4),
  op.localSet(L.last),
  // s = offset + sum of value[q] * x[index[q]], in entry order
  op.localGet(L.offset),
  op.localSet(L.s),
  ...entries(addToLocal(L.s, [...elementAddress(L.value, L.q, 3), op.f64Load(), ...atIndexOf(L.x), op.f64Load(), op.f64Mul])),
  ...elementAddress(L.y, L.i, 3),
  op.f64Load(),
  op.localGet(L.s),
  op.f64Sub,
  op.localTee(L.r),
  op.f64Abs,
  op.localGet(L.bound),
  op.f64Gt,
  op.if,
  ...addToLocal(L.outliers, [op.f64Const(1)]),
  ...addToLocal(L.outlierAbs, [op.localGet(L.r), op.f64Abs]),
  // slope = r > 0 ? -2 epsilon : 2 epsilon
  op.f64Const(-2),
  op.localGet(L.epsilon),
  op.f64Mul,
  op.f64Const(2),
  op.localGet(L.epsilon),
  op.f64Mul,
  op.localGet(L.r),
  op.f64Const(0),
  op.f64Gt,
  op.select,
  op.localSet(L.slope),
  op.else,
  ...addToLocal(L.squares, [op.localGet(L.r), op.localGet(L.r), op.f64Mul]),
  op.f64Const(-2),
  op.localGet(L.r),
  op.f64Mul,
  op.localGet(L.sigma),
  op.f64Div,
  op.localSet(L.slope),
  op.end,
  ...entries(addToF64(atIndexOf(L.grad), [op.localGet(L.slope), ...elementAddress(L.value, L.q, 3), op.f64Load(), op.f64Mul])),
  ...addToLocal(L.slopes, get(L.slope)),
];

/** sums[k] += local, k = 0..3. */
const addBlockSums: Code = [L.squares, L.outlierAbs, L.outliers, L.slopes].flatMap((local, k) => addToF64([op.localGet(L.sums)], get(local), k * 8));

const PASS: KernelSpec = {
  params: [I32, I32, I32, I32, I32, I32, I32, F64, F64, F64, I32, I32],
  results: [],
  locals: [
    { count: 5, type: I32 },
    { count: 8, type: F64 },
  ],
  body: [
    op.localGet(L.epsilon),
    op.localGet(L.sigma),
    op.f64Mul,
    op.localSet(L.bound),
    // Blocks of `block` rows: from = 0, then to; to = min(from + block, rows).
    op.i32Const(0),
    op.localSet(L.from),
    op.block,
    op.loop,
    op.localGet(L.from),
    op.localGet(L.rows),
    op.i32GeS,
    op.brIf(1),
    op.localGet(L.from),
    op.localGet(L.block),
    op.i32Add,
    op.localGet(L.rows),
    op.localGet(L.from),
    op.localGet(L.block),
    op.i32Add,
    op.localGet(L.rows),
    op.i32LtS,
    op.select,
    op.localSet(L.to),
    ...[L.squares, L.outlierAbs, L.outliers, L.slopes].flatMap((local) => [op.f64Const(0), op.localSet(local)]),
    ...forRange(L.i, get(L.from), get(L.to), row),
    ...addBlockSums,
    op.localGet(L.to),
    op.localSet(L.from),
    op.br(0),
    op.end,
    op.end,
  ],
};

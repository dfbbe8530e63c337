import { F64, I32, kernelModuleBytes, op, PAGE_BYTES } from "../stats/wasmAssembly.js";

/**
 * The hinge SGD's epoch over dense rows (hingeSgd.ts's densePass) as a WebAssembly kernel: the
 * same operations in the same order, so the same bits (wasmAssembly.ts says why), without V8's
 * bounds check on every load and store of the dot product and the update: credit.csv fold
 * (15,120 x 23, 60 epochs) 58 ms in JavaScript, 33 in the kernel.
 *
 * The kernel's memory holds, from address 0: the rows (rows x cols f64, row-major), y (rows f64),
 * the epoch's row order (rows u32), the weights (cols f64, unscaled) and the state (scale,
 * intercept, t).
 */
export interface DenseHingeKernel {
  /** The epoch's row order, shuffled in place between epochs. */
  readonly order: Uint32Array;
  /** The unscaled weights. */
  readonly weights: Float64Array;
  /** scale, intercept, t (and two zeros, hingeSgd's split-form values, so that its state reads alike). */
  readonly state: Float64Array;
  /** One epoch over `order`; returns its summed hinge loss. */
  epoch(alpha: number, optimalInit: number): number;
}

/** Above this many bytes of rows the JavaScript pass runs instead (a wasm32 memory is at most 4 GiB, and a copy doubles the rows' memory). */
export const MAX_KERNEL_BYTES = 1 << 30;

/** The bytes a kernel's memory needs for rows x cols. */
export function kernelBytes(rows: number, cols: number): number {
  return rows * cols * 8 + rows * 8 + align8(rows * 4) + cols * 8 + STATE_VALUES * 8;
}

const STATE_VALUES = 5;

function align8(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

let compiled: WebAssembly.Module | null = null;

/** A kernel over a copy of the rows (row-major data, cols wide) and their labels y in {-1, +1}; order starts as 0..rows - 1. */
export function denseHingeKernel(data: Float64Array, rows: number, cols: number, y: Float64Array): DenseHingeKernel {
  compiled ??= new WebAssembly.Module(kernelModuleBytes(EPOCH));
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(kernelBytes(rows, cols) / PAGE_BYTES)) });
  const instance = new WebAssembly.Instance(compiled, { env: { memory } });
  const run = instance.exports.run as (...args: number[]) => number;
  const yAt = rows * cols * 8;
  const orderAt = yAt + rows * 8;
  const weightsAt = orderAt + align8(rows * 4);
  const stateAt = weightsAt + cols * 8;
  new Float64Array(memory.buffer, 0, rows * cols).set(data.subarray(0, rows * cols));
  new Float64Array(memory.buffer, yAt, rows).set(y.subarray(0, rows));
  const order = new Uint32Array(memory.buffer, orderAt, rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  const state = new Float64Array(memory.buffer, stateAt, STATE_VALUES);
  state.set([1, 0, 1, 0, 0]);
  return {
    order,
    weights: new Float64Array(memory.buffer, weightsAt, cols),
    state,
    epoch: (alpha, optimalInit) => run(0, cols, yAt, orderAt, rows, alpha, optimalInit, weightsAt, stateAt),
  };
}

// Parameters.
const DATA = 0;
const COLS = 1;
const Y = 2;
const ORDER = 3;
const ROWS = 4;
const ALPHA = 5;
const OPTIMAL_INIT = 6;
const WEIGHTS = 7;
const STATE = 8;
// i32 locals.
const S = 9;
const I = 10;
const ROW = 11;
const J = 12;
const ROW_BYTES = 13;
// f64 locals.
const SCALE = 14;
const INTERCEPT = 15;
const T = 16;
const DOT = 17;
const ETA = 18;
const Z = 19;
const UPDATE = 20;
const STEP = 21;
const SUM_LOSS = 22;
const YI = 23;

/** scikit-learn's WeightVector folds its scale into the weights below this (hingeSgd.ts's SMALLEST_SCALE). */
const SMALLEST_SCALE = 1e-9;

/** for (J = 0; J < ROW_BYTES; J += 8) { ...step } */
function overColumns(step: readonly (readonly number[])[]): (readonly number[])[] {
  return [
    op.i32Const(0),
    op.localSet(J),
    op.block,
    op.loop,
    op.localGet(J),
    op.localGet(ROW_BYTES),
    op.i32LtU,
    op.i32Eqz,
    op.brIf(1),
    ...step,
    op.localGet(J),
    op.i32Const(8),
    op.i32Add,
    op.localSet(J),
    op.br(0),
    op.end,
    op.end,
  ];
}

/** Address of weight J: WEIGHTS + J. */
const weightAddress = [op.localGet(WEIGHTS), op.localGet(J), op.i32Add];

/**
 * densePass for every row in order: dot = sum of w[j] x[j] in column order; p = dot scale +
 * intercept; eta = 1 / (alpha (optimalInit + t - 1)); z = p y; where z <= 1 the loss adds 1 - z
 * and the update is eta y; scale *= max(0, 1 - eta alpha), folded into the weights below
 * SMALLEST_SCALE; a non-zero update adds x (update / scale) to w and update to the intercept;
 * t += 1. Returns the epoch's summed loss, the state written back.
 */
const EPOCH = {
  params: [I32, I32, I32, I32, I32, F64, F64, I32, I32],
  results: [F64],
  locals: [
    { count: 5, type: I32 },
    { count: 10, type: F64 },
  ],
  body: [
    op.localGet(STATE),
    op.f64Load(0),
    op.localSet(SCALE),
    op.localGet(STATE),
    op.f64Load(8),
    op.localSet(INTERCEPT),
    op.localGet(STATE),
    op.f64Load(16),
    op.localSet(T),
    op.f64Const(0),
    op.localSet(SUM_LOSS),
    op.localGet(COLS),
    op.i32Const(3),
    op.i32Shl,
    op.localSet(ROW_BYTES),
    op.i32Const(0),
    op.localSet(S),
    op.block,
    op.loop,
    // while (S < ROWS)
    op.localGet(S),
    op.localGet(ROWS),
    op.i32LtU,
    op.i32Eqz,
    op.brIf(1),
    // I = order[S]; ROW = DATA + I * cols * 8
    op.localGet(ORDER),
    op.localGet(S),
    op.i32Const(2),
    op.i32Shl,
    op.i32Add,
    op.i32Load(),
    op.localTee(I),
    op.localGet(ROW_BYTES),
    op.i32Mul,
    op.localGet(DATA),
    op.i32Add,
    op.localSet(ROW),
    op.f64Const(0),
    op.localSet(DOT),
    ...overColumns([op.localGet(DOT), ...weightAddress, op.f64Load(), op.localGet(ROW), op.localGet(J), op.i32Add, op.f64Load(), op.f64Mul, op.f64Add, op.localSet(DOT)]),
    // eta = 1 / (alpha * (optimalInit + t - 1))
    op.f64Const(1),
    op.localGet(ALPHA),
    op.localGet(OPTIMAL_INIT),
    op.localGet(T),
    op.f64Add,
    op.f64Const(1),
    op.f64Sub,
    op.f64Mul,
    op.f64Div,
    op.localSet(ETA),
    // YI = y[I]; z = (dot * scale + intercept) * YI
    op.localGet(Y),
    op.localGet(I),
    op.i32Const(3),
    op.i32Shl,
    op.i32Add,
    op.f64Load(),
    op.localSet(YI),
    op.localGet(DOT),
    op.localGet(SCALE),
    op.f64Mul,
    op.localGet(INTERCEPT),
    op.f64Add,
    op.localGet(YI),
    op.f64Mul,
    op.localSet(Z),
    op.f64Const(0),
    op.localSet(UPDATE),
    op.localGet(Z),
    op.f64Const(1),
    op.f64Le,
    op.if,
    op.localGet(SUM_LOSS),
    op.f64Const(1),
    op.localGet(Z),
    op.f64Sub,
    op.f64Add,
    op.localSet(SUM_LOSS),
    op.localGet(ETA),
    op.localGet(YI),
    op.f64Mul,
    op.localSet(UPDATE),
    op.end,
    // scale *= max(0, 1 - eta * alpha)
    op.localGet(SCALE),
    op.f64Const(0),
    op.f64Const(1),
    op.localGet(ETA),
    op.localGet(ALPHA),
    op.f64Mul,
    op.f64Sub,
    op.f64Max,
    op.f64Mul,
    op.localSet(SCALE),
    op.localGet(SCALE),
    op.f64Const(SMALLEST_SCALE),
    op.f64Lt,
    op.if,
    ...overColumns([...weightAddress, ...weightAddress, op.f64Load(), op.localGet(SCALE), op.f64Mul, op.f64Store()]),
    op.f64Const(1),
    op.localSet(SCALE),
    op.end,
    op.localGet(UPDATE),
    op.f64Const(0),
    op.f64Ne,
    op.if,
    op.localGet(UPDATE),
    op.localGet(SCALE),
    op.f64Div,
    op.localSet(STEP),
    ...overColumns([...weightAddress, ...weightAddress, op.f64Load(), op.localGet(ROW), op.localGet(J), op.i32Add, op.f64Load(), op.localGet(STEP), op.f64Mul, op.f64Add, op.f64Store()]),
    op.localGet(INTERCEPT),
    op.localGet(UPDATE),
    op.f64Add,
    op.localSet(INTERCEPT),
    op.end,
    op.localGet(T),
    op.f64Const(1),
    op.f64Add,
    op.localSet(T),
    op.localGet(S),
    op.i32Const(1),
    op.i32Add,
    op.localSet(S),
    op.br(0),
    op.end,
    op.end,
    op.localGet(STATE),
    op.localGet(SCALE),
    op.f64Store(0),
    op.localGet(STATE),
    op.localGet(INTERCEPT),
    op.f64Store(8),
    op.localGet(STATE),
    op.localGet(T),
    op.f64Store(16),
    op.localGet(SUM_LOSS),
  ],
} as const;

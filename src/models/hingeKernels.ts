import type { RareColumns } from "../stats/rareColumns.js";
import { F64, I32, kernelsModuleBytes, op, PAGE_BYTES, type KernelSpec } from "../stats/wasmAssembly.js";

/**
 * The hinge SGD's passes (hingeSgd.ts's densePass and splitPass) as WebAssembly kernels: the
 * same operations in the same order, so the same bits (wasmAssembly.ts says why), without V8's
 * bounds check on every load and store of the dot product and the update: credit.csv fold
 * (15,120 x 23, 60 epochs) 58 ms in JavaScript, 33 in the kernel.
 *
 * The dense kernel
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

function module(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(kernelsModuleBytes({ dense: EPOCH, split: SPLIT_PASS }));
  return compiled;
}

/** A kernel over a copy of the rows (row-major data, cols wide) and their labels y in {-1, +1}; order starts as 0..rows - 1. */
export function denseHingeKernel(data: Float64Array, rows: number, cols: number, y: Float64Array): DenseHingeKernel {
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(kernelBytes(rows, cols) / PAGE_BYTES)) });
  const instance = new WebAssembly.Instance(module(), { env: { memory } });
  const run = instance.exports.dense as (...args: number[]) => number;
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

/** The split form's kernel: the rows' split arrays, y, the epoch's order, the weights v (by position) and the state. */
export interface SplitHingeKernel {
  readonly order: Uint32Array;
  /** v, by position (hingeSgd.ts: w = v + beta base). */
  readonly weights: Float64Array;
  /** scale, intercept, t, beta, v . base. */
  readonly state: Float64Array;
  /** Rows order[from..to - 1] (splitPass); returns lossSoFar plus their losses, v . base left as the pass left it. */
  pass(from: number, to: number, alpha: number, optimalInit: number, lossSoFar: number): number;
}

/** A kernel over a copy of the split's arrays and y in {-1, +1}, or null past MAX_KERNEL_BYTES; order starts as 0..rows - 1. */
export function splitHingeKernel(split: RareColumns, y: Float64Array): SplitHingeKernel | null {
  const { numericCount, rowValues, start, entries, delta, base, baseBase } = split;
  const rows = start.length - 1;
  const positions = base.length;
  const rowValuesAt = 0;
  const startAt = align8(rowValuesAt + rowValues.length * 8);
  const entriesAt = align8(startAt + start.length * 4);
  const deltaAt = align8(entriesAt + entries.length * 4);
  const baseAt = deltaAt + positions * 8;
  const yAt = baseAt + positions * 8;
  const orderAt = yAt + rows * 8;
  const weightsAt = align8(orderAt + rows * 4);
  const stateAt = weightsAt + positions * 8;
  const bytes = stateAt + STATE_VALUES * 8;
  if (bytes > MAX_KERNEL_BYTES) return null;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE_BYTES)) });
  const run = new WebAssembly.Instance(module(), { env: { memory } }).exports.split as (...args: number[]) => number;
  const { buffer } = memory;
  new Float64Array(buffer, rowValuesAt, rowValues.length).set(rowValues);
  new Int32Array(buffer, startAt, start.length).set(start);
  new Int32Array(buffer, entriesAt, entries.length).set(entries);
  new Float64Array(buffer, deltaAt, positions).set(delta);
  new Float64Array(buffer, baseAt, positions).set(base);
  new Float64Array(buffer, yAt, rows).set(y.subarray(0, rows));
  const order = new Uint32Array(buffer, orderAt, rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  const state = new Float64Array(buffer, stateAt, STATE_VALUES);
  state.set([1, 0, 1, 0, 0]);
  return {
    order,
    weights: new Float64Array(buffer, weightsAt, positions),
    state,
    pass: (from, to, alpha, optimalInit, lossSoFar) =>
      run(from, to, numericCount, rowValuesAt, startAt, entriesAt, deltaAt, baseAt, positions, baseBase, yAt, orderAt, alpha, optimalInit, weightsAt, stateAt, lossSoFar),
  };
}

// split(from, to, numeric, rowValues, start, entries, delta, base, positions, baseBase, y, order, alpha, optimalInit, w, state, lossSoFar)
const SP = {
  from: 0,
  to: 1,
  numeric: 2,
  rowValues: 3,
  start: 4,
  entries: 5,
  delta: 6,
  base: 7,
  positions: 8,
  baseBase: 9,
  y: 10,
  order: 11,
  alpha: 12,
  optimalInit: 13,
  w: 14,
  state: 15,
  lossSoFar: 16,
  // i32 locals
  s: 17,
  i: 18,
  o: 19,
  q: 20,
  p: 21,
  first: 22,
  end: 23,
  e: 24,
  // f64 locals
  scale: 25,
  intercept: 26,
  t: 27,
  beta: 28,
  vBase: 29,
  dot: 30,
  baseEntries: 31,
  eta: 32,
  yi: 33,
  z: 34,
  update: 35,
  step: 36,
  sum: 37,
  vb: 38,
} as const;

type Code = (readonly number[])[];

/** for (local = from; local < to; local++) body, i32 locals. */
function count(local: number, from: Code, to: Code, body: Code): Code {
  return [...from, op.localSet(local), op.block, op.loop, op.localGet(local), ...to, op.i32GeS, op.brIf(1), ...body, op.localGet(local), op.i32Const(1), op.i32Add, op.localSet(local), op.br(0), op.end, op.end];
}

/** base + index << shift, both locals. */
function address(base: number, index: number, shift: number): Code {
  return [op.localGet(base), op.localGet(index), op.i32Const(shift), op.i32Shl, op.i32Add];
}

/** The address of position entries[e] in an f64 array `array`: array + entries[e] * 8. */
function entryAddress(array: number): Code {
  return [op.localGet(array), ...address(SP.entries, SP.e, 2), op.i32Load(), op.i32Const(3), op.i32Shl, op.i32Add];
}

/** *(f64*)address += value, the address computed by `addressCode` (twice). */
function addTo(addressCode: Code, value: Code): Code {
  return [...addressCode, ...addressCode, op.f64Load(), ...value, op.f64Add, op.f64Store()];
}

/** vb = v . base, positions in order from 0. */
const vDotBase: Code = [
  op.f64Const(0),
  op.localSet(SP.vb),
  ...count(SP.q, [op.i32Const(0)], [op.localGet(SP.positions)], [op.localGet(SP.vb), ...address(SP.w, SP.q, 3), op.f64Load(), ...address(SP.base, SP.q, 3), op.f64Load(), op.f64Mul, op.f64Add, op.localSet(SP.vb)]),
];

const SPLIT_PASS: KernelSpec = {
  params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, I32, I32, F64, F64, I32, I32, F64],
  results: [F64],
  locals: [
    { count: 8, type: I32 },
    { count: 14, type: F64 },
  ],
  body: [
    ...[SP.scale, SP.intercept, SP.t, SP.beta, SP.vBase].flatMap((local, k) => [op.localGet(SP.state), op.f64Load(k * 8), op.localSet(local)]),
    op.localGet(SP.lossSoFar),
    op.localSet(SP.sum),
    ...count(SP.s, [op.localGet(SP.from)], [op.localGet(SP.to)], [
      // i = order[s]; o = the address of row i's first numeric value (rowValues[i (1 + numeric) + 1])
      ...address(SP.order, SP.s, 2),
      op.i32Load(),
      op.localTee(SP.i),
      op.localGet(SP.numeric),
      op.i32Const(1),
      op.i32Add,
      op.i32Mul,
      op.i32Const(1),
      op.i32Add,
      op.i32Const(3),
      op.i32Shl,
      op.localGet(SP.rowValues),
      op.i32Add,
      op.localSet(SP.o),
      // dot = sum of w[q] x_q, then of w[P] delta[P] over the row's entries
      op.f64Const(0),
      op.localSet(SP.dot),
      ...count(SP.q, [op.i32Const(0)], [op.localGet(SP.numeric)], [op.localGet(SP.dot), ...address(SP.w, SP.q, 3), op.f64Load(), ...address(SP.o, SP.q, 3), op.f64Load(), op.f64Mul, op.f64Add, op.localSet(SP.dot)]),
      ...address(SP.start, SP.i, 2),
      op.i32Load(),
      op.localSet(SP.first),
      ...address(SP.start, SP.i, 2),
      op.i32Load(4),
      op.localSet(SP.end),
      ...count(SP.e, [op.localGet(SP.first)], [op.localGet(SP.end)], [op.localGet(SP.dot), ...entryAddress(SP.w), op.f64Load(), ...entryAddress(SP.delta), op.f64Load(), op.f64Mul, op.f64Add, op.localSet(SP.dot)]),
      // baseEntries = rowValues[o - 1]; dot = vBase + dot + beta (baseBase + baseEntries)
      op.localGet(SP.o),
      op.i32Const(8),
      op.i32Sub,
      op.f64Load(),
      op.localSet(SP.baseEntries),
      op.localGet(SP.vBase),
      op.localGet(SP.dot),
      op.f64Add,
      op.localGet(SP.beta),
      op.localGet(SP.baseBase),
      op.localGet(SP.baseEntries),
      op.f64Add,
      op.f64Mul,
      op.f64Add,
      op.localSet(SP.dot),
      // eta = 1 / (alpha (optimalInit + t - 1)); z = (dot scale + intercept) y[i]
      op.f64Const(1),
      op.localGet(SP.alpha),
      op.localGet(SP.optimalInit),
      op.localGet(SP.t),
      op.f64Add,
      op.f64Const(1),
      op.f64Sub,
      op.f64Mul,
      op.f64Div,
      op.localSet(SP.eta),
      ...address(SP.y, SP.i, 3),
      op.f64Load(),
      op.localSet(SP.yi),
      op.localGet(SP.dot),
      op.localGet(SP.scale),
      op.f64Mul,
      op.localGet(SP.intercept),
      op.f64Add,
      op.localGet(SP.yi),
      op.f64Mul,
      op.localSet(SP.z),
      op.f64Const(0),
      op.localSet(SP.update),
      op.localGet(SP.z),
      op.f64Const(1),
      op.f64Le,
      op.if,
      op.localGet(SP.sum),
      op.f64Const(1),
      op.localGet(SP.z),
      op.f64Sub,
      op.f64Add,
      op.localSet(SP.sum),
      op.localGet(SP.eta),
      op.localGet(SP.yi),
      op.f64Mul,
      op.localSet(SP.update),
      op.end,
      // scale *= max(0, 1 - eta alpha); folded into v and beta below SMALLEST_SCALE
      op.localGet(SP.scale),
      op.f64Const(0),
      op.f64Const(1),
      op.localGet(SP.eta),
      op.localGet(SP.alpha),
      op.f64Mul,
      op.f64Sub,
      op.f64Max,
      op.f64Mul,
      op.localSet(SP.scale),
      op.localGet(SP.scale),
      op.f64Const(SMALLEST_SCALE),
      op.f64Lt,
      op.if,
      ...count(SP.q, [op.i32Const(0)], [op.localGet(SP.positions)], [...address(SP.w, SP.q, 3), ...address(SP.w, SP.q, 3), op.f64Load(), op.localGet(SP.scale), op.f64Mul, op.f64Store()]),
      op.localGet(SP.beta),
      op.localGet(SP.scale),
      op.f64Mul,
      op.localSet(SP.beta),
      ...vDotBase,
      op.localGet(SP.vb),
      op.localSet(SP.vBase),
      op.f64Const(1),
      op.localSet(SP.scale),
      op.end,
      op.localGet(SP.update),
      op.f64Const(0),
      op.f64Ne,
      op.if,
      op.localGet(SP.update),
      op.localGet(SP.scale),
      op.f64Div,
      op.localSet(SP.step),
      ...count(SP.q, [op.i32Const(0)], [op.localGet(SP.numeric)], addTo(address(SP.w, SP.q, 3), [...address(SP.o, SP.q, 3), op.f64Load(), op.localGet(SP.step), op.f64Mul])),
      ...count(SP.e, [op.localGet(SP.first)], [op.localGet(SP.end)], addTo(entryAddress(SP.w), [...entryAddress(SP.delta), op.f64Load(), op.localGet(SP.step), op.f64Mul])),
      op.localGet(SP.vBase),
      op.localGet(SP.step),
      op.localGet(SP.baseEntries),
      op.f64Mul,
      op.f64Add,
      op.localSet(SP.vBase),
      op.localGet(SP.beta),
      op.localGet(SP.step),
      op.f64Add,
      op.localSet(SP.beta),
      op.localGet(SP.intercept),
      op.localGet(SP.update),
      op.f64Add,
      op.localSet(SP.intercept),
      op.end,
      op.localGet(SP.t),
      op.f64Const(1),
      op.f64Add,
      op.localSet(SP.t),
    ]),
    ...[SP.scale, SP.intercept, SP.t, SP.beta].flatMap((local, k) => [op.localGet(SP.state), op.localGet(local), op.f64Store(k * 8)]),
    // v . base recomputed at the pass's end, as splitPass does, so that its rounding cannot drift.
    ...vDotBase,
    op.localGet(SP.state),
    op.localGet(SP.vb),
    op.f64Store(32),
    op.localGet(SP.sum),
  ],
};

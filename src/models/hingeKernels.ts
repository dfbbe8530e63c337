import type { RareColumns } from "../stats/rareColumns.js";
import { addToF64, addToLocal, elementAddress, F64, forRange, I32, indirectF64Address, kernelMemory, lazyModule, op, type Code, type KernelSpec } from "../stats/wasmAssembly.js";

/**
 * The hinge SGD's passes (hingeSgd.ts's densePass and splitPass) as WebAssembly kernels: the
 * same operations in the same order, so the same bits (wasmAssembly.ts says why), without V8's
 * bounds check on every load and store of the dot product and the update: credit.csv fold
 * (15,120 x 23, 60 epochs) 58 ms in JavaScript, 33 in the kernel.
 *
 * The dense kernel's memory holds, from address 0: the rows (rows x cols f64, row-major), y
 * (rows f64), the epoch's row order (rows u32), the weights (cols f64, unscaled) and the state
 * (scale, intercept, t); the split one's the split's arrays in their place.
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

const STATE_VALUES = 5;

function align8(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

const hingeModule = lazyModule(() => ({ dense: EPOCH, split: SPLIT_PASS }));

/** A kernel over a copy of the rows (row-major data, cols wide) and their labels y in {-1, +1}, or null past MAX_KERNEL_BYTES; order starts as 0..rows - 1. */
export function denseHingeKernel(data: Float64Array, rows: number, cols: number, y: Float64Array): DenseHingeKernel | null {
  const yAt = rows * cols * 8;
  const orderAt = yAt + rows * 8;
  const weightsAt = orderAt + align8(rows * 4);
  const stateAt = weightsAt + cols * 8;
  const memory = kernelMemory(stateAt + STATE_VALUES * 8);
  if (memory === null) return null;
  const run = new WebAssembly.Instance(hingeModule(), { env: { memory } }).exports.dense as (...args: number[]) => number;
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

/** scikit-learn's WeightVector folds its scale into the weights below this (hingeSgd.ts's SMALLEST_SCALE). */
const SMALLEST_SCALE = 1e-9;

/** The locals the step after a row's dot product reads and writes, in either kernel. */
interface StepLocals {
  readonly alpha: number;
  readonly optimalInit: number;
  readonly y: number;
  readonly i: number;
  readonly dot: number;
  readonly scale: number;
  readonly intercept: number;
  readonly t: number;
  readonly eta: number;
  readonly yi: number;
  readonly z: number;
  readonly update: number;
  readonly step: number;
  readonly sum: number;
}

/**
 * A row's step once its dot product is in L.dot (densePass and splitPass alike): eta = 1 /
 * (alpha (optimalInit + t - 1)); z = (dot scale + intercept) y[i]; where z <= 1 the loss adds
 * 1 - z and the update is eta y; scale *= max(0, 1 - eta alpha), and below SMALLEST_SCALE
 * `fold` folds it into the weights and scale becomes 1; a non-zero update sets step = update /
 * scale, runs `update` (the weights' part) and adds it to the intercept; t += 1.
 */
function hingeStep(L: StepLocals, fold: Code, update: Code): Code {
  return [
    op.f64Const(1),
    op.localGet(L.alpha),
    op.localGet(L.optimalInit),
    op.localGet(L.t),
    op.f64Add,
    op.f64Const(1),
    op.f64Sub,
    op.f64Mul,
    op.f64Div,
    op.localSet(L.eta),
    ...elementAddress(L.y, L.i, 3),
    op.f64Load(),
    op.localSet(L.yi),
    op.localGet(L.dot),
    op.localGet(L.scale),
    op.f64Mul,
    op.localGet(L.intercept),
    op.f64Add,
    op.localGet(L.yi),
    op.f64Mul,
    op.localSet(L.z),
    op.f64Const(0),
    op.localSet(L.update),
    op.localGet(L.z),
    op.f64Const(1),
    op.f64Le,
    op.if,
    ...addToLocal(L.sum, [op.f64Const(1), op.localGet(L.z), op.f64Sub]),
    op.localGet(L.eta),
    op.localGet(L.yi),
    op.f64Mul,
    op.localSet(L.update),
    op.end,
    op.localGet(L.scale),
    op.f64Const(0),
    op.f64Const(1),
    op.localGet(L.eta),
    op.localGet(L.alpha),
    op.f64Mul,
    op.f64Sub,
    op.f64Max,
    op.f64Mul,
    op.localSet(L.scale),
    op.localGet(L.scale),
    op.f64Const(SMALLEST_SCALE),
    op.f64Lt,
    op.if,
    ...fold,
    op.f64Const(1),
    op.localSet(L.scale),
    op.end,
    op.localGet(L.update),
    op.f64Const(0),
    op.f64Ne,
    op.if,
    op.localGet(L.update),
    op.localGet(L.scale),
    op.f64Div,
    op.localSet(L.step),
    ...update,
    ...addToLocal(L.intercept, [op.localGet(L.update)]),
    op.end,
    ...addToLocal(L.t, [op.f64Const(1)]),
  ];
}

/** The state's first `count` values into locals, or the locals back into it. */
function stateValues(state: number, locals: readonly number[], store: boolean): Code {
  return locals.flatMap((local, k) => (store ? [op.localGet(state), op.localGet(local), op.f64Store(k * 8)] : [op.localGet(state), op.f64Load(k * 8), op.localSet(local)]));
}

// dense(data, cols, y, order, rows, alpha, optimalInit, w, state) -> the epoch's loss
const DN = {
  data: 0,
  cols: 1,
  y: 2,
  order: 3,
  rows: 4,
  alpha: 5,
  optimalInit: 6,
  w: 7,
  state: 8,
  s: 9,
  i: 10,
  row: 11,
  j: 12,
  scale: 13,
  intercept: 14,
  t: 15,
  dot: 16,
  eta: 17,
  z: 18,
  update: 19,
  step: 20,
  sum: 21,
  yi: 22,
} as const;

/** weights[j] and row[j], j a local. */
const denseWeight = elementAddress(DN.w, DN.j, 3);
const denseValue = elementAddress(DN.row, DN.j, 3);
const overDenseColumns = (body: Code): Code => forRange(DN.j, [op.i32Const(0)], [op.localGet(DN.cols)], body);

/** densePass for every row of the epoch, in order; returns the epoch's summed loss, the state written back. */
const EPOCH: KernelSpec = {
  params: [I32, I32, I32, I32, I32, F64, F64, I32, I32],
  results: [F64],
  locals: [
    { count: 4, type: I32 },
    { count: 10, type: F64 },
  ],
  body: [
    ...stateValues(DN.state, [DN.scale, DN.intercept, DN.t], false),
    op.f64Const(0),
    op.localSet(DN.sum),
    ...forRange(DN.s, [op.i32Const(0)], [op.localGet(DN.rows)], [
      // i = order[s]; row = data + i cols 8
      ...elementAddress(DN.order, DN.s, 2),
      op.i32Load(),
      op.localTee(DN.i),
      op.localGet(DN.cols),
      op.i32Mul,
      op.i32Const(3),
      op.i32Shl,
      op.localGet(DN.data),
      op.i32Add,
      op.localSet(DN.row),
      op.f64Const(0),
      op.localSet(DN.dot),
      ...overDenseColumns(addToLocal(DN.dot, [...denseWeight, op.f64Load(), ...denseValue, op.f64Load(), op.f64Mul])),
      ...hingeStep(
        DN,
        overDenseColumns([...denseWeight, ...denseWeight, op.f64Load(), op.localGet(DN.scale), op.f64Mul, op.f64Store()]),
        overDenseColumns(addToF64(denseWeight, [...denseValue, op.f64Load(), op.localGet(DN.step), op.f64Mul])),
      ),
    ]),
    ...stateValues(DN.state, [DN.scale, DN.intercept, DN.t], true),
    op.localGet(DN.sum),
  ],
};

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
  const memory = kernelMemory(stateAt + STATE_VALUES * 8);
  if (memory === null) return null;
  const run = new WebAssembly.Instance(hingeModule(), { env: { memory } }).exports.split as (...args: number[]) => number;
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

// split(from, to, numeric, rowValues, start, entries, delta, base, positions, baseBase, y, order, alpha, optimalInit, w, state, lossSoFar) -> the loss so far
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
  s: 17,
  i: 18,
  o: 19,
  q: 20,
  first: 21,
  end: 22,
  e: 23,
  scale: 24,
  intercept: 25,
  t: 26,
  beta: 27,
  vBase: 28,
  dot: 29,
  baseEntries: 30,
  eta: 31,
  yi: 32,
  z: 33,
  update: 34,
  step: 35,
  sum: 36,
  vb: 37,
} as const;

/** The address of position entries[e] in the f64 array `array`. */
function entryAddress(array: number): Code {
  return indirectF64Address(array, SP.entries, SP.e);
}

const overNumeric = (body: Code): Code => forRange(SP.q, [op.i32Const(0)], [op.localGet(SP.numeric)], body);
const overEntries = (body: Code): Code => forRange(SP.e, [op.localGet(SP.first)], [op.localGet(SP.end)], body);
const overPositions = (body: Code): Code => forRange(SP.q, [op.i32Const(0)], [op.localGet(SP.positions)], body);

/** vb = v . base, positions in order from 0. */
const vDotBase: Code = [op.f64Const(0), op.localSet(SP.vb), ...overPositions(addToLocal(SP.vb, [...elementAddress(SP.w, SP.q, 3), op.f64Load(), ...elementAddress(SP.base, SP.q, 3), op.f64Load(), op.f64Mul]))];

/** splitPass for rows order[from..to - 1]. */
const SPLIT_PASS: KernelSpec = {
  params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, I32, I32, F64, F64, I32, I32, F64],
  results: [F64],
  locals: [
    { count: 7, type: I32 },
    { count: 14, type: F64 },
  ],
  body: [
    ...stateValues(SP.state, [SP.scale, SP.intercept, SP.t, SP.beta, SP.vBase], false),
    op.localGet(SP.lossSoFar),
    op.localSet(SP.sum),
    ...forRange(SP.s, [op.localGet(SP.from)], [op.localGet(SP.to)], [
      // i = order[s]; o = the address of row i's first numeric value, rowValues[i (1 + numeric) + 1]
      ...elementAddress(SP.order, SP.s, 2),
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
      // dot = the numeric w[q] x_q, then w[P] delta[P] over the row's entries
      op.f64Const(0),
      op.localSet(SP.dot),
      ...overNumeric(addToLocal(SP.dot, [...elementAddress(SP.w, SP.q, 3), op.f64Load(), ...elementAddress(SP.o, SP.q, 3), op.f64Load(), op.f64Mul])),
      ...elementAddress(SP.start, SP.i, 2),
      op.i32Load(),
      op.localSet(SP.first),
      ...elementAddress(SP.start, SP.i, 2),
      op.i32Load(4),
      op.localSet(SP.end),
      ...overEntries(addToLocal(SP.dot, [...entryAddress(SP.w), op.f64Load(), ...entryAddress(SP.delta), op.f64Load(), op.f64Mul])),
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
      ...hingeStep(
        SP,
        [
          ...overPositions([...elementAddress(SP.w, SP.q, 3), ...elementAddress(SP.w, SP.q, 3), op.f64Load(), op.localGet(SP.scale), op.f64Mul, op.f64Store()]),
          op.localGet(SP.beta),
          op.localGet(SP.scale),
          op.f64Mul,
          op.localSet(SP.beta),
          ...vDotBase,
          op.localGet(SP.vb),
          op.localSet(SP.vBase),
        ],
        [
          ...overNumeric(addToF64(elementAddress(SP.w, SP.q, 3), [...elementAddress(SP.o, SP.q, 3), op.f64Load(), op.localGet(SP.step), op.f64Mul])),
          ...overEntries(addToF64(entryAddress(SP.w), [...entryAddress(SP.delta), op.f64Load(), op.localGet(SP.step), op.f64Mul])),
          ...addToLocal(SP.vBase, [op.localGet(SP.step), op.localGet(SP.baseEntries), op.f64Mul]),
          ...addToLocal(SP.beta, [op.localGet(SP.step)]),
        ],
      ),
    ]),
    ...stateValues(SP.state, [SP.scale, SP.intercept, SP.t, SP.beta], true),
    // v . base recomputed at the pass's end, as splitPass does, so that its rounding cannot drift.
    ...vDotBase,
    op.localGet(SP.state),
    op.localGet(SP.vb),
    op.f64Store(32),
    op.localGet(SP.sum),
  ],
};

import type { RareColumns } from "../stats/rareColumns.js";
import { addToF64, addToLocal, elementAddress, F64, forRange, I32, indirectF64Address, kernelMemory, lazyModule, op, type Code, type KernelSpec, type ValueType } from "../stats/wasmAssembly.js";

/**
 * The binary logistic regression's passes over the split form (logisticSplit.ts) as WebAssembly
 * kernels: the margins, the residuals' sums and the Hessian's row products, row by row, each sum
 * added to in row order as there, so the same bits, without V8's bounds checks (wasmAssembly.ts).
 * The link (an exp and a log a row) and the O(positions) steps around the passes stay in
 * JavaScript, on views of the kernel's memory.
 */
export interface LogisticSplitKernel {
  /** rows: the margins after margins(), the residuals p - y once the link has run on them. */
  readonly z: Float64Array;
  /** By position: w_P delta_P, written before margins(). */
  readonly stepWeight: Float64Array;
  /** After residualSums(): the numeric positions' sums of r x, and at index cols the sum of r. */
  readonly sums: Float64Array;
  /** After residualSums(): per binary position, the sum of r over its rows. */
  readonly rareSum: Float64Array;
  /** After rowProducts(): E~^T D E~ before the deltas' scaling (width x width, lower triangle), and the numeric positions' sums of d x. */
  readonly inner: Float64Array;
  readonly u: Float64Array;
  /** z = offset + numeric values . w + the step weights of each row's entries. */
  margins(offset: number, w: Float64Array): void;
  residualSums(): void;
  /** Returns the sum of d = p (1 - p). */
  rowProducts(): number;
}

const logisticModule = lazyModule(() => ({ margins: MARGINS, residualSums: RESIDUAL_SUMS, rowProducts: ROW_PRODUCTS }));

/** The kernels over a copy of the split's rows and the labels y (0 or 1), or null past wasmAssembly.ts's MAX_KERNEL_BYTES. */
export function logisticSplitKernel(split: RareColumns, y: Int32Array): LogisticSplitKernel | null {
  const { numericCount, rowValues, start, entries } = split;
  const rows = start.length - 1;
  const cols = split.base.length;
  const width = cols + 1;
  const sizes: [string, number][] = [
    ["rowValues", rowValues.length * 8],
    ["start", start.length * 4],
    ["entries", entries.length * 4],
    ["y", rows * 4],
    ["z", rows * 8],
    ["stepWeight", cols * 8],
    ["w", numericCount * 8],
    ["sums", width * 8],
    ["rareSum", cols * 8],
    ["inner", width * width * 8],
    ["weighted", numericCount * 8],
    ["u", width * 8],
  ];
  const at: Record<string, number> = {};
  let bytes = 0;
  for (const [name, size] of sizes) {
    at[name] = bytes;
    bytes += Math.ceil(size / 8) * 8;
  }
  const memory = kernelMemory(bytes);
  if (memory === null) return null;
  const { exports } = new WebAssembly.Instance(logisticModule(), { env: { memory } });
  const f64 = (name: string, length: number): Float64Array => new Float64Array(memory.buffer, at[name], length);
  const i32 = (name: string, length: number): Int32Array => new Int32Array(memory.buffer, at[name], length);
  f64("rowValues", rowValues.length).set(rowValues);
  i32("start", start.length).set(start);
  i32("entries", entries.length).set(entries);
  i32("y", rows).set(y.subarray(0, rows));
  const weights = f64("w", numericCount);
  const sums = f64("sums", width);
  const rareSum = f64("rareSum", cols);
  const inner = f64("inner", width * width);
  const u = f64("u", width);
  const margins = exports.margins as (...args: number[]) => void;
  const residualSums = exports.residualSums as (...args: number[]) => void;
  const rowProducts = exports.rowProducts as (...args: number[]) => number;
  return {
    z: f64("z", rows),
    stepWeight: f64("stepWeight", cols),
    sums,
    rareSum,
    inner,
    u,
    margins: (offset, w) => {
      weights.set(w.subarray(0, numericCount));
      margins(rows, numericCount, at.rowValues, at.start, at.entries, offset, at.stepWeight, at.w, at.z);
    },
    residualSums: () => {
      sums.fill(0);
      rareSum.fill(0);
      residualSums(rows, numericCount, at.rowValues, at.start, at.entries, cols, at.z, at.sums, at.rareSum);
    },
    rowProducts: () => {
      inner.fill(0);
      u.fill(0);
      return rowProducts(rows, numericCount, at.rowValues, at.start, at.entries, width, at.z, at.y, at.inner, at.weighted, at.u);
    },
  };
}

// Parameters shared by the three kernels.
const ROWS = 0;
const NUMERIC = 1;
const ROW_VALUES = 2;
const START = 3;
const ENTRIES = 4;
const SHARED: readonly ValueType[] = [I32, I32, I32, I32, I32];

/** Row `row`'s first numeric value's address: rowValues + (row (1 + numeric) + 1) * 8, into `into`. */
function rowAddress(row: number, into: number): Code {
  return [op.localGet(row), op.localGet(NUMERIC), op.i32Const(1), op.i32Add, op.i32Mul, op.i32Const(1), op.i32Add, op.i32Const(3), op.i32Shl, op.localGet(ROW_VALUES), op.i32Add, op.localSet(into)];
}

/** start[row] and start[row + 1] into two locals. */
function entryRange(row: number, from: number, to: number): Code {
  return [...elementAddress(START, row, 2), op.i32Load(), op.localSet(from), ...elementAddress(START, row, 2), op.i32Load(4), op.localSet(to)];
}

/** The locals a pass over the split's rows walks with: the row, its values' address, a numeric position, an entry and the row's entry range. */
interface RowLocals {
  readonly i: number;
  readonly vo: number;
  readonly q: number;
  readonly e: number;
  readonly from: number;
  readonly to: number;
}

/** For every row i in order: `row`, then `numeric` for each numeric position q, then `entry` for each of its entries e, then `after`. */
function overSplitRows(L: RowLocals, parts: { readonly row: Code; readonly numeric: Code; readonly entry: Code; readonly after: Code }): Code {
  return forRange(L.i, [op.i32Const(0)], [op.localGet(ROWS)], [
    ...rowAddress(L.i, L.vo),
    ...parts.row,
    ...forRange(L.q, [op.i32Const(0)], [op.localGet(NUMERIC)], parts.numeric),
    ...entryRange(L.i, L.from, L.to),
    ...forRange(L.e, [op.localGet(L.from)], [op.localGet(L.to)], parts.entry),
    ...parts.after,
  ]);
}

// margins(rows, numeric, rowValues, start, entries, offset, stepWeight, w, z)
const M_OFFSET = 5;
const M_STEP_WEIGHT = 6;
const M_W = 7;
const M_Z = 8;
const M_I = 9;
const M_Q = 10;
const M_E = 11;
const M_VO = 12;
const M_FROM = 13;
const M_TO = 14;
const M_S = 15;

const M_ROWS: RowLocals = { i: M_I, vo: M_VO, q: M_Q, e: M_E, from: M_FROM, to: M_TO };

const MARGINS: KernelSpec = {
  params: [...SHARED, F64, I32, I32, I32],
  results: [],
  locals: [
    { count: 6, type: I32 },
    { count: 1, type: F64 },
  ],
  body: overSplitRows(M_ROWS, {
    row: [op.localGet(M_OFFSET), op.localSet(M_S)],
    numeric: addToLocal(M_S, [...elementAddress(M_VO, M_Q, 3), op.f64Load(), ...elementAddress(M_W, M_Q, 3), op.f64Load(), op.f64Mul]),
    entry: addToLocal(M_S, [...indirectF64Address(M_STEP_WEIGHT, ENTRIES, M_E), op.f64Load()]),
    after: [...elementAddress(M_Z, M_I, 3), op.localGet(M_S), op.f64Store()],
  }),
};

// residualSums(rows, numeric, rowValues, start, entries, cols, r, sums, rareSum)
const S_COLS = 5;
const S_R = 6;
const S_SUMS = 7;
const S_RARE = 8;
const S_I = 9;
const S_Q = 10;
const S_E = 11;
const S_VO = 12;
const S_FROM = 13;
const S_TO = 14;
const S_RI = 15;

const RESIDUAL_SUMS: KernelSpec = {
  params: [...SHARED, I32, I32, I32, I32],
  results: [],
  locals: [
    { count: 6, type: I32 },
    { count: 1, type: F64 },
  ],
  body: overSplitRows(
    { i: S_I, vo: S_VO, q: S_Q, e: S_E, from: S_FROM, to: S_TO },
    {
      row: [...elementAddress(S_R, S_I, 3), op.f64Load(), op.localSet(S_RI)],
      numeric: addToF64(elementAddress(S_SUMS, S_Q, 3), [op.localGet(S_RI), ...elementAddress(S_VO, S_Q, 3), op.f64Load(), op.f64Mul]),
      entry: addToF64(indirectF64Address(S_RARE, ENTRIES, S_E), [op.localGet(S_RI)]),
      after: addToF64(elementAddress(S_SUMS, S_COLS, 3), [op.localGet(S_RI)]),
    },
  ),
};

// rowProducts(rows, numeric, rowValues, start, entries, width, residual, y, inner, weighted, u) -> total
const P_WIDTH = 5;
const P_RESIDUAL = 6;
const P_Y = 7;
const P_INNER = 8;
const P_WEIGHTED = 9;
const P_U = 10;
const P_I = 11;
const P_Q = 12;
const P_R = 13;
const P_E = 14;
const P_F = 15;
const P_VO = 16;
const P_FROM = 17;
const P_TO = 18;
const P_ROW = 19;
const P_D = 20;
const P_DX = 21;
const P_TOTAL = 22;

/** Address `into` = inner + position * width * 8, the position an i32 on the stack before it. */
function innerRow(into: number): Code {
  return [op.localGet(P_WIDTH), op.i32Mul, op.i32Const(3), op.i32Shl, op.localGet(P_INNER), op.i32Add, op.localSet(into)];
}

const ROW_PRODUCTS: KernelSpec = {
  params: [...SHARED, I32, I32, I32, I32, I32, I32],
  results: [F64],
  locals: [
    { count: 9, type: I32 },
    { count: 3, type: F64 },
  ],
  body: [
    op.f64Const(0),
    op.localSet(P_TOTAL),
    ...overSplitRows(
      { i: P_I, vo: P_VO, q: P_Q, e: P_E, from: P_FROM, to: P_TO },
      {
        // p = residual + y; d = p (1 - p); total += d
        row: [
          ...elementAddress(P_RESIDUAL, P_I, 3),
          op.f64Load(),
          ...elementAddress(P_Y, P_I, 2),
          op.i32Load(),
          op.f64ConvertI32S,
          op.f64Add,
          op.localTee(P_DX),
          op.f64Const(1),
          op.localGet(P_DX),
          op.f64Sub,
          op.f64Mul,
          op.localSet(P_D),
          ...addToLocal(P_TOTAL, [op.localGet(P_D)]),
        ],
        // dx = d x_q into weighted[q] and u[q]; with the numeric positions r <= q
        numeric: [
          op.localGet(P_D),
          ...elementAddress(P_VO, P_Q, 3),
          op.f64Load(),
          op.f64Mul,
          op.localSet(P_DX),
          ...elementAddress(P_WEIGHTED, P_Q, 3),
          op.localGet(P_DX),
          op.f64Store(),
          ...addToF64(elementAddress(P_U, P_Q, 3), [op.localGet(P_DX)]),
          op.localGet(P_Q),
          ...innerRow(P_ROW),
          ...forRange(P_R, [op.i32Const(0)], [op.localGet(P_Q)], addToF64(elementAddress(P_ROW, P_R, 3), [op.localGet(P_DX), ...elementAddress(P_VO, P_R, 3), op.f64Load(), op.f64Mul]), { inclusive: true }),
        ],
        // A binary entry: with the numeric positions (weighted) and the row's entries up to it (d).
        entry: [
          ...elementAddress(ENTRIES, P_E, 2),
          op.i32Load(),
          ...innerRow(P_ROW),
          ...forRange(P_Q, [op.i32Const(0)], [op.localGet(NUMERIC)], addToF64(elementAddress(P_ROW, P_Q, 3), [...elementAddress(P_WEIGHTED, P_Q, 3), op.f64Load()])),
          ...forRange(P_F, [op.localGet(P_FROM)], [op.localGet(P_E)], addToF64(indirectF64Address(P_ROW, ENTRIES, P_F), [op.localGet(P_D)]), { inclusive: true }),
        ],
        after: [],
      },
    ),
    op.localGet(P_TOTAL),
  ],
};

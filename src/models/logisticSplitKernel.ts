import type { RareColumns } from "../stats/rareColumns.js";
import { F64, I32, kernelsModuleBytes, op, PAGE_BYTES, type KernelSpec, type ValueType } from "../stats/wasmAssembly.js";

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

/** Above this many bytes the JavaScript passes run instead (a wasm32 memory is at most 4 GiB). */
const MAX_KERNEL_BYTES = 1 << 30;

let compiled: WebAssembly.Module | null = null;

/** The kernels over a copy of the split's rows and the labels y (0 or 1), or null when they would not fit MAX_KERNEL_BYTES. */
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
  if (bytes > MAX_KERNEL_BYTES) return null;
  compiled ??= new WebAssembly.Module(kernelsModuleBytes({ margins: MARGINS, residualSums: RESIDUAL_SUMS, rowProducts: ROW_PRODUCTS }));
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE_BYTES)) });
  const { exports } = new WebAssembly.Instance(compiled, { env: { memory } });
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

type Code = (readonly number[])[];

/** for (local = from; local < to; local++) body, with i32 locals and bounds given as code. */
function count(local: number, from: Code, to: Code, body: Code, inclusive = false): Code {
  return [
    ...from,
    op.localSet(local),
    op.block,
    op.loop,
    op.localGet(local),
    ...to,
    inclusive ? op.i32GtS : op.i32GeS,
    op.brIf(1),
    ...body,
    op.localGet(local),
    op.i32Const(1),
    op.i32Add,
    op.localSet(local),
    op.br(0),
    op.end,
    op.end,
  ];
}

/** Address base + index * 8 (f64) or * 4 (i32), both locals. */
function at(base: number, index: number, shift: number): Code {
  return [op.localGet(base), op.localGet(index), op.i32Const(shift), op.i32Shl, op.i32Add];
}

/** Row `row`'s first numeric value's address: rowValues + (row (1 + numeric) + 1) * 8, into `into`. */
function rowAddress(row: number, into: number): Code {
  return [op.localGet(row), op.localGet(NUMERIC), op.i32Const(1), op.i32Add, op.i32Mul, op.i32Const(1), op.i32Add, op.i32Const(3), op.i32Shl, op.localGet(ROW_VALUES), op.i32Add, op.localSet(into)];
}

/** start[row] and start[row + 1] into two locals. */
function entryRange(row: number, from: number, to: number): Code {
  return [...at(START, row, 2), op.i32Load(), op.localSet(from), ...at(START, row, 2), op.i32Load(4), op.localSet(to)];
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

const MARGINS: KernelSpec = {
  params: [...SHARED, F64, I32, I32, I32],
  results: [],
  locals: [
    { count: 6, type: I32 },
    { count: 1, type: F64 },
  ],
  body: count(
    M_I,
    [op.i32Const(0)],
    [op.localGet(ROWS)],
    [
      ...rowAddress(M_I, M_VO),
      op.localGet(M_OFFSET),
      op.localSet(M_S),
      ...count(M_Q, [op.i32Const(0)], [op.localGet(NUMERIC)], [op.localGet(M_S), ...at(M_VO, M_Q, 3), op.f64Load(), ...at(M_W, M_Q, 3), op.f64Load(), op.f64Mul, op.f64Add, op.localSet(M_S)]),
      ...entryRange(M_I, M_FROM, M_TO),
      ...count(M_E, [op.localGet(M_FROM)], [op.localGet(M_TO)], [op.localGet(M_S), op.localGet(M_STEP_WEIGHT), ...at(ENTRIES, M_E, 2), op.i32Load(), op.i32Const(3), op.i32Shl, op.i32Add, op.f64Load(), op.f64Add, op.localSet(M_S)]),
      ...at(M_Z, M_I, 3),
      op.localGet(M_S),
      op.f64Store(),
    ],
  ),
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
const S_ADDRESS = 15;
const S_RI = 16;

/** *(f64*)address += value, address in a local. */
function addTo(address: number, value: Code): Code {
  return [op.localGet(address), op.localGet(address), op.f64Load(), ...value, op.f64Add, op.f64Store()];
}

const RESIDUAL_SUMS: KernelSpec = {
  params: [...SHARED, I32, I32, I32, I32],
  results: [],
  locals: [
    { count: 7, type: I32 },
    { count: 1, type: F64 },
  ],
  body: count(
    S_I,
    [op.i32Const(0)],
    [op.localGet(ROWS)],
    [
      ...rowAddress(S_I, S_VO),
      ...at(S_R, S_I, 3),
      op.f64Load(),
      op.localSet(S_RI),
      ...count(S_Q, [op.i32Const(0)], [op.localGet(NUMERIC)], [...at(S_SUMS, S_Q, 3), op.localSet(S_ADDRESS), ...addTo(S_ADDRESS, [op.localGet(S_RI), ...at(S_VO, S_Q, 3), op.f64Load(), op.f64Mul])]),
      ...entryRange(S_I, S_FROM, S_TO),
      ...count(S_E, [op.localGet(S_FROM)], [op.localGet(S_TO)], [op.localGet(S_RARE), ...at(ENTRIES, S_E, 2), op.i32Load(), op.i32Const(3), op.i32Shl, op.i32Add, op.localSet(S_ADDRESS), ...addTo(S_ADDRESS, [op.localGet(S_RI)])]),
      ...at(S_SUMS, S_COLS, 3),
      op.localSet(S_ADDRESS),
      ...addTo(S_ADDRESS, [op.localGet(S_RI)]),
    ],
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
const P_ADDRESS = 20;
const P_D = 21;
const P_DX = 22;
const P_TOTAL = 23;

const ROW_PRODUCTS: KernelSpec = {
  params: [...SHARED, I32, I32, I32, I32, I32, I32],
  results: [F64],
  locals: [
    { count: 10, type: I32 },
    { count: 3, type: F64 },
  ],
  body: [
    op.f64Const(0),
    op.localSet(P_TOTAL),
    ...count(
      P_I,
      [op.i32Const(0)],
      [op.localGet(ROWS)],
      [
        // p = residual + y; d = p (1 - p); total += d
        ...at(P_RESIDUAL, P_I, 3),
        op.f64Load(),
        ...at(P_Y, P_I, 2),
        op.i32Load(),
        op.f64ConvertI32S,
        op.f64Add,
        op.localTee(P_DX),
        op.f64Const(1),
        op.localGet(P_DX),
        op.f64Sub,
        op.f64Mul,
        op.localSet(P_D),
        op.localGet(P_TOTAL),
        op.localGet(P_D),
        op.f64Add,
        op.localSet(P_TOTAL),
        ...rowAddress(P_I, P_VO),
        ...count(P_Q, [op.i32Const(0)], [op.localGet(NUMERIC)], [
          op.localGet(P_D),
          ...at(P_VO, P_Q, 3),
          op.f64Load(),
          op.f64Mul,
          op.localSet(P_DX),
          ...at(P_WEIGHTED, P_Q, 3),
          op.localGet(P_DX),
          op.f64Store(),
          ...at(P_U, P_Q, 3),
          op.localSet(P_ADDRESS),
          ...addTo(P_ADDRESS, [op.localGet(P_DX)]),
          // row = inner + q width * 8
          op.localGet(P_Q),
          op.localGet(P_WIDTH),
          op.i32Mul,
          op.i32Const(3),
          op.i32Shl,
          op.localGet(P_INNER),
          op.i32Add,
          op.localSet(P_ROW),
          ...count(P_R, [op.i32Const(0)], [op.localGet(P_Q)], [...at(P_ROW, P_R, 3), op.localSet(P_ADDRESS), ...addTo(P_ADDRESS, [op.localGet(P_DX), ...at(P_VO, P_R, 3), op.f64Load(), op.f64Mul])], true),
        ]),
        // The row's binary entries: with the numeric positions (weighted) and pairwise (d).
        ...entryRange(P_I, P_FROM, P_TO),
        ...count(P_E, [op.localGet(P_FROM)], [op.localGet(P_TO)], [
          ...at(ENTRIES, P_E, 2),
          op.i32Load(),
          op.localGet(P_WIDTH),
          op.i32Mul,
          op.i32Const(3),
          op.i32Shl,
          op.localGet(P_INNER),
          op.i32Add,
          op.localSet(P_ROW),
          ...count(P_Q, [op.i32Const(0)], [op.localGet(NUMERIC)], [...at(P_ROW, P_Q, 3), op.localSet(P_ADDRESS), ...addTo(P_ADDRESS, [...at(P_WEIGHTED, P_Q, 3), op.f64Load()])]),
          ...count(P_F, [op.localGet(P_FROM)], [op.localGet(P_E)], [op.localGet(P_ROW), ...at(ENTRIES, P_F, 2), op.i32Load(), op.i32Const(3), op.i32Shl, op.i32Add, op.localSet(P_ADDRESS), ...addTo(P_ADDRESS, [op.localGet(P_D)])], true),
        ]),
      ],
    ),
    op.localGet(P_TOTAL),
  ],
};

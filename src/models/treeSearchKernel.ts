import { elementAddress, F64, I32, kernelMemory, lazyModule, op, type Code, type KernelSpec, type ValueType } from "../stats/wasmAssembly.js";

/**
 * projectionTree.ts's search (searchTree, every query in turn) as a WebAssembly kernel: the same
 * bounds, tests and sums in the same order, so the same neighbours (and the same bits of every
 * distance summed), without V8's bounds check on each of the search's loads and stores:
 * credit.csv fold (15,120 x 23, 1,680 queries) 86 to 65 ms for the whole kNN search, generated
 * gaussian tables 20,000 x 8 85 to 58 ms, 15,000 x 40 1,907 to 1,162 (20,000 x 3 17.7 to 18.5:
 * copying the rows into the kernel's memory costs about what it saves there).
 */

/** The tree, the training rows and the queries, as projectionTree.ts holds them. */
export interface TreeSearch {
  readonly cols: number;
  readonly k: number;
  readonly shrink: number;
  /** Training rows in training order (rows x cols). */
  readonly data: Float64Array;
  /** Tree order to training index. */
  readonly index: Int32Array;
  /** In tree order: rows x TREE_AXES projections, and each row's slack and residual interval. */
  readonly projection: Float64Array;
  readonly rowSlack: Float64Array;
  readonly rowResidualLow: Float64Array;
  readonly rowResidualHigh: Float64Array;
  /** Nodes: children (-1 for a leaf), run of rows in tree order, box (nodes x TREE_AXES), slack. */
  readonly nodes: number;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly slack: Float64Array;
  /** Queries (rows x cols), their projections, slacks and residual intervals. */
  readonly queries: number;
  readonly queryData: Float64Array;
  readonly queryProjection: Float64Array;
  readonly querySlack: Float64Array;
  readonly queryResidualLow: Float64Array;
  readonly queryResidualHigh: Float64Array;
  /** The order the queries are searched in. */
  readonly queryOrder: Int32Array;
}

/** Coordinates per row in the tree: the projections on a table's leading principal directions. */
export const TREE_AXES = 8;
const AXES = TREE_AXES;
/** The search's stack: deeper than any tree of median splits over fewer than 2^31 rows. */
export const STACK = 64;
/** Columns of an exact distance summed between two looks at whether it already exceeds the k-th best. */
export const PARTIAL_COLUMNS = 8;

const searchModule = lazyModule(() => ({ run: SEARCH }));

/** Where each array sits in the kernel's memory, in bytes, 8-aligned, in the order of `arrays`. */
function layout(arrays: readonly ArrayBufferView[]): { offsets: number[]; bytes: number } {
  const offsets: number[] = [];
  let at = 0;
  for (const array of arrays) {
    offsets.push(at);
    at += Math.ceil(array.byteLength / 8) * 8;
  }
  return { offsets, bytes: at };
}

function inputs(s: TreeSearch): ArrayBufferView[] {
  return [s.data, s.index, s.projection, s.rowSlack, s.rowResidualLow, s.rowResidualHigh, s.left, s.right, s.start, s.end, s.low, s.high, s.slack, s.queryData, s.queryProjection, s.querySlack, s.queryResidualLow, s.queryResidualHigh, s.queryOrder];
}

/** The inputs' addresses, then the output's and the scratch's, and the bytes in all. */
function kernelLayout(search: TreeSearch): { inputs: number[]; out: number; bestDistance: number; stackBound: number; bestIndex: number; stackNode: number; bytes: number } {
  const { offsets, bytes } = layout(inputs(search));
  const out = bytes;
  const bestDistance = out + Math.ceil((search.queries * search.k * 4) / 8) * 8;
  const stackBound = bestDistance + search.k * 8;
  const bestIndex = stackBound + STACK * 8;
  const stackNode = bestIndex + search.k * 4;
  return { inputs: offsets, out, bestDistance, stackBound, bestIndex, stackNode, bytes: stackNode + STACK * 4 };
}

/** Each query's k nearest training rows (queries x k, row-major by query index), as searchTree finds them; null past wasmAssembly.ts's MAX_KERNEL_BYTES. */
export function searchTreeKernel(search: TreeSearch): Int32Array | null {
  const at = kernelLayout(search);
  const memory = kernelMemory(at.bytes);
  if (memory === null) return null;
  const bytes = new Uint8Array(memory.buffer);
  inputs(search).forEach((array, a) => bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at.inputs[a]));
  const run = new WebAssembly.Instance(searchModule(), { env: { memory } }).exports.run as (...args: number[]) => void;
  const { k, queries } = search;
  run(queries, search.cols, k, search.shrink, at.out, at.bestDistance, at.bestIndex, at.stackNode, at.stackBound, ...at.inputs);
  return new Int32Array(memory.buffer.slice(at.out, at.out + queries * k * 4));
}

// Parameters: counts, then the scratch addresses, then the inputs' addresses in inputs()'s order.
const QUERIES = 0;
const COLS = 1;
const K = 2;
const SHRINK = 3;
const OUT = 4;
const BEST_DISTANCE = 5;
const BEST_INDEX = 6;
const STACK_NODE = 7;
const STACK_BOUND = 8;
const DATA = 9;
const INDEX = 10;
const PROJECTION = 11;
const ROW_SLACK = 12;
const ROW_LOW = 13;
const ROW_HIGH = 14;
const LEFT = 15;
const RIGHT = 16;
const START = 17;
const END = 18;
const LOW = 19;
const HIGH = 20;
const SLACK = 21;
const QUERY_DATA = 22;
const QUERY_PROJECTION = 23;
const QUERY_SLACK = 24;
const QUERY_LOW = 25;
const QUERY_HIGH = 26;
const QUERY_ORDER = 27;
const PARAMS: readonly ValueType[] = [I32, I32, I32, F64, ...Array.from({ length: 24 }, (): ValueType => I32)];

// i32 locals.
const QI = 28;
const Q = 29;
const QO = 30;
const TOP = 31;
const NODE = 32;
const L = 33;
const R = 34;
const T = 35;
const STOP = 36;
const IO = 37;
const J = 38;
const J_STOP = 39;
const FAR = 40;
const NEAR = 41;
const S = 42;
const LAST = 43;
const IDX = 44;
const PO = 45;
const ROW_BYTES = 46;
const M = 47;
const S_BEFORE = 48;
const PREVIOUS_INDEX = 49;
const I32_LOCALS = 22;
// f64 locals: P0..P7 the query's projections.
const P0 = 50;
const Q_SLACK = 58;
const Q_LOW = 59;
const Q_HIGH = 60;
const LIMIT = 61;
const BL = 62;
const BR = 63;
const BOUND = 64;
const X = 65;
const D = 66;
const WORST = 67;
const FAR_BOUND = 68;
const NEAR_BOUND = 69;
const LO = 70;
const HI = 71;
const PREVIOUS_DISTANCE = 72;
const F64_LOCALS = 23;


/** into = into + value * value. */
function addSquare(into: number, value: number): Code {
  return [op.localGet(into), op.localGet(value), op.localGet(value), op.f64Mul, op.f64Add, op.localSet(into)];
}

/** into = a > b ? a - b : c > d ? c - d : 0 (a comparison with NaN is false, as in JavaScript). */
function ternaryGap(a: number, b: number, c: number, d: number, into: number): Code {
  return [
    op.localGet(a),
    op.localGet(b),
    op.f64Sub,
    op.localGet(c),
    op.localGet(d),
    op.f64Sub,
    op.f64Const(0),
    op.localGet(c),
    op.localGet(d),
    op.f64Gt,
    op.select,
    op.localGet(a),
    op.localGet(b),
    op.f64Gt,
    op.select,
    op.localSet(into),
  ];
}

/** into = the squared distance from the query's projections to box `node` (a local), axes in order from 0 (projectionTree.ts's boxBound). */
function boxBound(node: number, into: number): Code {
  const code: Code = [op.f64Const(0), op.localSet(into)];
  for (let a = 0; a < AXES; a++) {
    code.push(op.localGet(node), op.i32Const(6), op.i32Shl, op.localGet(LOW), op.i32Add, op.f64Load(a * 8), op.localSet(LO));
    code.push(op.localGet(node), op.i32Const(6), op.i32Shl, op.localGet(HIGH), op.i32Add, op.f64Load(a * 8), op.localSet(HI));
    // v < lo ? lo - v : v > hi ? v - hi : 0
    code.push(...ternaryGap(LO, P0 + a, P0 + a, HI, X), ...addSquare(into, X));
  }
  return code;
}

/** i32: value * shrink - slack > limit, slack's f64 loaded by `slack`. */
function ruledOut(value: number, slack: Code): Code {
  return [op.localGet(value), op.localGet(SHRINK), op.f64Mul, ...slack, op.f64Sub, op.localGet(LIMIT), op.f64Gt];
}

/** Pushes (node, bound) when bound * shrink - slack[node] <= limit. */
function pushIfNear(node: number, bound: number): Code {
  return [
    op.localGet(bound),
    op.localGet(SHRINK),
    op.f64Mul,
    ...elementAddress(SLACK, node, 3),
    op.f64Load(),
    op.f64Sub,
    op.localGet(LIMIT),
    op.f64Le,
    op.if,
    ...elementAddress(STACK_NODE, TOP, 2),
    op.localGet(node),
    op.i32Store(),
    ...elementAddress(STACK_BOUND, TOP, 3),
    op.localGet(bound),
    op.f64Store(),
    op.localGet(TOP),
    op.i32Const(1),
    op.i32Add,
    op.localSet(TOP),
    op.end,
  ];
}

/** into = bl <= br ? ifNear : ifFar, for i32 or f64 locals alike. */
function byNearness(ifNear: number, ifFar: number, into: number): Code {
  return [op.localGet(ifNear), op.localGet(ifFar), op.localGet(BL), op.localGet(BR), op.f64Le, op.select, op.localSet(into)];
}

/** An inner node (L its left child): both boxes bounded, the far child pushed first, then the near one. */
const innerNode: Code = [
  ...elementAddress(RIGHT, NODE, 2),
  op.i32Load(),
  op.localSet(R),
  ...boxBound(L, BL),
  ...boxBound(R, BR),
  ...byNearness(R, L, FAR),
  ...byNearness(BR, BL, FAR_BOUND),
  ...byNearness(L, R, NEAR),
  ...byNearness(BL, BR, NEAR_BOUND),
  ...pushIfNear(FAR, FAR_BOUND),
  ...pushIfNear(NEAR, NEAR_BOUND),
];

/**
 * Offers training row IDX at distance D, known to be at most the k-th best's (projectionTree.ts's
 * offerNeighbour): it takes its place unless it ties the last and has a larger index.
 */
const offer: Code = [
  op.block,
  op.localGet(D),
  ...elementAddress(BEST_DISTANCE, LAST, 3),
  op.f64Load(),
  op.f64Eq,
  op.localGet(IDX),
  ...elementAddress(BEST_INDEX, LAST, 2),
  op.i32Load(),
  op.i32GtS,
  op.i32And,
  op.brIf(0),
  op.localGet(LAST),
  op.localSet(S),
  op.block,
  op.loop,
  op.localGet(S),
  op.i32Eqz,
  op.brIf(1),
  op.localGet(S),
  op.i32Const(1),
  op.i32Sub,
  op.localSet(S_BEFORE),
  ...elementAddress(BEST_DISTANCE, S_BEFORE, 3),
  op.f64Load(),
  op.localSet(PREVIOUS_DISTANCE),
  ...elementAddress(BEST_INDEX, S_BEFORE, 2),
  op.i32Load(),
  op.localSet(PREVIOUS_INDEX),
  // Stop unless bestDistance[s - 1] > d || (bestDistance[s - 1] === d && bestIndex[s - 1] > idx).
  op.localGet(PREVIOUS_DISTANCE),
  op.localGet(D),
  op.f64Gt,
  op.localGet(PREVIOUS_DISTANCE),
  op.localGet(D),
  op.f64Eq,
  op.localGet(PREVIOUS_INDEX),
  op.localGet(IDX),
  op.i32GtS,
  op.i32And,
  op.i32Or,
  op.i32Eqz,
  op.brIf(1),
  ...elementAddress(BEST_DISTANCE, S, 3),
  op.localGet(PREVIOUS_DISTANCE),
  op.f64Store(),
  ...elementAddress(BEST_INDEX, S, 2),
  op.localGet(PREVIOUS_INDEX),
  op.i32Store(),
  op.localGet(S_BEFORE),
  op.localSet(S),
  op.br(0),
  op.end,
  op.end,
  ...elementAddress(BEST_DISTANCE, S, 3),
  op.localGet(D),
  op.f64Store(),
  ...elementAddress(BEST_INDEX, S, 2),
  op.localGet(IDX),
  op.i32Store(),
  op.end,
];

/** D = the row's squared distance, columns in order, stopped once a partial sum of PARTIAL_COLUMNS columns exceeds WORST. */
const exactDistance: Code = [
  op.f64Const(0),
  op.localSet(D),
  op.i32Const(0),
  op.localSet(J),
  op.block,
  op.loop,
  op.localGet(J),
  op.localGet(ROW_BYTES),
  op.i32LtU,
  op.localGet(D),
  op.localGet(WORST),
  op.f64Le,
  op.i32And,
  op.i32Eqz,
  op.brIf(1),
  // J_STOP = min(rowBytes, j + 8 PARTIAL_COLUMNS)
  op.localGet(J),
  op.i32Const(8 * PARTIAL_COLUMNS),
  op.i32Add,
  op.localTee(J_STOP),
  op.localGet(ROW_BYTES),
  op.localGet(J_STOP),
  op.localGet(ROW_BYTES),
  op.i32LtU,
  op.select,
  op.localSet(J_STOP),
  op.block,
  op.loop,
  op.localGet(J),
  op.localGet(J_STOP),
  op.i32LtU,
  op.i32Eqz,
  op.brIf(1),
  op.localGet(QO),
  op.localGet(J),
  op.i32Add,
  op.f64Load(),
  op.localGet(IO),
  op.localGet(J),
  op.i32Add,
  op.f64Load(),
  op.f64Sub,
  op.localSet(X),
  ...addSquare(D, X),
  op.localGet(J),
  op.i32Const(8),
  op.i32Add,
  op.localSet(J),
  op.br(0),
  op.end,
  op.end,
  op.br(0),
  op.end,
  op.end,
];

/** A leaf's row T, inside a block whose br(0) passes on to the next row. */
function leafRow(): Code {
  const code: Code = [op.localGet(PROJECTION), op.localGet(T), op.i32Const(6), op.i32Shl, op.i32Add, op.localSet(PO)];
  code.push(op.localGet(P0), op.localGet(PO), op.f64Load(0), op.f64Sub, op.localSet(X), op.localGet(X), op.localGet(X), op.f64Mul, op.localSet(BOUND));
  for (let a = 1; a < AXES; a++) code.push(op.localGet(P0 + a), op.localGet(PO), op.f64Load(a * 8), op.f64Sub, op.localSet(X), ...addSquare(BOUND, X));
  const rowSlack = [...elementAddress(ROW_SLACK, T, 3), op.f64Load()];
  code.push(...ruledOut(BOUND, rowSlack), op.brIf(0));
  // The residuals' part: the squared gap between the row's interval and the query's.
  code.push(...elementAddress(ROW_LOW, T, 3), op.f64Load(), op.localSet(LO), ...elementAddress(ROW_HIGH, T, 3), op.f64Load(), op.localSet(HI));
  code.push(...ternaryGap(LO, Q_HIGH, Q_LOW, HI, X), ...addSquare(BOUND, X));
  code.push(...ruledOut(BOUND, rowSlack), op.brIf(0));
  code.push(...elementAddress(INDEX, T, 2), op.i32Load(), op.localTee(IDX), op.localGet(ROW_BYTES), op.i32Mul, op.localGet(DATA), op.i32Add, op.localSet(IO));
  code.push(...elementAddress(BEST_DISTANCE, LAST, 3), op.f64Load(), op.localSet(WORST));
  code.push(...exactDistance);
  code.push(op.localGet(D), op.localGet(WORST), op.f64Gt, op.brIf(0));
  code.push(...offer);
  code.push(...elementAddress(BEST_DISTANCE, LAST, 3), op.f64Load(), op.localGet(Q_SLACK), op.f64Add, op.localSet(LIMIT));
  return code;
}

/** One query's search, depth first, the nearer child first (projectionTree.ts's searchTree). */
function searchQuery(): Code {
  const code: Code = [];
  code.push(...elementAddress(QUERY_ORDER, QI, 2), op.i32Load(), op.localSet(Q));
  code.push(op.localGet(Q), op.localGet(ROW_BYTES), op.i32Mul, op.localGet(QUERY_DATA), op.i32Add, op.localSet(QO));
  code.push(...elementAddress(QUERY_PROJECTION, Q, 6), op.localSet(PO));
  for (let a = 0; a < AXES; a++) code.push(op.localGet(PO), op.f64Load(a * 8), op.localSet(P0 + a));
  code.push(...elementAddress(QUERY_SLACK, Q, 3), op.f64Load(), op.localSet(Q_SLACK));
  code.push(...elementAddress(QUERY_LOW, Q, 3), op.f64Load(), op.localSet(Q_LOW));
  code.push(...elementAddress(QUERY_HIGH, Q, 3), op.f64Load(), op.localSet(Q_HIGH));
  // The k best: Infinity and -1.
  code.push(op.i32Const(0), op.localSet(M));
  code.push(op.block, op.loop, op.localGet(M), op.localGet(K), op.i32LtU, op.i32Eqz, op.brIf(1));
  code.push(...elementAddress(BEST_DISTANCE, M, 3), op.f64Const(Infinity), op.f64Store(), ...elementAddress(BEST_INDEX, M, 2), op.i32Const(-1), op.i32Store());
  code.push(op.localGet(M), op.i32Const(1), op.i32Add, op.localSet(M), op.br(0), op.end, op.end);
  code.push(op.f64Const(Infinity), op.localSet(LIMIT));
  code.push(op.localGet(STACK_NODE), op.i32Const(0), op.i32Store(), op.localGet(STACK_BOUND), op.f64Const(0), op.f64Store(), op.i32Const(1), op.localSet(TOP));
  // while (top > 0), each node in a block whose br(0) passes on to the next node.
  code.push(op.block, op.loop, op.localGet(TOP), op.i32Eqz, op.brIf(1), op.block);
  code.push(op.localGet(TOP), op.i32Const(1), op.i32Sub, op.localSet(TOP));
  code.push(...elementAddress(STACK_NODE, TOP, 2), op.i32Load(), op.localSet(NODE));
  code.push(...elementAddress(STACK_BOUND, TOP, 3), op.f64Load(), op.localSet(BOUND));
  code.push(...ruledOut(BOUND, [...elementAddress(SLACK, NODE, 3), op.f64Load()]), op.brIf(0));
  code.push(...elementAddress(LEFT, NODE, 2), op.i32Load(), op.localTee(L), op.i32Const(0), op.i32GeS, op.if, ...innerNode, op.br(1), op.end);
  // A leaf: its rows, each in a block whose br(0) passes on to the next row.
  code.push(...elementAddress(START, NODE, 2), op.i32Load(), op.localSet(T), ...elementAddress(END, NODE, 2), op.i32Load(), op.localSet(STOP));
  code.push(op.block, op.loop, op.localGet(T), op.localGet(STOP), op.i32LtS, op.i32Eqz, op.brIf(1), op.block, ...leafRow(), op.end);
  code.push(op.localGet(T), op.i32Const(1), op.i32Add, op.localSet(T), op.br(0), op.end, op.end);
  code.push(op.end, op.br(0), op.end, op.end);
  // out[q * k + m] = bestIndex[m]
  code.push(op.i32Const(0), op.localSet(M));
  code.push(op.block, op.loop, op.localGet(M), op.localGet(K), op.i32LtU, op.i32Eqz, op.brIf(1));
  code.push(op.localGet(Q), op.localGet(K), op.i32Mul, op.localGet(M), op.i32Add, op.i32Const(2), op.i32Shl, op.localGet(OUT), op.i32Add);
  code.push(...elementAddress(BEST_INDEX, M, 2), op.i32Load(), op.i32Store());
  code.push(op.localGet(M), op.i32Const(1), op.i32Add, op.localSet(M), op.br(0), op.end, op.end);
  return code;
}

const SEARCH: KernelSpec = {
  params: PARAMS,
  results: [],
  locals: [
    { count: I32_LOCALS, type: I32 },
    { count: F64_LOCALS, type: F64 },
  ],
  body: [
    op.localGet(COLS),
    op.i32Const(3),
    op.i32Shl,
    op.localSet(ROW_BYTES),
    op.localGet(K),
    op.i32Const(1),
    op.i32Sub,
    op.localSet(LAST),
    op.i32Const(0),
    op.localSet(QI),
    op.block,
    op.loop,
    op.localGet(QI),
    op.localGet(QUERIES),
    op.i32LtU,
    op.i32Eqz,
    op.brIf(1),
    ...searchQuery(),
    op.localGet(QI),
    op.i32Const(1),
    op.i32Add,
    op.localSet(QI),
    op.br(0),
    op.end,
    op.end,
  ],
};

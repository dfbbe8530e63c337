import { I32, kernelMemory, lazyModule, op, V128, type Code, type KernelSpec } from "./wasmAssembly.js";

/**
 * gram.ts's tiles as a WebAssembly kernel with two-lane SIMD: each tile of 2 rows by 4 columns
 * keeps its eight sums in four f64x2 registers and adds a block row's products to them in row
 * order, each lane its own sum, so every sum is the scalar loop's bits (wasmAssembly.ts).
 * The block is row-major here (row r's padded columns adjacent), so that a row's four columns
 * of a tile are two 16-byte loads.
 */
export interface ScatterKernel {
  /** The padded sums, width x width, row-major (the lower triangle's tiles are added to). */
  readonly sums: Float64Array;
  /** BLOCK rows x width, row-major: the rows to add, filled before addBlock. */
  readonly block: Float64Array;
  /** Adds the block's first m rows' products into the sums' lower-triangle tiles. */
  addBlock(m: number): void;
}

const scatterModule = lazyModule(() => ({ run: TILES }));

/** A kernel for `width` padded columns (a multiple of 4) and blocks of `blockRows` rows, or null past wasmAssembly.ts's MAX_KERNEL_BYTES (gram.ts then keeps its JavaScript tiles). */
export function scatterKernel(width: number, blockRows: number): ScatterKernel | null {
  const sumsAt = 0;
  const blockAt = width * width * 8;
  const memory = kernelMemory(blockAt + blockRows * width * 8);
  if (memory === null) return null;
  const run = new WebAssembly.Instance(scatterModule(), { env: { memory } }).exports.run as (...args: number[]) => void;
  return {
    sums: new Float64Array(memory.buffer, sumsAt, width * width),
    block: new Float64Array(memory.buffer, blockAt, blockRows * width),
    addBlock: (m) => run(sumsAt, blockAt, width, m),
  };
}

// run(sums, block, width, m)
const SUMS = 0;
const BLOCK = 1;
const WIDTH = 2;
const M = 3;
// i32 locals
const J = 4;
const L = 5;
const R = 6;
const AT = 7;
const ROW = 8;
const ROW_BYTES = 9;
const END = 10;
// v128 locals: the tile's sums (row q, columns u and u + 1) and the row's values.
const G0_01 = 11;
const G0_23 = 12;
const G1_01 = 13;
const G1_23 = 14;
const A0 = 15;
const A1 = 16;
const B01 = 17;
const B23 = 18;

/** local += a * b, lanewise. */
function multiplyAdd(sum: number, a: number, b: number): Code {
  return [op.localGet(sum), op.localGet(a), op.localGet(b), op.f64x2Mul, op.f64x2Add, op.localSet(sum)];
}

/** The tile at sums + AT (bytes): its four f64x2 sums loaded or stored at AT, AT + 16, AT + width * 8, AT + width * 8 + 16. */
function tileSums(store: boolean): Code {
  const code: Code = [];
  const places: [number, Code][] = [
    [G0_01, [op.localGet(AT)]],
    [G0_23, [op.localGet(AT), op.i32Const(16), op.i32Add]],
    [G1_01, [op.localGet(AT), op.localGet(ROW_BYTES), op.i32Add]],
    [G1_23, [op.localGet(AT), op.localGet(ROW_BYTES), op.i32Add, op.i32Const(16), op.i32Add]],
  ];
  for (const [sum, address] of places) code.push(...(store ? [...address, op.localGet(sum), op.v128Store()] : [...address, op.v128Load(), op.localSet(sum)]));
  return code;
}

const TILES: KernelSpec = {
  params: [I32, I32, I32, I32],
  results: [],
  locals: [
    { count: 7, type: I32 },
    { count: 8, type: V128 },
  ],
  body: [
    op.localGet(WIDTH),
    op.i32Const(3),
    op.i32Shl,
    op.localSet(ROW_BYTES),
    // for (j = 0; j < width; j += 2)
    op.i32Const(0),
    op.localSet(J),
    op.block,
    op.loop,
    op.localGet(J),
    op.localGet(WIDTH),
    op.i32GeS,
    op.brIf(1),
    // for (l = 0; l <= j; l += 4)
    op.i32Const(0),
    op.localSet(L),
    op.block,
    op.loop,
    op.localGet(L),
    op.localGet(J),
    op.i32GtS,
    op.brIf(1),
    // AT = sums + (j width + l) 8
    op.localGet(J),
    op.localGet(WIDTH),
    op.i32Mul,
    op.localGet(L),
    op.i32Add,
    op.i32Const(3),
    op.i32Shl,
    op.localGet(SUMS),
    op.i32Add,
    op.localSet(AT),
    ...tileSums(false),
    // for (r = 0; r < m; r++), ROW the block row's address
    op.localGet(BLOCK),
    op.localSet(ROW),
    op.localGet(BLOCK),
    op.localGet(M),
    op.localGet(ROW_BYTES),
    op.i32Mul,
    op.i32Add,
    op.localSet(END),
    op.block,
    op.loop,
    op.localGet(ROW),
    op.localGet(END),
    op.i32GeU,
    op.brIf(1),
    op.localGet(ROW),
    op.localGet(J),
    op.i32Const(3),
    op.i32Shl,
    op.i32Add,
    op.localTee(R),
    op.f64Load(),
    op.f64x2Splat,
    op.localSet(A0),
    op.localGet(R),
    op.f64Load(8),
    op.f64x2Splat,
    op.localSet(A1),
    op.localGet(ROW),
    op.localGet(L),
    op.i32Const(3),
    op.i32Shl,
    op.i32Add,
    op.localTee(R),
    op.v128Load(),
    op.localSet(B01),
    op.localGet(R),
    op.v128Load(16),
    op.localSet(B23),
    ...multiplyAdd(G0_01, A0, B01),
    ...multiplyAdd(G0_23, A0, B23),
    ...multiplyAdd(G1_01, A1, B01),
    ...multiplyAdd(G1_23, A1, B23),
    op.localGet(ROW),
    op.localGet(ROW_BYTES),
    op.i32Add,
    op.localSet(ROW),
    op.br(0),
    op.end,
    op.end,
    ...tileSums(true),
    op.localGet(L),
    op.i32Const(4),
    op.i32Add,
    op.localSet(L),
    op.br(0),
    op.end,
    op.end,
    op.localGet(J),
    op.i32Const(2),
    op.i32Add,
    op.localSet(J),
    op.br(0),
    op.end,
    op.end,
  ],
};

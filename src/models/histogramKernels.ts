import { addToF64, elementAddress, F64, forRange, I32, indirectF64Address, kernelMemory, lazyModule, op, type Code, type KernelSpec } from "../stats/wasmAssembly.js";

/**
 * histogramGrower.ts's histogram passes as WebAssembly kernels: each row's gradient (and
 * hessian, or count) added into its features' bins, rows in the order the JavaScript passes take
 * them, so every bin's sums are the same bits, without V8's bounds checks (wasmAssembly.ts). The
 * grower's per-row arrays and a pool of histograms live in the kernels' memory, as views.
 */
export interface HistogramKernels {
  /** rows x cols: where row i's bin of feature j sits in a histogram (in f64 elements). */
  readonly slots: Uint32Array;
  readonly gradients: Float32Array;
  readonly hessians: Float32Array;
  /** Rows by node, as the grower partitions them. */
  readonly partition: Uint32Array;
  /** Histograms in the kernels' memory, free for the grower's pool. */
  readonly histograms: Float64Array[];
  /** Whether a histogram lives in the kernels' memory (one the pool ran short of does not). */
  owns(histogram: Float64Array): boolean;
  /** The root's sums of rows 0..rows - 1 (hessians too when `withHessians`) into `histogram`, counts already there. */
  addRoot(histogram: Float64Array, withHessians: boolean): void;
  /** The sums of the rows partition[from..to - 1], counts included, into `histogram`. */
  addNode(histogram: Float64Array, withHessians: boolean, from: number, to: number): void;
}

const histogramModule = lazyModule(() => ({ root: ROOT, node: NODE }));

/** Kernels for rows x cols, with `histograms` histograms of `histogramSize` values, or null past wasmAssembly.ts's MAX_KERNEL_BYTES (the grower then keeps its JavaScript arrays and passes). */
export function histogramKernels(rows: number, cols: number, histogramSize: number, histograms: number): HistogramKernels | null {
  const round8 = (bytes: number): number => Math.ceil(bytes / 8) * 8;
  const slotsAt = 0;
  const gradientsAt = round8(slotsAt + rows * cols * 4);
  const hessiansAt = round8(gradientsAt + rows * 4);
  const partitionAt = round8(hessiansAt + rows * 4);
  const histogramsAt = round8(partitionAt + rows * 4);
  const memory = kernelMemory(histogramsAt + histograms * histogramSize * 8);
  if (memory === null) return null;
  const { exports } = new WebAssembly.Instance(histogramModule(), { env: { memory } });
  const root = exports.root as (...args: number[]) => void;
  const node = exports.node as (...args: number[]) => void;
  const { buffer } = memory;
  return {
    slots: new Uint32Array(buffer, slotsAt, rows * cols),
    gradients: new Float32Array(buffer, gradientsAt, rows),
    hessians: new Float32Array(buffer, hessiansAt, rows),
    partition: new Uint32Array(buffer, partitionAt, rows),
    histograms: Array.from({ length: histograms }, (_, h) => new Float64Array(buffer, histogramsAt + h * histogramSize * 8, histogramSize)),
    owns: (histogram) => histogram.buffer === buffer,
    addRoot: (histogram, withHessians) => root(slotsAt, cols, gradientsAt, withHessians ? hessiansAt : -1, rows, histogram.byteOffset),
    addNode: (histogram, withHessians, from, to) => node(partitionAt, slotsAt, cols, gradientsAt, withHessians ? hessiansAt : -1, from, to, histogram.byteOffset),
  };
}

/**
 * Row ROW's features (k from ROW cols to ROW cols + cols - 1): slot = slots[k]; histogram[slot]
 * += g; then histogram[slot + 1] += h when hessians are given (HESSIANS >= 0), and
 * histogram[slot + 2] += 1 when `counting`. G and H hold the row's values.
 */
function addRow(p: { slots: number; cols: number; hessians: number; histogram: number; row: number; k: number; end: number; address: number; g: number; h: number }, counting: boolean): Code {
  const withHessian: Code = [op.localGet(p.hessians), op.i32Const(0), op.i32GeS, op.if, ...addToF64([op.localGet(p.address)], [op.localGet(p.h)], 8), op.end];
  // end = (row + 1) cols, set once; the loop from end - cols.
  const first = [op.localGet(p.row), op.localGet(p.cols), op.i32Mul, op.localGet(p.cols), op.i32Add, op.localTee(p.end), op.localGet(p.cols), op.i32Sub];
  return [
    ...forRange(p.k, first, [op.localGet(p.end)], [
      // address = histogram + slots[k] * 8
      ...indirectF64Address(p.histogram, p.slots, p.k),
      op.localSet(p.address),
      ...addToF64([op.localGet(p.address)], [op.localGet(p.g)]),
      ...withHessian,
      ...(counting ? addToF64([op.localGet(p.address)], [op.f64Const(1)], 16) : []),
    ]),
  ];
}

/** G (and H) = the row's gradient (and hessian), f32 widened to f64. */
function loadRow(gradients: number, hessians: number, row: number, g: number, h: number): Code {
  return [...elementAddress(gradients, row, 2), op.f32Load(), op.f64PromoteF32, op.localSet(g), op.localGet(hessians), op.i32Const(0), op.i32GeS, op.if, ...elementAddress(hessians, row, 2), op.f32Load(), op.f64PromoteF32, op.localSet(h), op.end];
}

// root(slots, cols, gradients, hessians or -1, rows, histogram): rows in order, counts not added.
const ROOT_PARAMS = { slots: 0, cols: 1, gradients: 2, hessians: 3, rows: 4, histogram: 5, row: 6, k: 7, end: 8, address: 9, g: 10, h: 11 };
const ROOT: KernelSpec = {
  params: [I32, I32, I32, I32, I32, I32],
  results: [],
  locals: [
    { count: 4, type: I32 },
    { count: 2, type: F64 },
  ],
  body: forRange(ROOT_PARAMS.row, [op.i32Const(0)], [op.localGet(ROOT_PARAMS.rows)], [...loadRow(ROOT_PARAMS.gradients, ROOT_PARAMS.hessians, ROOT_PARAMS.row, ROOT_PARAMS.g, ROOT_PARAMS.h), ...addRow(ROOT_PARAMS, false)]),
};

// node(partition, slots, cols, gradients, hessians or -1, from, to, histogram): rows partition[from..to - 1], counts added.
const NODE_PARAMS = { partition: 0, slots: 1, cols: 2, gradients: 3, hessians: 4, from: 5, to: 6, histogram: 7, p: 8, row: 9, k: 10, end: 11, address: 12, g: 13, h: 14 };
const NODE: KernelSpec = {
  params: [I32, I32, I32, I32, I32, I32, I32, I32],
  results: [],
  locals: [
    { count: 5, type: I32 },
    { count: 2, type: F64 },
  ],
  body: forRange(NODE_PARAMS.p, [op.localGet(NODE_PARAMS.from)], [op.localGet(NODE_PARAMS.to)], [
    ...elementAddress(NODE_PARAMS.partition, NODE_PARAMS.p, 2),
    op.i32Load(),
    op.localSet(NODE_PARAMS.row),
    ...loadRow(NODE_PARAMS.gradients, NODE_PARAMS.hessians, NODE_PARAMS.row, NODE_PARAMS.g, NODE_PARAMS.h),
    ...addRow(NODE_PARAMS, true),
  ]),
};

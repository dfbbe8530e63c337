import type { Matrix } from "./matrix.js";
import { rowsPerCall } from "./rowBlocks.js";
import { scatterKernel } from "./scatterKernel.js";

/** Rows per block: a block of 64 rows of 100 columns (51 kB) stays in the L1/L2 cache while its tiles are formed. */
/**
 * Products (rows x padded columns^2) from which the kernel forms the tiles: below, its memory and
 * instance cost more than it saves (190 x 8: 15 against 7 us in JavaScript; 400 x 16: 30
 * against 36; 15,000 x 24: 1.3 against 2.6 ms).
 */
const KERNEL_FROM = 65_536;
const BLOCK = 64;

/**
 * The scatter matrix sum over `rowList` (every row, in order, when null) of (x - shift)(x - shift)^T,
 * full and symmetric (cols x cols, row-major); shift 0 when null, which makes it X'X. The sums
 * are the plain in-order ones, bit for bit: each entry starts at 0 and adds its rows' products in
 * the order listed, as a loop `for row: for j: for l: G[j][l] += v_j v_l` would. What changes is
 * the order of the work: the rows go by blocks of 64, copied column by column (shifted) into a
 * small buffer, and each tile of the triangle (2 rows by 4 columns, addTile) is formed from a
 * block with its sums kept in registers, so every value loaded serves several products instead
 * of 1, which is 4x faster than the per-row rank-1 update into the cols x cols array (a
 * census-shaped fold, 20,512 x 67: 97 ms to 23 ms, with 4 x 4 tiles then).
 */
export function denseScatter(X: Matrix, rowList: Uint32Array | null = null, shift: Float64Array | null = null, kernelFrom = KERNEL_FROM): Float64Array {
  const { rows, cols, data } = X;
  if (shift !== null && shift.length !== cols) throw new RangeError(`${shift.length} shifts for ${cols} columns`);
  const count = rowList === null ? rows : rowList.length;
  // Columns padded to a multiple of 4 with zeros: a tile's padded products add nothing anyone reads.
  const width = (cols + 3) & ~3;
  // The tiles in a WebAssembly kernel (scatterKernel.ts), the same sums, from kernelFrom products
  // on; below, addTile.
  const kernel = count * width * width >= kernelFrom ? scatterKernel(width, BLOCK) : null;
  const sums = kernel?.sums ?? new Float64Array(width * width);
  const block = kernel?.block ?? new Float64Array(width * BLOCK);
  // The kernel's block is row-major, addTile's column-major.
  const rowStride = kernel === null ? 1 : width;
  const columnStride = kernel === null ? BLOCK : 1;
  // A block a call, its rows copied a few a call, the triangle mirrored a few rows a call: a fit
  // forms its scatter once (rowBlocks.ts's CALL_STEPS).
  for (let first = 0; first < count; first += BLOCK) {
    const m = Math.min(BLOCK, count - first);
    for (let r = 0, step = rowsPerCall(cols); r < m; r += step) copyRows(data, rows, cols, rowList, shift, first, r, Math.min(m, r + step), block, rowStride, columnStride);
    if (kernel !== null) kernel.addBlock(m);
    else addTiles(block, sums, width, m);
  }
  const out = new Float64Array(cols * cols);
  for (let from = 0, step = rowsPerCall(cols); from < cols; from += step) mirrorRows(sums, width, cols, from, Math.min(cols, from + step), out);
  return out;
}

/** The products of the block's m rows (column-major) into the triangle's tiles. */
function addTiles(block: Float64Array, sums: Float64Array, width: number, m: number): void {
  for (let j = 0; j < width; j += 2) {
    const a = j * BLOCK;
    for (let l = 0; l <= j; l += 4) addTile(sums, width, j * width + l, block, a, l * BLOCK, m);
  }
}

/** Block rows from..to - 1 (rows first + from.. of the list), shifted, into the block: row r's column j at r rowStride + j columnStride. */
function copyRows(data: Float64Array, rows: number, cols: number, rowList: Uint32Array | null, shift: Float64Array | null, first: number, from: number, to: number, block: Float64Array, rowStride: number, columnStride: number): void {
  for (let r = from; r < to; r++) {
    const i = rowList === null ? first + r : rowList[first + r];
    if (i >= rows) throw new RangeError(`row ${i} of ${rows}`);
    const o = i * cols;
    const b = r * rowStride;
    if (shift === null) for (let j = 0; j < cols; j++) block[b + j * columnStride] = data[o + j];
    else for (let j = 0; j < cols; j++) block[b + j * columnStride] = data[o + j] - shift[j];
  }
}

/** Rows from..to - 1 of the lower triangle of the padded sums into out, and their mirror images above the diagonal. */
function mirrorRows(sums: Float64Array, width: number, cols: number, from: number, to: number, out: Float64Array): void {
  for (let j = from; j < to; j++) {
    for (let l = 0; l <= j; l++) {
      out[j * cols + l] = sums[j * width + l];
      out[l * cols + j] = sums[j * width + l];
    }
  }
}

/**
 * sums[at + (q, u)] += sum over the block's m rows of column a+q times column b+u, q < 2, u < 4,
 * rows in order. Two rows of the triangle by four columns: eight sums and the six values a row
 * brings fit the CPU's sixteen vector registers, where the 4 x 4 tile's sixteen sums and eight
 * values spilled (a 15,000 x 24 scatter 2.5 to 2.1 ms, 15,000 x 67 16.3 to 13.8); a tile that
 * reaches past the diagonal adds sums that mirrorRows never reads.
 */
function addTile(sums: Float64Array, width: number, at: number, block: Float64Array, a: number, b: number, m: number): void {
  let g00 = sums[at];
  let g01 = sums[at + 1];
  let g02 = sums[at + 2];
  let g03 = sums[at + 3];
  let g10 = sums[at + width];
  let g11 = sums[at + width + 1];
  let g12 = sums[at + width + 2];
  let g13 = sums[at + width + 3];
  for (let r = 0; r < m; r++) {
    const a0 = block[a + r];
    const a1 = block[a + BLOCK + r];
    const b0 = block[b + r];
    const b1 = block[b + BLOCK + r];
    const b2 = block[b + 2 * BLOCK + r];
    const b3 = block[b + 3 * BLOCK + r];
    g00 += a0 * b0;
    g01 += a0 * b1;
    g02 += a0 * b2;
    g03 += a0 * b3;
    g10 += a1 * b0;
    g11 += a1 * b1;
    g12 += a1 * b2;
    g13 += a1 * b3;
  }
  sums[at] = g00;
  sums[at + 1] = g01;
  sums[at + 2] = g02;
  sums[at + 3] = g03;
  sums[at + width] = g10;
  sums[at + width + 1] = g11;
  sums[at + width + 2] = g12;
  sums[at + width + 3] = g13;
}

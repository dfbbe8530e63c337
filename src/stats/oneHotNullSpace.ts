import type { Matrix, OneHotBlock } from "./matrix.js";
import { rowsPerCall } from "./rowBlocks.js";
import { blockValues } from "./twoValuedColumns.js";

/**
 * Orthonormal directions along which X's columns, centred, are exactly dependent by construction
 * of its one-hot blocks (only blocks whose every row has a level on, as a training matrix's
 * always do; a level unseen in training leaves a row on none). With w_k = 1 / (on_k - off_k),
 * column k of a block is off_k + Z_k / w_k for the row's 0/1 indicator Z_k, so:
 * - each block's indicators sum to 1: sum of w_k x_k is constant;
 * - two blocks whose levels co-occur in c separate groups (marital status and relationship:
 *   every husband and wife married, no one else) have, per group, equal sums of indicators on
 *   either side: c - 1 more dependencies beyond the two blocks' own;
 * - a column outside the blocks that takes one value per level of a block (education-num beside
 *   education) is the sum of those values times the indicators.
 * Any other dependency (columns that are sums of others) is not found here. The candidates are
 * orthonormalised in turn, a candidate that depends on earlier ones dropped.
 */
export function oneHotNullDirections(X: Matrix): Float64Array[] {
  const blocks = (X.oneHot ?? []).filter((b) => b.width >= 2 && !b.level.includes(-1));
  const weights = blocks.map((block) => {
    const { on, off } = blockValues(X, block);
    return on.map((v, k) => 1 / (v - off[k]));
  });
  const usable = blocks.map((_, b) => weights[b].every(Number.isFinite));
  const candidates: Float64Array[] = [];
  blocks.forEach((block, b) => {
    if (usable[b]) candidates.push(blockSum(X.cols, [[block, weights[b], () => true]]));
  });
  for (let a = 0; a < blocks.length; a++) {
    for (let b = a + 1; b < blocks.length; b++) {
      if (!usable[a] || !usable[b]) continue;
      const group = cooccurrenceGroups(blocks[a], blocks[b]);
      const groups = Math.max(...group) + 1;
      for (let g = 1; g < groups; g++) {
        const wa = blocks[a].width;
        candidates.push(blockSum(X.cols, [[blocks[a], weights[a], (k) => group[k] === g], [blocks[b], Float64Array.from(weights[b], (w) => -w), (k) => group[wa + k] === g]]));
      }
    }
  }
  const inBlock = new Uint8Array(X.cols);
  for (const { first, width } of X.oneHot ?? []) inBlock.fill(1, first, first + width);
  for (let j = 0; j < X.cols; j++) {
    if (inBlock[j] === 1) continue;
    blocks.forEach((block, b) => {
      const values = usable[b] ? valuePerLevel(X, j, block) : null;
      if (values === null) return;
      const direction = blockSum(X.cols, [[block, Float64Array.from(weights[b], (w, k) => -w * values[k]), () => true]]);
      direction[j] = 1;
      candidates.push(direction);
    });
  }
  return orthonormalised(candidates);
}

/** sum over the given blocks' chosen columns k of weight_k e_k. */
function blockSum(cols: number, parts: readonly (readonly [OneHotBlock, Float64Array, (k: number) => boolean])[]): Float64Array {
  const direction = new Float64Array(cols);
  for (const [{ first, width }, weight, chosen] of parts) for (let k = 0; k < width; k++) if (chosen(k)) direction[first + k] = weight[k];
  return direction;
}

/**
 * The connected groups of the two blocks' levels, levels linked when a row has both: per level,
 * its group (a's levels first, then b's), numbered from 0.
 */
function cooccurrenceGroups(a: OneHotBlock, b: OneHotBlock): Int32Array {
  const parent = Int32Array.from({ length: a.width + b.width }, (_, k) => k);
  const seen = new Uint8Array(a.width * b.width);
  // A few rows a call (rowBlocks.ts's CALL_STEPS): a fit makes this pass once per pair of blocks.
  const rows = a.level.length;
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) linkLevels(a.level, a.width, b.level, b.width, from, Math.min(rows, from + step), seen, parent);
  const number = new Int32Array(parent.length).fill(-1);
  let next = 0;
  return Int32Array.from(parent, (_, k) => {
    const r = root(parent, k);
    if (number[r] < 0) number[r] = next++;
    return number[r];
  });
}

/** Links the two levels of rows from..to - 1 (a's level k is node k, b's is a's width + k), each pair once. */
function linkLevels(aLevel: Int32Array, aWidth: number, bLevel: Int32Array, bWidth: number, from: number, to: number, seen: Uint8Array, parent: Int32Array): void {
  for (let i = from; i < to; i++) {
    const pair = aLevel[i] * bWidth + bLevel[i];
    if (seen[pair] === 1) continue;
    seen[pair] = 1;
    parent[root(parent, aWidth + bLevel[i])] = root(parent, aLevel[i]);
  }
}

/**
 * k's root in the union-find forest `parent`, halving the path on the way. A function of the
 * module, not a closure in cooccurrenceGroups: a closure made per call had its compiled code
 * made again in every fold.
 */
function root(parent: Int32Array, k: number): number {
  while (parent[k] !== k) k = parent[k] = parent[parent[k]];
  return k;
}

/** Column j's value at each level of the block when it has one value per level (bit for bit), else null. */
function valuePerLevel(X: Matrix, j: number, block: OneHotBlock): Float64Array | null {
  const { rows, cols, data } = X;
  const values = new Float64Array(block.width).fill(NaN);
  // A few rows a call (rowBlocks.ts's CALL_STEPS): a fit reads each such column once.
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) if (!sameValuePerLevel(data, cols, j, block.level, from, Math.min(rows, from + step), values)) return null;
  return values.every(Number.isFinite) ? values : null;
}

/** Whether rows from..to - 1 of column j keep one value per level, values (per level, NaN while unseen) learning them. */
function sameValuePerLevel(data: Float64Array, cols: number, j: number, level: Int32Array, from: number, to: number, values: Float64Array): boolean {
  for (let i = from; i < to; i++) {
    const v = data[i * cols + j];
    const k = level[i];
    if (Number.isNaN(values[k])) values[k] = v;
    else if (!Object.is(values[k], v)) return false;
  }
  return true;
}

/** Gram-Schmidt, twice per candidate; a candidate whose remainder is within rounding of zero is dropped. */
function orthonormalised(candidates: readonly Float64Array[]): Float64Array[] {
  const basis: Float64Array[] = [];
  for (const candidate of candidates) {
    const v = Float64Array.from(candidate);
    const size = norm(v);
    for (let pass = 0; pass < 2; pass++) {
      for (const u of basis) {
        const along = dot(u, v);
        for (let j = 0; j < v.length; j++) v[j] -= along * u[j];
      }
    }
    const left = norm(v);
    if (!(left > 1e-9 * size)) continue;
    for (let j = 0; j < v.length; j++) v[j] /= left;
    basis.push(v);
  }
  return basis;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

const norm = (v: Float64Array): number => Math.sqrt(dot(v, v));

import type { Matrix, OneHotBlock } from "./matrix.js";
import { rowsPerCall } from "./rowBlocks.js";
import { blockValues } from "./twoValuedColumns.js";

/**
 * Where a row of a matrix with one-hot blocks is off its group's base in its binary columns
 * (the two-valued ones, one-hot or not), without reading the blocks' values: the binary columns,
 * in their order, cut into segments, each a single column read from the data or a block (its
 * columns consecutive there) read from the row's level. Of a block, a row of group g is off base
 * at its level's column when "on" is that column's rarer value in g, and at every column whose
 * "off" is (at most a few, usually none or one) other than its level's: O(1) a block and row
 * instead of its width. The split forms (rareColumns.ts, splitScatter.ts) list these per row.
 */
export interface LevelEntries {
  /** X's data and width, its binary columns (ascending) and each group's base (groups x cols), as given. */
  readonly data: Float64Array;
  readonly cols: number;
  readonly binary: Int32Array;
  readonly groupBase: Float64Array;
  /** Per segment, the index among the binary columns of its (first) column. */
  readonly segmentIndex: Int32Array;
  /** Per segment, its block, or -1 for a single column. */
  readonly segmentBlock: Int32Array;
  readonly levels: readonly Int32Array[];
  readonly widths: Int32Array;
  /** Per block, groups x width: 1 where a row of the group on that column is off the group's base. */
  readonly onRare: readonly Uint8Array[];
  /** Per block and group g, the block's columns whose off value is not g's base, ascending: offRare[b][offStart[b][g]..offStart[b][g + 1] - 1]. */
  readonly offStart: readonly Int32Array[];
  readonly offRare: readonly Int32Array[];
}

/**
 * The segments of X's binary columns (ascending, every block column among them), with each
 * group's base value per column in groupBase (groups x cols).
 */
export function levelEntries(X: Matrix, blocks: readonly OneHotBlock[], binary: Int32Array, groupBase: Float64Array, groups: number): LevelEntries {
  const p = X.cols;
  const blockAt = new Int32Array(p).fill(-1);
  blocks.forEach(({ first, width }, b) => blockAt.fill(b, first, first + width));
  const segmentIndex: number[] = [];
  const segmentBlock: number[] = [];
  binary.forEach((j, b) => {
    if (blockAt[j] >= 0 && blocks[blockAt[j]].first !== j) return;
    segmentIndex.push(b);
    segmentBlock.push(blockAt[j]);
  });
  const onRare: Uint8Array[] = [];
  const offStart: Int32Array[] = [];
  const offRare: Int32Array[] = [];
  for (const block of blocks) {
    const { first, width } = block;
    const { on, off } = blockValues(X, block);
    const rareOn = new Uint8Array(groups * width);
    const starts = new Int32Array(groups + 1);
    const list: number[] = [];
    for (let g = 0; g < groups; g++) {
      for (let k = 0; k < width; k++) {
        const base = groupBase[g * p + first + k];
        // A value no row of the block holds (NaN) is never met, whatever it is marked.
        rareOn[g * width + k] = on[k] !== base ? 1 : 0;
        if (off[k] !== base) list.push(k);
      }
      starts[g + 1] = list.length;
    }
    onRare.push(rareOn);
    offStart.push(starts);
    offRare.push(Int32Array.from(list));
  }
  return { data: X.data, cols: p, binary, groupBase, segmentIndex: Int32Array.from(segmentIndex), segmentBlock: Int32Array.from(segmentBlock), levels: blocks.map((b) => b.level), widths: Int32Array.from(blocks, (b) => b.width), onRare, offStart, offRare };
}

/**
 * Writes into out from n, ascending, offset + b for each binary column (b its index among them)
 * at which row i of group g is off its group's base: a block's from the row's level, a single
 * column's from the data. Returns the new n.
 */
export function offBaseEntries(entries: LevelEntries, i: number, g: number, offset: number, out: Int32Array, n: number): number {
  const { data, cols, binary, groupBase, segmentIndex, segmentBlock, levels, widths, onRare, offStart, offRare } = entries;
  return rowOffBase(data, cols, binary, groupBase, segmentIndex, segmentBlock, levels, widths, onRare, offStart, offRare, i, g, offset, out, n);
}

/**
 * offBaseEntries for the first `rows` rows, all of group g, one after the other from out[0], with
 * start[i + 1] the entries written up to row i; returns how many.
 */
export function offBaseRows(entries: LevelEntries, g: number, offset: number, rows: number, out: Int32Array, start: Int32Array): number {
  const { data, cols, binary, groupBase, segmentIndex, segmentBlock, levels, widths, onRare, offStart, offRare } = entries;
  let n = 0;
  for (let from = 0, step = rowsPerCall(segmentIndex.length); from < rows; from += step) {
    n = rowsOffBase(data, cols, binary, groupBase, segmentIndex, segmentBlock, levels, widths, onRare, offStart, offRare, g, offset, from, Math.min(rows, from + step), out, start, n);
  }
  return n;
}

/**
 * Rows from..to - 1 of offBaseRows, a few hundred steps a call (rowBlocks.ts's CALL_STEPS): a fit
 * runs it once. On LevelEntries' arrays rather than the record: V8's code reading a record's
 * fields is thrown away when the next fit makes another (see RareColumns in rareColumns.ts).
 */
function rowsOffBase(
  data: Float64Array,
  cols: number,
  binary: Int32Array,
  groupBase: Float64Array,
  segmentIndex: Int32Array,
  segmentBlock: Int32Array,
  levels: readonly Int32Array[],
  widths: Int32Array,
  onRare: readonly Uint8Array[],
  offStart: readonly Int32Array[],
  offRare: readonly Int32Array[],
  g: number,
  offset: number,
  from: number,
  to: number,
  out: Int32Array,
  start: Int32Array,
  n: number,
): number {
  let m = n;
  for (let i = from; i < to; i++) {
    m = rowOffBase(data, cols, binary, groupBase, segmentIndex, segmentBlock, levels, widths, onRare, offStart, offRare, i, g, offset, out, m);
    start[i + 1] = m;
  }
  return m;
}

/** offBaseEntries on LevelEntries' arrays. */
function rowOffBase(
  data: Float64Array,
  cols: number,
  binary: Int32Array,
  groupBase: Float64Array,
  segmentIndex: Int32Array,
  segmentBlock: Int32Array,
  levels: readonly Int32Array[],
  widths: Int32Array,
  onRare: readonly Uint8Array[],
  offStart: readonly Int32Array[],
  offRare: readonly Int32Array[],
  i: number,
  g: number,
  offset: number,
  out: Int32Array,
  n: number,
): number {
  const o = i * cols;
  const so = g * cols;
  let m = n;
  for (let s = 0; s < segmentIndex.length; s++) {
    const b = segmentIndex[s];
    const block = segmentBlock[s];
    if (block >= 0) m = blockEntries(levels[block][i], offRare[block], offStart[block], onRare[block], widths[block], g, offset + b, out, m);
    else if (data[o + binary[b]] !== groupBase[so + binary[b]]) out[m++] = offset + b;
  }
  return m;
}

/**
 * Writes into out from n, ascending, offset + k for each column k of a block at which a row of
 * group g at level k is off base (the block's off-rare columns `list`, per group from `starts`,
 * and `onRare`); returns the new n.
 */
function blockEntries(k: number, list: Int32Array, starts: Int32Array, onRare: Uint8Array, width: number, g: number, offset: number, out: Int32Array, n: number): number {
  let m = n;
  // The level's column, if off base when on, in its place among the off-rare ones.
  let pending = k >= 0 && onRare[g * width + k] === 1;
  for (let r = starts[g]; r < starts[g + 1]; r++) {
    const t = list[r];
    if (pending && k < t) {
      out[m++] = offset + k;
      pending = false;
    }
    if (t !== k) out[m++] = offset + t;
  }
  if (pending) out[m++] = offset + k;
  return m;
}

/**
 * offBaseEntries as tables, for a kernel that reads a code per segment and row instead of the
 * data: a block's code is the row's level, a single column's 0 when the row is off its group's
 * base there and -1 when not. The entries of segment s for group g and code k are
 * lists[starts[at[s] + g * stride[s] + k + 1] .. starts[at[s] + g * stride[s] + k + 2] - 1],
 * ascending indices among the binary columns, so that a row's segments in order give its
 * entries as offBaseEntries writes them.
 */
export interface SegmentLists {
  readonly at: Int32Array;
  /** A segment's codes per group: its width + 1 (a single column's: 2). */
  readonly stride: Int32Array;
  readonly starts: Int32Array;
  readonly lists: Int32Array;
}

export function segmentLists(entries: LevelEntries, groups: number): SegmentLists {
  const { segmentIndex, segmentBlock, widths, onRare, offStart, offRare } = entries;
  const segments = segmentIndex.length;
  const at = new Int32Array(segments);
  const stride = new Int32Array(segments);
  const starts: number[] = [0];
  const lists: number[] = [];
  const out = new Int32Array(entries.binary.length);
  for (let s = 0; s < segments; s++) {
    const block = segmentBlock[s];
    const b = segmentIndex[s];
    const width = block >= 0 ? widths[block] : 1;
    at[s] = starts.length - 1;
    stride[s] = width + 1;
    for (let g = 0; g < groups; g++) {
      for (let k = -1; k < width; k++) {
        if (block < 0) {
          // A single column: its one entry when off base (code 0), none when on (-1).
          if (k === 0) lists.push(b);
        } else {
          const n = blockEntries(k, offRare[block], offStart[block], onRare[block], width, g, b, out, 0);
          for (let e = 0; e < n; e++) lists.push(out[e]);
        }
        starts.push(lists.length);
      }
    }
  }
  return { at, stride, starts: Int32Array.from(starts), lists: Int32Array.from(lists) };
}

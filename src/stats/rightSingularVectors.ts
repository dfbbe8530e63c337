/**
 * The right singular vectors of a matrix W (rows x cols) from the eigenvectors of its rows x rows
 * Gram matrix W W': row r of the result is W' u_r / s_r (zeros where s_r is not positive), u_r
 * being row r of `left` (rows x rows) and s_r = singular[r]. `wt` is W', cols x rows, row-major.
 * The route of a wide table (more columns than rows), where W'W would be cols x cols.
 *
 * Four vectors at a time, so that each of W's values loaded serves four sums; every sum still
 * runs over the rows in order, so the result is the one-at-a-time loop's bit for bit.
 */
export function rightSingularVectors(wt: Float64Array, rows: number, cols: number, left: Float64Array, singular: Float64Array): Float64Array {
  const out = new Float64Array(rows * cols);
  const chosen: number[] = [];
  for (let r = 0; r < rows; r++) if (singular[r] > 0) chosen.push(r);
  let c = 0;
  for (; c + 4 <= chosen.length; c += 4) fourVectors(wt, rows, cols, left, singular, chosen[c], chosen[c + 1], chosen[c + 2], chosen[c + 3], out);
  for (; c < chosen.length; c++) oneVector(wt, rows, cols, left, singular, chosen[c], out);
  return out;
}

function fourVectors(wt: Float64Array, rows: number, cols: number, left: Float64Array, singular: Float64Array, r0: number, r1: number, r2: number, r3: number, out: Float64Array): void {
  const u0 = r0 * rows;
  const u1 = r1 * rows;
  const u2 = r2 * rows;
  const u3 = r3 * rows;
  for (let j = 0; j < cols; j++) {
    const w = j * rows;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < rows; i++) {
      const v = wt[w + i];
      s0 += v * left[u0 + i];
      s1 += v * left[u1 + i];
      s2 += v * left[u2 + i];
      s3 += v * left[u3 + i];
    }
    out[r0 * cols + j] = s0 / singular[r0];
    out[r1 * cols + j] = s1 / singular[r1];
    out[r2 * cols + j] = s2 / singular[r2];
    out[r3 * cols + j] = s3 / singular[r3];
  }
}

function oneVector(wt: Float64Array, rows: number, cols: number, left: Float64Array, singular: Float64Array, r: number, out: Float64Array): void {
  const u = r * rows;
  for (let j = 0; j < cols; j++) {
    const w = j * rows;
    let s = 0;
    for (let i = 0; i < rows; i++) s += wt[w + i] * left[u + i];
    out[r * cols + j] = s / singular[r];
  }
}

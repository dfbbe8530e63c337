/**
 * The sum of values[start, end) in NumPy's order of additions (numpy 1.24's pairwise_sum for
 * float64, which np.sum, np.mean and np.average use on a contiguous axis), so that means computed
 * here equal scikit-learn's bit for bit: a DummyRegressor's constant, r2_score's mean of y, whose
 * rounding decides whether a constant y counts as constant.
 *
 * NumPy's reduction hands the loop at most 8192 values at a time (its ufunc buffer size) and adds
 * each chunk's pairwise sum to a running total that starts at 0.
 */
export function pairwiseSum(values: Float64Array, start = 0, end = values.length): number {
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= values.length)) {
    throw new RangeError(`bad range [${start}, ${end}) of ${values.length} values`);
  }
  let total = 0;
  for (let chunk = start; chunk < end; chunk += BUFFER) total += pairwise(values, chunk, Math.min(BUFFER, end - chunk));
  return total;
}

/** NumPy's NPY_BUFSIZE, in elements. */
const BUFFER = 8192;
/** NumPy's PW_BLOCKSIZE: blocks up to this size are summed with 8 accumulators. */
const BLOCK = 128;

function pairwise(a: Float64Array, s: number, n: number): number {
  if (n < 8) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += a[s + i];
    return sum;
  }
  if (n <= BLOCK) {
    let r0 = a[s];
    let r1 = a[s + 1];
    let r2 = a[s + 2];
    let r3 = a[s + 3];
    let r4 = a[s + 4];
    let r5 = a[s + 5];
    let r6 = a[s + 6];
    let r7 = a[s + 7];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      r0 += a[s + i];
      r1 += a[s + i + 1];
      r2 += a[s + i + 2];
      r3 += a[s + i + 3];
      r4 += a[s + i + 4];
      r5 += a[s + i + 5];
      r6 += a[s + i + 6];
      r7 += a[s + i + 7];
    }
    // Grouped as NumPy groups them: ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)).
    let sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) sum += a[s + i];
    return sum;
  }
  // n / 2 rounded down to a multiple of 8, in integer operations: Math.floor(n / 2) compiled
  // for the even n a child met first was thrown away ("lost precision") at every odd n, and a
  // child's dummy regressor then ran uncompiled for several folds (4 ms a fit instead of 0.06).
  const half = (n >>> 1) & ~7;
  return pairwise(a, s, half) + pairwise(a, s + half, n - half);
}

/** NumPy's mean of values: their pairwise sum divided by their count. */
export function numpyMean(values: Float64Array): number {
  if (values.length === 0) throw new RangeError("the mean of no values is undefined");
  return pairwiseSum(values) / values.length;
}

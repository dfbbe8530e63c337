/**
 * Mean and standard deviation (ddof 0, as numpy's and PyCaret's) of the values that are not NaN:
 * a fold where a metric is undefined (AUC on a one-class fold) is left out; NaN and NaN when no
 * value is left.
 */
export function foldStatistics(values: readonly number[]): { mean: number; sd: number } {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    sum += v;
    count++;
  }
  if (count === 0) return { mean: NaN, sd: NaN };
  const mean = sum / count;
  let squares = 0;
  for (const v of values) if (!Number.isNaN(v)) squares += (v - mean) * (v - mean);
  return { mean, sd: Math.sqrt(squares / count) };
}

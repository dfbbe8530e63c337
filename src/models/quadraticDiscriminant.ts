import { denseScatter } from "../stats/gram.js";
import { groupSums } from "../stats/groupSums.js";
import { createMatrix, type Matrix } from "../stats/matrix.js";
import { powerOfTwoNear } from "../stats/powerOfTwo.js";
import { rightSingularVectors } from "../stats/rightSingularVectors.js";
import { ROW_BLOCK, rowsPerCall } from "../stats/rowBlocks.js";
import { groupScatters } from "../stats/scatter.js";
import { checkSquaresFit } from "../stats/squaresFit.js";
import { symmetricEigen } from "../stats/symmetricEigen.js";
import type { Estimator } from "./estimator.js";
import { projectionKernel } from "./projectionKernel.js";
import { checkQueryColumns, trainingClasses } from "./trainingClasses.js";

/**
 * scikit-learn's QuadraticDiscriminantAnalysis() (reg_param 0, priors from class frequencies): a
 * Gaussian per class, its covariance from the SVD of the class's centred rows (variances s^2 /
 * (n_c - 1) along the right singular vectors), and the log posterior
 * -(|x - mean|^2 in that metric + log det) / 2 + log prior, through softmax for probabilities.
 *
 * Here the SVD comes from the eigen-decomposition of the class's Gram matrix (half the flops), on
 * columns first brought near unit spread: each column times the power of 2 nearest 1 / its
 * standard deviation over the training rows (one factor per column for every class; exact, and
 * undone by folding it into the directions). The eigenvalues of a Gram matrix resolve only to
 * about eps times the largest, the squares of the singular values an SVD resolves to eps: on raw
 * columns a price near 1e7 beside a rate near 0.1 (a variance ratio of 1e-16) lost the rate's
 * direction. QDA's answer does not depend on the columns' units (a column's scale adds the same
 * log det to every class), so scaling them changes nothing but what can be resolved. Still beyond
 * a Gram matrix, where an SVD is not: a column whose spread within one class is below about
 * sqrt(rows eps) of its spread over all rows (1e-7 held, 1e-8 lost with 120 rows a class), and
 * columns correlated within a class to that closeness to 1.
 *
 * Collinear features (one-hot levels beside each other, a column constant within a class) give a
 * class a direction with no variance. scikit-learn warns "Variables are collinear" and goes on
 * with whatever LAPACK returns for that singular value: rounding noise of about eps times the
 * largest, or, now and then, exactly 0, which makes its probabilities NaN. With the noise, a row
 * off the class's subspace along that direction scores about -1e30 for the class (it cannot be
 * that class), and a row on it gains about -log(eps) per such direction (a density on a thinner
 * set). That is the behaviour kept here, without the noise, in the scaled columns: an eigenvalue
 * of the class's Gram matrix (a squared singular value) below max(rows, cols) eps times its
 * largest counts as zero (the Gram matrix resolves no finer); its variance is the one floor
 * VARIANCE_FLOOR x (largest standard deviation over every class)^2, the same for all classes, so
 * that a direction every class lacks (the one-hot levels' sum, which is 1 in every row) favours
 * none; and a row counts as on the subspace when its offset along the direction is within
 * ON_SUBSPACE of that standard deviation, where it adds nothing to the distance, instead of a
 * rounding error divided by a rounding error. Classes that lack a direction still win every row
 * on their subspace, lose every row off it, and never return NaN; and, the columns being scaled,
 * none of this depends on the units of the other columns. A class of fewer rows than features
 * lacks every direction its rows do not span; scikit-learn's thin SVD lists one of them (the
 * rows' centring, at rounding noise), enough to make the class lose every row off its span, and
 * here all of them take the floor, as one residual term.
 */
export class QuadraticDiscriminantAnalysis implements Estimator {
  private fitted: { classes: Uint32Array; nClasses: number; cols: number; perClass: readonly ClassGaussian[]; onSubspace: number } | null = null;

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    const { classes, counts, local } = trainingClasses(X, y, nClasses);
    const { rows: n, cols: p } = X;
    const K = classes.length;
    if (K < 2) throw new RangeError(`the number of classes has to be greater than one; got ${K} class`);
    // Per class: its mean, and the eigen-decomposition of its centred rows' Gram matrix (its
    // scatter), whose eigenvalues are the squared singular values scikit-learn takes from an SVD
    // of those rows.
    const means = groupSums(X, local, K);
    for (let k = 0; k < K; k++) {
      if (counts[k] === 1) throw new RangeError(`class ${classes[k]} has only 1 training row; its covariance is ill defined`);
      for (let j = 0; j < p; j++) means[k * p + j] /= counts[k];
    }
    const decompositions = refineUnresolved(
      X,
      local,
      means,
      counts,
      counts.some((count) => count < p) ? rowSpaceDecompositions(X, local, means, counts) : columnSpaceDecompositions(X, local, means, counts),
    );
    const { scales } = decompositions;
    // The largest standard deviation along any direction of any class: the scale of the floor.
    let largest = 0;
    decompositions.classes.forEach(({ values }, k) => (largest = Math.max(largest, Math.sqrt(Math.max(values[0], 0) / (counts[k] - 1)))));
    const floor = VARIANCE_FLOOR * largest * largest;
    const perClass = decompositions.classes.map(({ values, vectors, refined }, k) => classGaussian(values, vectors, refined === true, counts[k], n, floor, scales, means.slice(k * p, (k + 1) * p)));
    this.fitted = { classes, nClasses, cols: p, perClass, onSubspace: ON_SUBSPACE * largest };
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    if (this.fitted === null) throw new Error("the QuadraticDiscriminantAnalysis is not fitted");
    const { classes, nClasses, cols: p, perClass, onSubspace } = this.fitted;
    checkQueryColumns(X, p);
    const out = new Float64Array(X.rows * nClasses);
    scoreRows(X, classes, nClasses, perClass, onSubspace, out);
    return out;
  }
}

/**
 * Each row's class probabilities into out (rows x nClasses), at the fitted classes' columns: each
 * class's score for every row (its projections by a WebAssembly kernel, projectionKernel.ts,
 * the same sums as projectOffset), then each row's probabilities; the loops over rows a few rows a
 * call (rowBlocks.ts's CALL_STEPS), as a prediction scores its rows once.
 */
function scoreRows(X: Matrix, classes: Uint32Array, nClasses: number, perClass: readonly ClassGaussian[], onSubspace: number, out: Float64Array): void {
  const { rows, cols: p, data } = X;
  const K = classes.length;
  const scores = new Float64Array(rows * K);
  const offset = new Float64Array(p);
  const along = new Float64Array(p);
  const residual = new Float64Array(p);
  const most = perClass.reduce((largest, gaussian) => Math.max(largest, gaussian.variances.length), 0);
  const kernel = projectionKernel(data, rows, p, most);
  for (let k = 0; k < K; k++) {
    const gaussian = perClass[k];
    const count = gaussian.variances.length;
    if (kernel !== null) kernel.project(gaussian.mean, gaussian.directions, count);
    const projected = kernel === null ? null : kernel.along;
    const width = 2 * Math.ceil(count / 2);
    for (let from = 0, step = rowsPerCall(3 + count); from < rows; from += step) {
      classScoreRange(data, p, gaussian, onSubspace, k, K, projected, width, from, Math.min(rows, from + step), offset, along, residual, scores);
    }
  }
  for (let from = 0, step = rowsPerCall(3 * K); from < rows; from += step) probabilityRange(scores, K, classes, nClasses, from, Math.min(rows, from + step), out);
}

/** Rows from..to - 1's score for class k into scores (rows x K), their projections read from `projected` (rows x width) when given. */
function classScoreRange(
  data: Float64Array,
  p: number,
  gaussian: ClassGaussian,
  onSubspace: number,
  k: number,
  K: number,
  projected: Float64Array | null,
  width: number,
  from: number,
  to: number,
  offset: Float64Array,
  along: Float64Array,
  residual: Float64Array,
  scores: Float64Array,
): void {
  for (let i = from; i < to; i++) scores[i * K + k] = classScore(data, i * p, p, gaussian, onSubspace, offset, projected ?? along, projected === null ? -1 : i * width, residual);
}

/** Rows from..to - 1's probabilities from their class scores: a softmax, shifted by the row's largest score. */
function probabilityRange(scores: Float64Array, K: number, classes: Uint32Array, nClasses: number, from: number, to: number, out: Float64Array): void {
  for (let i = from; i < to; i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, scores[i * K + k]);
    let total = 0;
    for (let k = 0; k < K; k++) total += Math.exp(scores[i * K + k] - max);
    for (let k = 0; k < K; k++) out[i * nClasses + classes[k]] = Math.exp(scores[i * K + k] - max) / total;
  }
}

/**
 * A row's log density under a class (up to a shared constant): its offset from the mean, its
 * projections on the class's directions (projectOffset into along, or already in along from
 * alongAt when alongAt >= 0), their squares over the variances, and the residual's part.
 */
function classScore(data: Float64Array, o: number, p: number, gaussian: ClassGaussian, onSubspace: number, offset: Float64Array, along: Float64Array, alongAt: number, residual: Float64Array): number {
  const { mean, variances, singular, directions, constant } = gaussian;
  for (let j = 0; j < p; j++) offset[j] = data[o + j] - mean[j];
  let distance = 0;
  if (alongAt < 0) projectOffset(offset, directions, variances.length, p, along);
  const at = Math.max(alongAt, 0);
  for (let d = 0; d < variances.length; d++) {
    if (singular[d] === 1 && Math.abs(along[at + d]) <= onSubspace) continue;
    distance += (along[at + d] * along[at + d]) / variances[d];
  }
  if (gaussian.residualDimensions > 0) distance += residualDistance(gaussian, offset, along, at, onSubspace, residual);
  return -0.5 * distance + constant;
}

/**
 * A class's Gaussian from its decomposition (values, largest first, and vectors, rows p wide, in
 * the scaled columns). A function of the module, not a callback made in fit: a closure made per
 * fit had its compiled code made again in every fold.
 */
function classGaussian(values: Float64Array, vectors: Float64Array, refined: boolean, count: number, n: number, floor: number, scales: Float64Array, mean: Float64Array): ClassGaussian {
  const p = scales.length;
  const cutoff = refined ? 0 : Math.max(count, p) * Number.EPSILON * values[0];
  const variances: number[] = [];
  const singular: number[] = [];
  const directions: number[] = [];
  const basis: number[] = [];
  for (let j = 0; j < values.length; j++) {
    const eigenvalue = values[j];
    const zero = eigenvalue <= cutoff;
    // A class with fewer rows than features has no listed direction outside its rows' span
    // (the rows x rows route): the residual term below carries all of them.
    if (zero && count < p) continue;
    variances.push(zero ? floor : eigenvalue / (count - 1));
    singular.push(zero ? 1 : 0);
    // A direction of the scaled columns, read on the raw ones: offset . (v * scales) is
    // (offset * scales) . v, bit for bit (the scales are powers of 2).
    pushScaledRow(directions, vectors, j * p, scales);
    if (count < p) pushRow(basis, vectors, j * p, p);
  }
  // The log det of the scaled covariance: the raw one's less 2 sum log scales, a constant
  // that every class shares and softmax cancels.
  // Fewer rows than features: the directions its rows do not span (p less those kept) lack
  // variance as a one-hot class's collinear direction does, and take the same floor, as one
  // residual term. scikit-learn's thin SVD lists count of them, one a rounding-noise direction
  // (its rows' centring), which makes the class impossible for every row off its rows' span.
  const residualDimensions = count < p ? p - variances.length : 0;
  let logDeterminant = residualDimensions * Math.log(floor);
  for (const v of variances) logDeterminant += Math.log(v);
  return {
    mean,
    variances: Float64Array.from(variances),
    singular: Uint8Array.from(singular),
    directions: Float64Array.from(directions),
    residualDimensions,
    basis: Float64Array.from(basis),
    scales,
    floor,
    constant: -0.5 * logDeterminant + Math.log(count / n),
  };
}

/** Appends vectors[at..at + p - 1] (p = scales.length), each times its column's scale. */
function pushScaledRow(out: number[], vectors: Float64Array, at: number, scales: Float64Array): void {
  for (let l = 0; l < scales.length; l++) out.push(vectors[at + l] * scales[l]);
}

function pushRow(out: number[], vectors: Float64Array, at: number, p: number): void {
  for (let l = 0; l < p; l++) out.push(vectors[at + l]);
}

/** Each class's squared singular values (largest first) and right singular vectors (rows, p wide) of its centred rows in the scaled columns. */
interface ClassDecompositions {
  readonly scales: Float64Array;
  readonly classes: readonly { readonly values: Float64Array; readonly vectors: Float64Array; readonly refined?: boolean }[];
  /** Per class, each column's sum of squares about the class mean, raw (K x p). */
  readonly diagonals: Float64Array;
}

/** A class's column whose scaled sum of squares lies below this share of the class's largest eigenvalue may hold a direction the Gram matrix did not resolve. */
const UNRESOLVED_SHARE = 1e-9;

/**
 * A Gram matrix resolves eigenvalues only to about max(rows, cols) eps times its largest: a
 * class whose spread along a column is 1e-8 of its largest (one huge value in another class
 * stretched the column's scale) has that direction come out as zero, and the class then loses
 * every row. Where some column of a class (at least as many rows as columns) has a nonzero sum of
 * squares that small, the directions the decomposition found empty are decomposed again, on the
 * class's rows projected onto them: with the large directions gone, their own scale is resolved.
 * Directions still at rounding level there (one-hot levels' sum: exactly none) stay empty, so
 * every other fit is unchanged.
 */
function refineUnresolved(X: Matrix, local: Uint32Array, means: Float64Array, counts: Float64Array, decompositions: ClassDecompositions): ClassDecompositions {
  const { rows: n, cols: p, data } = X;
  const { scales, diagonals } = decompositions;
  const classes = decompositions.classes.map((decomposition, k) => {
    const { values, vectors } = decomposition;
    const count = counts[k];
    if (count < p) return decomposition;
    const top = values[0];
    const cutoff = Math.max(count, p) * Number.EPSILON * top;
    let unresolved = false;
    for (let j = 0; j < p; j++) {
      const d = diagonals[k * p + j] * scales[j] * scales[j];
      if (d > 0 && d <= UNRESOLVED_SHARE * top) unresolved = true;
    }
    const empty: number[] = [];
    for (let d = 0; d < p; d++) if (values[d] <= cutoff) empty.push(d);
    if (!unresolved || empty.length === 0) return decomposition;
    // The class's centred scaled rows projected on the empty directions, and their scatter.
    const m = empty.length;
    const scatter = new Float64Array(m * m);
    const z = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      if (local[i] !== k) continue;
      for (let e = 0; e < m; e++) {
        const v = empty[e] * p;
        let sum = 0;
        for (let j = 0; j < p; j++) sum += (data[i * p + j] - means[k * p + j]) * scales[j] * vectors[v + j];
        z[e] = sum;
      }
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) scatter[a * m + b] += z[a] * z[b];
    }
    const inner = symmetricEigen(scatter, m);
    const refinedValues = Float64Array.from(values);
    const refinedVectors = Float64Array.from(vectors);
    // Rounding leaves about (max(count, p) eps)^2 of the largest in a direction with nothing in it.
    const noise = (Math.max(count, p) * Number.EPSILON) ** 2 * top;
    for (let e = 0; e < m; e++) {
      const at = empty[e];
      refinedValues[at] = inner.values[e] > noise ? inner.values[e] : 0;
      for (let j = 0; j < p; j++) {
        let sum = 0;
        for (let f = 0; f < m; f++) sum += inner.vectors[e * m + f] * vectors[empty[f] * p + j];
        refinedVectors[at * p + j] = sum;
      }
    }
    // Empty is now exactly 0; what the refinement resolved stays, however small.
    return { values: refinedValues, vectors: refinedVectors, refined: true };
  });
  return { scales, classes, diagonals };
}

/** Every class from its cols x cols scatter (groupScatters), for classes of at least as many rows as columns. */
function columnSpaceDecompositions(X: Matrix, local: Uint32Array, means: Float64Array, counts: Float64Array): ClassDecompositions {
  const p = X.cols;
  const K = counts.length;
  const grams = groupScatters(X, local, K, means);
  // The loops over the scatters' entries (K p^2 of them) are functions that end with them: V8
  // compiles a long loop met in a first call on the stack (on-stack replacement), and that code
  // was thrown away where it reached the next loop, which had not run yet.
  const diagonals = scatterDiagonals(grams, K, p);
  checkSquaresFit(diagonals, p);
  const scales = unitSpreadScales(diagonals, means, counts, p);
  for (let k = 0; k < K; k++) scaleScatter(grams, k * p * p, scales, p);
  const classes = Array.from(counts, (_, k) => symmetricEigen(grams.subarray(k * p * p, (k + 1) * p * p), p));
  return { scales, classes, diagonals };
}

/** Each of K p x p scatters' diagonal, K x p. */
function scatterDiagonals(grams: Float64Array, K: number, p: number): Float64Array {
  const diagonals = new Float64Array(K * p);
  for (let k = 0; k < K; k++) for (let j = 0; j < p; j++) diagonals[k * p + j] = grams[(k * p + j) * p + j];
  return diagonals;
}

/** The p x p scatter at grams[at..]: entry (j, l) times scales[j] and scales[l]; a few rows a call (rowBlocks.ts's CALL_STEPS). */
function scaleScatter(grams: Float64Array, at: number, scales: Float64Array, p: number): void {
  for (let from = 0, step = rowsPerCall(p); from < p; from += step) scaleScatterRows(grams, at, scales, p, from, Math.min(p, from + step));
}

function scaleScatterRows(grams: Float64Array, at: number, scales: Float64Array, p: number, from: number, to: number): void {
  // One factor at a time: scales near 2^500 (columns near 1e-150) would overflow as a product.
  for (let j = from; j < to; j++) for (let l = 0; l < p; l++) grams[at + j * p + l] = grams[at + j * p + l] * scales[j] * scales[l];
}

/**
 * The same decompositions when some class has fewer rows than columns (a wide table: hundreds of
 * one-hot columns beside a few hundred rows), where a cols x cols scatter per class would cost
 * cols^3 (111 s a fold for 3,453 columns) and its null space is thrown away anyway: such a class
 * is decomposed from its rows x rows Gram matrix C C' (C its centred rows in the scaled columns),
 * whose nonzero eigenvalues are C'C's, each right vector C' u / s from its left one u. A class
 * of at least as many rows as columns still takes its cols x cols scatter.
 */
function rowSpaceDecompositions(X: Matrix, local: Uint32Array, means: Float64Array, counts: Float64Array): ClassDecompositions {
  const { rows: n, cols: p, data } = X;
  const K = counts.length;
  const members = Array.from(counts, (count) => new Uint32Array(count));
  const filled = new Uint32Array(K);
  // The passes over the rows a few rows a call (rowBlocks.ts's CALL_STEPS): a fit makes each
  // once; where a row is p steps, those calls ROW_BLOCK rows a call of a block function (see groupSums.ts).
  for (let from = 0, step = rowsPerCall(1); from < n; from += step) listMembers(local, from, Math.min(n, from + step), members, filled);
  const diagonals = new Float64Array(K * p);
  for (let from = 0; from < n; from += ROW_BLOCK) addClassSquareBlock(data, p, local, means, from, Math.min(n, from + ROW_BLOCK), diagonals);
  checkSquaresFit(diagonals, p);
  const scales = unitSpreadScales(diagonals, means, counts, p);
  const classes = members.map((rows, k) => {
    const count = rows.length;
    const wide = count < p;
    // The class's centred rows in the scaled columns: C (count x p), or C' (p x count) when wide.
    const centred = new Float64Array(p * count);
    for (let from = 0; from < count; from += ROW_BLOCK) centreMemberBlock(data, p, rows, means, k, scales, wide, from, Math.min(count, from + ROW_BLOCK), centred);
    if (!wide) return symmetricEigen(denseScatter(createMatrix(count, p, centred)), p);
    const { values, vectors: left } = symmetricEigen(denseScatter(createMatrix(p, count, centred)), count);
    return { values, vectors: rightSingularVectors(centred, count, p, left, Float64Array.from(values, (e) => Math.sqrt(Math.max(e, 0)))) };
  });
  return { scales, classes, diagonals };
}

function listMembers(local: Uint32Array, from: number, to: number, members: readonly Uint32Array[], filled: Uint32Array): void {
  for (let i = from; i < to; i++) members[local[i]][filled[local[i]]++] = i;
}

function addClassSquareBlock(data: Float64Array, p: number, local: Uint32Array, means: Float64Array, from: number, to: number, diagonals: Float64Array): void {
  for (let i = from, step = rowsPerCall(p); i < to; i += step) addClassSquares(data, p, local, means, i, Math.min(to, i + step), diagonals);
}

/** Adds the squares of rows from..to - 1 about their class means to their class's diagonal (K x p), in row order. */
function addClassSquares(data: Float64Array, p: number, local: Uint32Array, means: Float64Array, from: number, to: number, diagonals: Float64Array): void {
  for (let i = from; i < to; i++) {
    const o = i * p;
    const m = local[i] * p;
    for (let j = 0; j < p; j++) {
      const d = data[o + j] - means[m + j];
      diagonals[m + j] += d * d;
    }
  }
}

function centreMemberBlock(data: Float64Array, p: number, rows: Uint32Array, means: Float64Array, k: number, scales: Float64Array, wide: boolean, from: number, to: number, centred: Float64Array): void {
  for (let r = from, step = rowsPerCall(p); r < to; r += step) centreMembers(data, p, rows, means, k, scales, wide, r, Math.min(to, r + step), centred);
}

/** Class k's member rows from..to - 1, centred and scaled, into C (count x p), or C' when wide. */
function centreMembers(data: Float64Array, p: number, rows: Uint32Array, means: Float64Array, k: number, scales: Float64Array, wide: boolean, from: number, to: number, centred: Float64Array): void {
  const count = rows.length;
  for (let r = from; r < to; r++) {
    const o = rows[r] * p;
    for (let j = 0; j < p; j++) centred[wide ? j * count + r : r * p + j] = (data[o + j] - means[k * p + j]) * scales[j];
  }
}

/**
 * Per column, the power of 2 nearest 1 / its standard deviation over the training rows (1 for a
 * constant column), from what the fit has anyway: the classes' sums of squares about their means
 * (their scatters' diagonals) and the means, by the law of total variance, instead of another pass over the rows.
 */
function unitSpreadScales(diagonals: Float64Array, means: Float64Array, counts: Float64Array, p: number): Float64Array {
  const K = counts.length;
  let n = 0;
  for (const count of counts) n += count;
  const scales = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let mean = 0;
    for (let k = 0; k < K; k++) mean += counts[k] * means[k * p + j];
    mean /= n;
    let squares = 0;
    for (let k = 0; k < K; k++) {
      const d = means[k * p + j] - mean;
      squares += diagonals[k * p + j] + counts[k] * d * d;
    }
    scales[j] = powerOfTwoNear(1 / Math.sqrt(squares / n));
  }
  return scales;
}

/**
 * along[d] = offset . directions[d] for the first `count` rows of directions, each sum in column
 * order as a plain loop takes it; four directions at a time, so that four independent chains of
 * additions overlap instead of one waiting on the last (3-4x faster, the same bits).
 */
function projectOffset(offset: Float64Array, directions: Float64Array, count: number, p: number, along: Float64Array): void {
  let d = 0;
  for (; d + 4 <= count; d += 4) {
    const a = d * p;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < p; j++) {
      const v = offset[j];
      s0 += v * directions[a + j];
      s1 += v * directions[a + p + j];
      s2 += v * directions[a + 2 * p + j];
      s3 += v * directions[a + 3 * p + j];
    }
    along[d] = s0;
    along[d + 1] = s1;
    along[d + 2] = s2;
    along[d + 3] = s3;
  }
  for (; d < count; d++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += offset[j] * directions[d * p + j];
    along[d] = s;
  }
}

/**
 * The offset's squared length outside the class's listed directions, in the scaled columns, over
 * the floor variance; 0 for a row on the class's span (within onSubspace), as a listed direction
 * without variance counts it. The part outside is the offset less its projections, formed as a
 * vector (not |offset|^2 less the projections' squares, which would cancel to noise on the span).
 */
function residualDistance(gaussian: ClassGaussian, offset: Float64Array, along: Float64Array, at: number, onSubspace: number, residual: Float64Array): number {
  const { basis, variances, scales, floor } = gaussian;
  const p = offset.length;
  for (let j = 0; j < p; j++) residual[j] = offset[j] * scales[j];
  for (let d = 0; d < variances.length; d++) {
    const a = along[at + d];
    const o = d * p;
    for (let j = 0; j < p; j++) residual[j] -= a * basis[o + j];
  }
  let squares = 0;
  for (let j = 0; j < p; j++) squares += residual[j] * residual[j];
  return squares <= onSubspace * onSubspace ? 0 : squares / floor;
}

/** One class's Gaussian: its mean, variances along its directions (rows of `directions`), and the score's constant. */
interface ClassGaussian {
  readonly mean: Float64Array;
  readonly variances: Float64Array;
  /** 1 where the direction had no variance and carries the floor. */
  readonly singular: Uint8Array;
  readonly directions: Float64Array;
  /** Directions outside those listed, each with the floor variance (a class of fewer rows than features); 0 when every direction is listed. */
  readonly residualDimensions: number;
  /** The listed directions in the scaled columns (unit vectors), for the residual; empty when residualDimensions is 0. */
  readonly basis: Float64Array;
  /** The columns' scales (unitSpreadScales), to read the residual in the scaled columns. */
  readonly scales: Float64Array;
  readonly floor: number;
  /** -log det / 2 + log prior. */
  readonly constant: number;
}

/** (eps)^2: the size of the squared singular value LAPACK leaves for an exactly collinear direction, relative to the largest. */
const VARIANCE_FLOOR = Number.EPSILON * Number.EPSILON;
/** A row is on a class's subspace when its offset along a missing direction is below this, relative to the largest standard deviation. */
const ON_SUBSPACE = 1e-8;

import type { Matrix } from "../stats/matrix.js";
import { thinSvd } from "../stats/thinSvd.js";
import type { Estimator } from "./estimator.js";
import { checkQueryColumns, trainingClasses } from "./trainingClasses.js";

/**
 * scikit-learn's QuadraticDiscriminantAnalysis() (reg_param 0, priors from class frequencies): a
 * Gaussian per class, its covariance from the SVD of the class's centred rows (variances s^2 /
 * (n_c - 1) along the right singular vectors), and the log posterior
 * -(|x - mean|^2 in that metric + log det) / 2 + log prior, through softmax for probabilities.
 *
 * Collinear features (one-hot levels beside each other, a column constant within a class) give a
 * class a direction with no variance. scikit-learn warns "Variables are collinear" and goes on
 * with whatever LAPACK returns for that singular value: rounding noise of about eps times the
 * largest, or, now and then, exactly 0, which makes its probabilities NaN. With the noise, a row
 * off the class's subspace along that direction scores about -1e30 for the class (it cannot be
 * that class), and a row on it gains about -log(eps) per such direction (a density on a thinner
 * set). That is the behaviour kept here, without the noise: a singular value below
 * max(rows, cols) eps times the class's largest counts as zero; its variance is the one floor
 * VARIANCE_FLOOR x (largest standard deviation over every class)^2, the same for all classes, so
 * that a direction every class lacks (the one-hot levels' sum, which is 1 in every row) favours
 * none; and a row counts as on the subspace when its offset along the direction is within
 * ON_SUBSPACE of that standard deviation, where it adds nothing to the distance, instead of a
 * rounding error divided by a rounding error. Classes that lack a direction still win every row
 * on their subspace, lose every row off it, and never return NaN.
 */
export class QuadraticDiscriminantAnalysis implements Estimator {
  private fitted: { classes: Uint32Array; nClasses: number; cols: number; perClass: readonly ClassGaussian[]; onSubspace: number } | null = null;

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    const { classes, counts, local } = trainingClasses(X, y, nClasses);
    const { rows: n, cols: p, data } = X;
    const K = classes.length;
    if (K < 2) throw new RangeError(`the number of classes has to be greater than one; got ${K} class`);
    const decompositions = Array.from(classes, (_, k) => {
      const count = counts[k];
      if (count === 1) throw new RangeError(`class ${classes[k]} has only 1 training row; its covariance is ill defined`);
      const members: number[] = [];
      for (let i = 0; i < n; i++) if (local[i] === k) members.push(i);
      const mean = new Float64Array(p);
      for (const i of members) for (let j = 0; j < p; j++) mean[j] += data[i * p + j];
      for (let j = 0; j < p; j++) mean[j] /= count;
      const centred = new Float64Array(count * p);
      members.forEach((i, r) => {
        for (let j = 0; j < p; j++) centred[r * p + j] = data[i * p + j] - mean[j];
      });
      return { mean, count, svd: thinSvd(centred, count, p) };
    });
    // The largest standard deviation along any direction of any class: the scale of the floor.
    let largest = 0;
    for (const { count, svd } of decompositions) if (svd.values.length > 0) largest = Math.max(largest, svd.values[0] / Math.sqrt(count - 1));
    const floor = VARIANCE_FLOOR * largest * largest;
    const perClass = decompositions.map(({ mean, count, svd }, k): ClassGaussian => {
      const cutoff = Math.max(count, p) * Number.EPSILON * (svd.values[0] ?? 0);
      const variances: number[] = [];
      const singular: boolean[] = [];
      const directions: number[] = [];
      svd.values.forEach((s, j) => {
        const zero = s <= cutoff;
        // A wide class (fewer rows than features) has no defined vector for a zero singular value.
        if (zero && count < p) return;
        variances.push(zero ? floor : (s * s) / (count - 1));
        singular.push(zero);
        for (let l = 0; l < p; l++) directions.push(svd.vt[j * p + l]);
      });
      let logDeterminant = 0;
      for (const v of variances) logDeterminant += Math.log(v);
      return {
        mean,
        variances: Float64Array.from(variances),
        singular: Uint8Array.from(singular, Number),
        directions: Float64Array.from(directions),
        constant: -0.5 * logDeterminant + Math.log(counts[k] / n),
      };
    });
    this.fitted = { classes, nClasses, cols: p, perClass, onSubspace: ON_SUBSPACE * largest };
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    if (this.fitted === null) throw new Error("the QuadraticDiscriminantAnalysis is not fitted");
    const { classes, nClasses, cols: p, perClass, onSubspace } = this.fitted;
    checkQueryColumns(X, p);
    const { rows, data } = X;
    const K = classes.length;
    const out = new Float64Array(rows * nClasses);
    const scores = new Float64Array(K);
    const offset = new Float64Array(p);
    for (let i = 0; i < rows; i++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        const { mean, variances, singular, directions, constant } = perClass[k];
        for (let j = 0; j < p; j++) offset[j] = data[i * p + j] - mean[j];
        let distance = 0;
        for (let d = 0; d < variances.length; d++) {
          let along = 0;
          for (let j = 0; j < p; j++) along += offset[j] * directions[d * p + j];
          if (singular[d] === 1 && Math.abs(along) <= onSubspace) continue;
          distance += (along * along) / variances[d];
        }
        scores[k] = -0.5 * distance + constant;
        max = Math.max(max, scores[k]);
      }
      let total = 0;
      for (let k = 0; k < K; k++) total += Math.exp(scores[k] - max);
      for (let k = 0; k < K; k++) out[i * nClasses + classes[k]] = Math.exp(scores[k] - max) / total;
    }
    return out;
  }
}

/** One class's Gaussian: its mean, variances along its directions (rows of `directions`), and the score's constant. */
interface ClassGaussian {
  readonly mean: Float64Array;
  readonly variances: Float64Array;
  /** 1 where the direction had no variance and carries the floor. */
  readonly singular: Uint8Array;
  readonly directions: Float64Array;
  /** -log det / 2 + log prior. */
  readonly constant: number;
}

/** (eps)^2: the size of the squared singular value LAPACK leaves for an exactly collinear direction, relative to the largest. */
const VARIANCE_FLOOR = Number.EPSILON * Number.EPSILON;
/** A row is on a class's subspace when its offset along a missing direction is below this, relative to the largest standard deviation. */
const ON_SUBSPACE = 1e-8;

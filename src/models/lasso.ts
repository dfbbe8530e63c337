import { ElasticNet } from "./elasticNet.js";

export interface LassoOptions {
  readonly alpha?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
}

/**
 * L1-penalised least squares, as scikit-learn's Lasso() (alpha=1, max_iter=1000, tol=1e-4),
 * which is its ElasticNet with l1_ratio=1: minimises 1/(2n) |y - X w - b|^2 + alpha |w|_1.
 */
export class Lasso extends ElasticNet {
  constructor(options: LassoOptions = {}) {
    super({ ...options, l1Ratio: 1 });
  }
}

/**
 * The parts of the untyped ml.js packages that bench/mljs.ts calls, read off their published
 * sources (ml-cart 2.1.1, ml-knn 3.0.0, ml-naivebayes 4.0.0, ml-logistic-regression 2.0.0).
 * ml-random-forest and ml-matrix ship their own types. Not named mljs.d.ts: tsc leaves out a
 * .d.ts whose name matches a .ts file beside it, taking it for that file's output.
 */

declare module "ml-cart" {
  export interface DecisionTreeOptions {
    gainFunction?: "gini";
    splitFunction?: "mean";
    /** A node with at most this many rows becomes a leaf; default 3. */
    minNumSamples?: number;
    maxDepth?: number;
    /** A split must gain more gini than this; default 0.01. */
    gainThreshold?: number;
  }
  export class DecisionTreeClassifier {
    constructor(options?: DecisionTreeOptions);
    train(trainingSet: number[][], trainingLabels: number[]): void;
    /** Class labels only: the leaf's class distribution stays on a private node. */
    predict(toPredict: number[][]): number[];
  }
}

declare module "ml-knn" {
  export interface KnnOptions {
    /** Default: number of classes + 1. */
    k?: number;
    distance?: (a: readonly number[], b: readonly number[]) => number;
  }
  /** Builds its k-d tree in the constructor, which is all of its fit. */
  class KNN {
    constructor(dataset: number[][], labels: number[], options?: KnnOptions);
    /** Majority label of the k nearest rows; no class shares. */
    predict(dataset: number[][]): number[];
  }
  export = KNN;
}

declare module "ml-naivebayes" {
  export class GaussianNB {
    constructor();
    /** Labels must be 0..n-1. */
    train(trainingSet: number[][], trainingLabels: number[]): void;
    /** The most likely class, or -1 when every class's likelihood underflows to 0. */
    predict(dataset: number[][]): number[];
  }
}

declare module "ml-logistic-regression" {
  import type { Matrix } from "ml-matrix";
  export interface LogisticRegressionOptions {
    /** Full-batch gradient steps; default 50,000. */
    numSteps?: number;
    /** Default 5e-4. */
    learningRate?: number;
  }
  /** One-vs-rest, one weight per column and no intercept. */
  class LogisticRegression {
    constructor(options?: LogisticRegressionOptions);
    /** Y is a column vector of labels 0..n-1. */
    train(X: Matrix, Y: Matrix): void;
    predict(Xtest: Matrix): number[];
  }
  export = LogisticRegression;
}

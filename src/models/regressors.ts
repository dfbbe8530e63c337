import type { Rng } from "../stats/rng.js";
import { AdaBoostRegressor } from "./adaBoostRegressor.js";
import { BayesianRidge } from "./bayesianRidge.js";
import { DecisionTreeRegressor } from "./decisionTreeRegressor.js";
import { DummyRegressor } from "./dummyRegressor.js";
import { ElasticNet } from "./elasticNet.js";
import { ExtraTreesRegressor } from "./extraTreesRegressor.js";
import { GradientBoostingRegressor } from "./gradientBoostingRegressor.js";
import { HistGradientBoostingRegressor } from "./histGradientBoostingRegressor.js";
import { HuberRegressor } from "./huberRegressor.js";
import { KNeighborsRegressor } from "./kNeighborsRegressor.js";
import { Lasso } from "./lasso.js";
import { LinearRegression } from "./linearRegression.js";
import type { Regressor } from "./regressor.js";
import { RandomForestRegressor } from "./randomForestRegressor.js";
import { Ridge } from "./ridge.js";

/** A regression registry record, as PyCaret's model containers: id, display name, how to build it. */
export interface RegressorSpec {
  readonly id: string;
  readonly name: string;
  /** Whether the protocol z-scores the encoded features before this model sees them. */
  readonly scaled: boolean;
  create(rng: Rng): Regressor;
}

/** Every regression model, in PyCaret's display names and its compare_models order. */
export const REGRESSORS: readonly RegressorSpec[] = [
  { id: "lr", name: "Linear Regression", scaled: true, create: () => new LinearRegression() },
  { id: "lasso", name: "Lasso Regression", scaled: true, create: () => new Lasso() },
  { id: "ridge", name: "Ridge Regression", scaled: true, create: () => new Ridge() },
  { id: "en", name: "Elastic Net", scaled: true, create: () => new ElasticNet() },
  { id: "br", name: "Bayesian Ridge", scaled: true, create: () => new BayesianRidge() },
  { id: "huber", name: "Huber Regressor", scaled: true, create: () => new HuberRegressor() },
  { id: "knn", name: "K Neighbors Regressor", scaled: true, create: () => new KNeighborsRegressor() },
  { id: "dt", name: "Decision Tree Regressor", scaled: false, create: (rng) => new DecisionTreeRegressor({ rng }) },
  { id: "rf", name: "Random Forest Regressor", scaled: false, create: (rng) => new RandomForestRegressor({ rng }) },
  { id: "et", name: "Extra Trees Regressor", scaled: false, create: (rng) => new ExtraTreesRegressor({ rng }) },
  { id: "ada", name: "AdaBoost Regressor", scaled: false, create: (rng) => new AdaBoostRegressor({ rng }) },
  { id: "gbr", name: "Gradient Boosting Regressor", scaled: false, create: (rng) => new GradientBoostingRegressor({ rng }) },
  { id: "hgb", name: "Histogram Gradient Boosting Regressor", scaled: false, create: () => new HistGradientBoostingRegressor() },
  { id: "dummy", name: "Dummy Regressor", scaled: false, create: () => new DummyRegressor() },
];

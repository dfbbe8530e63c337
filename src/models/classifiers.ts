import { DecisionTreeClassifier } from "./decisionTree.js";
import type { ModelSpec } from "./estimator.js";
import { GaussianNaiveBayes } from "./gaussianNaiveBayes.js";
import { GradientBoostingClassifier } from "./gradientBoostingClassifier.js";
import { HistGradientBoostingClassifier } from "./histGradientBoostingClassifier.js";
import { KNearestNeighbors } from "./kNearestNeighbors.js";
import { LogisticRegression } from "./logisticRegression.js";
import { RandomForestClassifier } from "./randomForest.js";

/** Every classification model, in PyCaret's display names and its compare_models order; `scaled`: z-scored features. */
export const CLASSIFIERS: readonly ModelSpec[] = [
  { id: "lr", name: "Logistic Regression", scaled: true, create: () => new LogisticRegression() },
  { id: "rf", name: "Random Forest Classifier", scaled: false, create: (rng) => new RandomForestClassifier({ rng }) },
  { id: "nb", name: "Naive Bayes", scaled: false, create: () => new GaussianNaiveBayes() },
  { id: "knn", name: "K Neighbors Classifier", scaled: true, create: () => new KNearestNeighbors() },
  { id: "dt", name: "Decision Tree Classifier", scaled: false, create: (rng) => new DecisionTreeClassifier({ rng }) },
  { id: "gbc", name: "Gradient Boosting Classifier", scaled: false, create: () => new GradientBoostingClassifier() },
  { id: "hgb", name: "Histogram Gradient Boosting Classifier", scaled: false, create: () => new HistGradientBoostingClassifier() },
];

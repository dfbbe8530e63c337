import { AdaBoostClassifier } from "./adaBoost.js";
import { DecisionTreeClassifier } from "./decisionTree.js";
import { DummyClassifier } from "./dummyClassifier.js";
import type { ModelSpec } from "./estimator.js";
import { ExtraTreesClassifier } from "./extraTrees.js";
import { GaussianNaiveBayes } from "./gaussianNaiveBayes.js";
import { GradientBoostingClassifier } from "./gradientBoostingClassifier.js";
import { HistGradientBoostingClassifier } from "./histGradientBoostingClassifier.js";
import { KNearestNeighbors } from "./kNearestNeighbors.js";
import { LinearDiscriminantAnalysis } from "./linearDiscriminant.js";
import { LogisticRegression } from "./logisticRegression.js";
import { QuadraticDiscriminantAnalysis } from "./quadraticDiscriminant.js";
import { RandomForestClassifier } from "./randomForest.js";
import { RidgeClassifier } from "./ridgeClassifier.js";
import { SgdClassifier } from "./sgdClassifier.js";

/**
 * Every classification model, in PyCaret's display names and its compare_models order; `scaled`:
 * z-scored features; `scores: "decision"`: decision values instead of probabilities.
 */
export const CLASSIFIERS: readonly ModelSpec[] = [
  { id: "lr", name: "Logistic Regression", scaled: true, create: () => new LogisticRegression() },
  { id: "rf", name: "Random Forest Classifier", scaled: false, create: (rng) => new RandomForestClassifier({ rng }) },
  { id: "nb", name: "Naive Bayes", scaled: false, create: () => new GaussianNaiveBayes() },
  { id: "knn", name: "K Neighbors Classifier", scaled: true, create: () => new KNearestNeighbors() },
  { id: "dt", name: "Decision Tree Classifier", scaled: false, create: (rng) => new DecisionTreeClassifier({ rng }) },
  { id: "ada", name: "Ada Boost Classifier", scaled: false, create: (rng) => new AdaBoostClassifier({ rng }) },
  { id: "et", name: "Extra Trees Classifier", scaled: false, create: (rng) => new ExtraTreesClassifier({ rng }) },
  { id: "svm", name: "SVM - Linear Kernel", scaled: true, scores: "decision", create: (rng) => new SgdClassifier({ rng }) },
  { id: "ridge", name: "Ridge Classifier", scaled: true, scores: "decision", create: () => new RidgeClassifier() },
  { id: "qda", name: "Quadratic Discriminant Analysis", scaled: false, create: () => new QuadraticDiscriminantAnalysis() },
  { id: "lda", name: "Linear Discriminant Analysis", scaled: false, create: () => new LinearDiscriminantAnalysis() },
  { id: "gbc", name: "Gradient Boosting Classifier", scaled: false, create: () => new GradientBoostingClassifier() },
  { id: "hgb", name: "Histogram Gradient Boosting Classifier", scaled: false, create: () => new HistGradientBoostingClassifier() },
  { id: "dummy", name: "Dummy Classifier", scaled: false, create: () => new DummyClassifier() },
];

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
 * z-scored features; `scores: "decision"`: decision values instead of probabilities;
 * `needsTwoClasses`: fails on a training fold of one class, as scikit-learn's estimator does
 * (test/reference/one_class_reference.py records which do).
 */
export const CLASSIFIERS: readonly ModelSpec[] = [
  { id: "lr", name: "Logistic Regression", scaled: true, needsTwoClasses: true, create: () => new LogisticRegression() },
  { id: "rf", name: "Random Forest Classifier", scaled: false, needsTwoClasses: false, create: (rng) => new RandomForestClassifier({ rng }) },
  { id: "nb", name: "Naive Bayes", scaled: false, needsTwoClasses: false, create: () => new GaussianNaiveBayes() },
  { id: "knn", name: "K Neighbors Classifier", scaled: true, needsTwoClasses: false, create: () => new KNearestNeighbors() },
  { id: "dt", name: "Decision Tree Classifier", scaled: false, needsTwoClasses: false, create: (rng) => new DecisionTreeClassifier({ rng }) },
  { id: "ada", name: "Ada Boost Classifier", scaled: false, needsTwoClasses: false, create: (rng) => new AdaBoostClassifier({ rng }) },
  { id: "et", name: "Extra Trees Classifier", scaled: false, needsTwoClasses: false, create: (rng) => new ExtraTreesClassifier({ rng }) },
  { id: "svm", name: "SVM - Linear Kernel", scaled: true, scores: "decision", needsTwoClasses: true, create: (rng) => new SgdClassifier({ rng }) },
  { id: "ridge", name: "Ridge Classifier", scaled: true, scores: "decision", needsTwoClasses: false, create: () => new RidgeClassifier() },
  { id: "qda", name: "Quadratic Discriminant Analysis", scaled: false, needsTwoClasses: true, create: () => new QuadraticDiscriminantAnalysis() },
  { id: "lda", name: "Linear Discriminant Analysis", scaled: false, needsTwoClasses: true, create: () => new LinearDiscriminantAnalysis() },
  { id: "gbc", name: "Gradient Boosting Classifier", scaled: false, needsTwoClasses: true, create: (rng) => new GradientBoostingClassifier({ rng }) },
  { id: "hgb", name: "Histogram Gradient Boosting Classifier", scaled: false, needsTwoClasses: false, create: () => new HistGradientBoostingClassifier() },
  { id: "dummy", name: "Dummy Classifier", scaled: false, needsTwoClasses: false, create: () => new DummyClassifier() },
];

import { DecisionTreeClassifier } from "./decisionTree.js";
import type { ModelId, ModelSpec } from "./estimator.js";
import { GaussianNaiveBayes } from "./gaussianNaiveBayes.js";
import { KNearestNeighbors } from "./kNearestNeighbors.js";
import { LogisticRegression } from "./logisticRegression.js";
import { RandomForestClassifier } from "./randomForest.js";

/** Every model compareModels can run, in PyCaret's display names; `scaled` marks protocol step 4's z-scoring. */
export const MODELS: readonly ModelSpec[] = [
  { id: "lr", name: "Logistic Regression", scaled: true, create: () => new LogisticRegression() },
  { id: "rf", name: "Random Forest Classifier", scaled: false, create: (rng) => new RandomForestClassifier({ rng }) },
  { id: "nb", name: "Naive Bayes", scaled: false, create: () => new GaussianNaiveBayes() },
  { id: "knn", name: "K Neighbors Classifier", scaled: true, create: () => new KNearestNeighbors() },
  { id: "dt", name: "Decision Tree Classifier", scaled: false, create: (rng) => new DecisionTreeClassifier({ rng }) },
];

export const MODEL_IDS: readonly ModelId[] = MODELS.map((model) => model.id);

export function modelSpec(id: ModelId): ModelSpec {
  const spec = MODELS.find((model) => model.id === id);
  if (!spec) throw new RangeError(`unknown model ${id}`);
  return spec;
}

export function isModelId(value: string): value is ModelId {
  return MODELS.some((model) => model.id === value);
}

import { createRng } from "../stats/rng.js";
import { CLASSIFIERS } from "./classifiers.js";
import { REGRESSORS } from "./regressors.js";

/** One unfitted instance of every registered model, held for the life of the process. */
const anchors: unknown[] = [];

/**
 * Keeps one instance of every model class alive, so that the hidden class V8 gives the class's
 * instances (its "map") outlives each instance. A model's instance lives through one fold; a full
 * garbage collection between two of its folds (set off by the other models' garbage) found no
 * instance left and freed the map, the next fold's instance got a new one, and every inline
 * cache that had seen the old map was cleared: the model's optimised code was thrown away and
 * compiled again, fold after fold. Naive Bayes on a credit.csv fold, among the other models in a
 * child: 8-15 ms a fold for a 2 ms fit; with an explicit collection between two of its folds and
 * nothing else, its prediction compiled, thrown away and compiled again at every fold, and not
 * once with an instance held (BENCHMARKS.md, twelfth session).
 */
export function anchorModelShapes(): void {
  if (anchors.length > 0) return;
  const rng = createRng(0);
  for (const spec of CLASSIFIERS) anchors.push(spec.create(rng));
  for (const spec of REGRESSORS) anchors.push(spec.create(rng));
}

/** The constructors of the instances held: one per registered model, once anchored. */
export function anchoredClasses(): readonly string[] {
  return anchors.map((anchor) => (anchor as object).constructor.name);
}

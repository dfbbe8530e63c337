/** The latest instance of each class handed to holdShape, for the life of the process. */
const held = new Map<unknown, object>();

/**
 * Keeps the latest instance of a per-fit helper class (a tree's criterion, search and buffer, the
 * histogram grower, ...) alive until the next one replaces it, so that the hidden class ("map")
 * V8 gave its instances outlives each fit. Optimised code that reads an instance embeds its map
 * weakly: at a full collection between two folds of a child, with no instance left, the map was
 * freed and every function that had seen it was thrown away ("weak objects") and compiled again,
 * fold after fold: the decision tree's node functions on a credit.csv fold, 23 compilations and
 * 40-45 ms of a 130 ms fit, in every fold. shapeAnchors.ts does the same for the models
 * themselves, whose unfitted instances are small; these hold a fit's buffers, so only the latest
 * is kept, replaced at the next construction, and a class whose buffers are large (the boosting
 * growers) has a small instance built on one row put in its place once a fit is done.
 */
export function holdShape(instance: object): void {
  held.set(instance.constructor, instance);
}

/** The instance held for a class, if any (for tests). */
export function heldInstance(of: abstract new (...args: never[]) => object): object | undefined {
  return held.get(of);
}

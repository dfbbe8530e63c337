import assert from "node:assert/strict";
import { test } from "node:test";
import { SgdClassifier, sklearnShuffle } from "../../src/models/sgdClassifier.js";
import { createRng, type Rng } from "../../src/stats/rng.js";
import { argmaxAccuracy, assertClose, classificationCases, classificationProblem, matrix } from "./linearReference.js";

/**
 * SgdClassifier against scikit-learn 1.2.1's SGDClassifier(loss="hinge", tol=1e-3) on
 * test/reference/linear_reference.py's cases. Handed the shuffle seeds scikit-learn derives from
 * its random_state, ours takes the very same steps: decision values agree to rounding (held to
 * 1e-9) and the epoch
 * counts are equal. With seeds from our Rng, only the distribution can match: mean accuracy over
 * 50 seeds against scikit-learn's over 50 random states, within issue 10's 0.03. On these 24-60
 * test rows one seed's accuracy moves by about 0.05 from the next on both sides, so a mean over
 * ten seeds still misses by 0.04 now and then; over 50 the standard error of the difference is
 * about 0.01.
 */

/** An Rng whose uint32() replays scikit-learn's shuffle seeds (the only draws the model makes). */
function replaying(seeds: readonly number[]): Rng {
  let next = 0;
  const refuse = (): number => {
    throw new Error("the SGD classifier should only draw seeds");
  };
  return { uint32: () => seeds[next++], next: refuse, int: refuse };
}

for (const [name, c] of classificationCases) {
  test(`given scikit-learn's shuffle seeds, the SGD classifier reproduces its decision values and epochs (${name})`, () => {
    const p = classificationProblem(c);
    for (const run of c.svm.filter((r) => r.decision !== undefined)) {
      const model = new SgdClassifier({ rng: replaying(run.shuffleSeeds) }).fit(p.XTrain, p.yTrain, p.nClasses);
      assertClose(model.decisionFunction(p.XTest), run.decision!, 1e-9, `${name} random_state ${run.randomState}`);
      assert.equal(model.iterations, run.epochs);
    }
  });

  // "one-hot" is raw (an unscaled 0-3 column beside the levels), which the protocol never hands
  // this model; there scikit-learn's own accuracy spreads over 0.38-0.82 from seed to seed
  // (sd 0.11), so 50 seeds a side resolve a difference of 0.06, not 0.03.
  if (name === "one-hot") continue;
  test(`the SGD classifier's mean accuracy over 50 seeds is within 0.03 of scikit-learn's over 50 random states (${name})`, () => {
    const p = classificationProblem(c);
    let ours = 0;
    for (let seed = 0; seed < c.svm.length; seed++) {
      const scores = new SgdClassifier({ rng: createRng(seed) }).fit(p.XTrain, p.yTrain, p.nClasses).decisionFunction(p.XTest);
      ours += argmaxAccuracy(scores, c.yTest, p.nClasses) / c.svm.length;
    }
    const theirs = c.svm.reduce((sum, run) => sum + run.accuracy, 0) / c.svm.length;
    assert.ok(Math.abs(ours - theirs) <= 0.03, `${ours} vs scikit-learn ${theirs}`);
  });
}

test("the shuffle is scikit-learn's: the same swaps from one seed, replayed every epoch", () => {
  // scikit-learn's ArrayDataset64(...)._shuffle_py(12345) three times over 0..6 (see linear_reference.py).
  const order = Uint32Array.from([0, 1, 2, 3, 4, 5, 6]);
  const epochs: number[][] = [];
  for (let e = 0; e < 3; e++) {
    sklearnShuffle(order, 12345);
    epochs.push([...order]);
  }
  assert.deepEqual(epochs, [
    [1, 4, 3, 5, 6, 2, 0],
    [4, 6, 5, 2, 0, 3, 1],
    [6, 0, 2, 3, 1, 5, 4],
  ]);
});

test("the SGD classifier is a function of its seed", () => {
  const c = classificationCases[0][1];
  const p = classificationProblem(c);
  const fit = (seed: number): number[] => [...new SgdClassifier({ rng: createRng(seed) }).fit(p.XTrain, p.yTrain, 2).decisionFunction(p.XTest)];
  assert.deepEqual(fit(4), fit(4));
  assert.notDeepEqual(fit(4), fit(5));
});

test("the SGD classifier separates separable classes and stops well before max_iter", () => {
  const X = matrix([[-2], [-1.5], [-1], [1], [1.5], [2]]);
  const model = new SgdClassifier({ rng: createRng(1) }).fit(X, Uint32Array.from([0, 0, 0, 1, 1, 1]), 2);
  const scores = model.decisionFunction(X);
  assert.equal(argmaxAccuracy(scores, [0, 0, 0, 1, 1, 1], 2), 1);
  assert.ok(model.iterations < 1000);
  assert.throws(() => new SgdClassifier({ rng: createRng(1), alpha: 0 }), /alpha must be finite and > 0/);
  assert.throws(() => new SgdClassifier({ rng: createRng(1) }).decisionFunction(X), /not fitted/);
});

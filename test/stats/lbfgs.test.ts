import assert from "node:assert/strict";
import { test } from "node:test";
import { minimizeLbfgs, type Objective } from "../../src/stats/lbfgs.js";

test("minimizeLbfgs finds the minimum of an ill-conditioned quadratic to the gradient tolerance", () => {
  // f(x) = sum_i c_i (x_i - i)^2 with curvatures spanning four orders of magnitude.
  const c = Float64Array.from([1e-2, 1, 10, 100]);
  const f: Objective = (x, grad) => {
    let value = 0;
    for (let i = 0; i < x.length; i++) {
      value += c[i] * (x[i] - i) ** 2;
      grad[i] = 2 * c[i] * (x[i] - i);
    }
    return value;
  };
  const result = minimizeLbfgs(f, new Float64Array(4), { maxIterations: 200, gradientTolerance: 1e-10 });
  assert.equal(result.converged, true);
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(result.x[i] - i) < 1e-6, `x[${i}] = ${result.x[i]}`);
  assert.ok(result.value < 1e-12);
});

test("minimizeLbfgs solves the Rosenbrock valley from its classic start", () => {
  const f: Objective = (x, grad) => {
    const [a, b] = [x[0], x[1]];
    grad[0] = -2 * (1 - a) - 400 * a * (b - a * a);
    grad[1] = 200 * (b - a * a);
    return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
  };
  const result = minimizeLbfgs(f, Float64Array.from([-1.2, 1]), { maxIterations: 1000, gradientTolerance: 1e-8 });
  assert.equal(result.converged, true);
  assert.ok(Math.abs(result.x[0] - 1) < 1e-6 && Math.abs(result.x[1] - 1) < 1e-6, `x = ${[...result.x]}`);
  assert.ok(result.iterations < 100, `${result.iterations} iterations`);
});

test("minimizeLbfgs stops at maxIterations and says it did not converge", () => {
  const f: Objective = (x, grad) => {
    grad[0] = 2 * (x[0] - 1000);
    return (x[0] - 1000) ** 2;
  };
  const result = minimizeLbfgs(f, new Float64Array(1), { maxIterations: 1, gradientTolerance: 1e-12 });
  assert.equal(result.converged, false);
  assert.equal(result.iterations, 1);
});

test("minimizeLbfgs stops when only a step cut to almost nothing keeps the value from rising at its rounding, instead of searching on to maxIterations", () => {
  // x1's gradient says "go down", but at 1e16 any visible move along it rounds the value up by an
  // ulp (as collinear columns leave the Huber loss flat, up to rounding): the line search must cut
  // the step until x1 barely moves, and nothing is gained: one such search (30-odd evaluations),
  // then stop, where the old loop went on for 650.
  let evaluations = 0;
  const f: Objective = (x, grad) => {
    evaluations++;
    grad[0] = 2 * (x[0] - 1);
    grad[1] = 1e-3;
    return 1e16 + (Math.abs(x[1]) > 1e-12 ? 2 : 0) + (x[0] - 1) * (x[0] - 1);
  };
  const result = minimizeLbfgs(f, Float64Array.from([1, 0]), { maxIterations: 1000, gradientTolerance: 1e-8 });
  assert.equal(result.converged, false);
  assert.ok(evaluations <= 64, `${evaluations} evaluations`);
});

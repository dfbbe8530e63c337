import assert from "node:assert/strict";
import { test } from "node:test";
import { minimizeNewton, type TwiceDifferentiable } from "../../src/stats/newton.js";

/** f(x) = sum over i of exp(a_i x_i) - b_i x_i + x_i^2 / 2: strictly convex, minimum where a e^(a x) + x = b. */
function separable(a: readonly number[], b: readonly number[]): TwiceDifferentiable {
  let last = new Float64Array(a.length);
  return {
    evaluate(x, grad) {
      last = x.slice();
      let value = 0;
      for (let i = 0; i < a.length; i++) {
        const e = Math.exp(a[i] * x[i]);
        value += e - b[i] * x[i] + (x[i] * x[i]) / 2;
        grad[i] = a[i] * e - b[i] + x[i];
      }
      return value;
    },
    hessian(out) {
      out.fill(0);
      for (let i = 0; i < a.length; i++) out[i * a.length + i] = a[i] * a[i] * Math.exp(a[i] * last[i]) + 1;
    },
  };
}

test("minimizeNewton reaches the gradient tolerance in a few steps on a strictly convex function", () => {
  const result = minimizeNewton(separable([1, 2, -1], [3, -1, 0.5]), new Float64Array(3), { maxIterations: 50, gradientTolerance: 1e-12 });
  assert.ok(result !== null && result.converged);
  // Backtracking tames the exponentials' overshoot from 0; the last steps are quadratic.
  assert.ok(result.iterations <= 30, `${result.iterations} steps`);
  const [x0, x1, x2] = result.x;
  assert.ok(Math.abs(Math.exp(x0) + x0 - 3) < 1e-12);
  assert.ok(Math.abs(2 * Math.exp(2 * x1) + x1 + 1) < 1e-12);
  assert.ok(Math.abs(-Math.exp(-x2) + x2 - 0.5) < 1e-12);
});

test("minimizeNewton gives up (null) on a Hessian that is not positive definite, for the caller's fallback", () => {
  const flat: TwiceDifferentiable = {
    evaluate(x, grad) {
      grad[0] = x[0] - 1;
      grad[1] = 0.5;
      return (x[0] - 1) ** 2 / 2 + 0.5 * x[1];
    },
    hessian(out) {
      out.set([1, 0, 0, 0]);
    },
  };
  assert.equal(minimizeNewton(flat, new Float64Array(2), { maxIterations: 10, gradientTolerance: 1e-9 }), null);
});

test("minimizeNewton finishes when the value's rounding hides the last step's decrease but the gradient shows it", () => {
  // 1e6 + (x - 3)^2 / 2 from 1e-6 past the minimum, its value computed with a rounding error of
  // 2 ulps at the minimum (as a sum over thousands of rows has): the full step's decrease, 5e-13,
  // is far below that, so Armijo's test refuses it, while the gradient falls from 1e-6 to 0. Taken
  // for no progress, the step was halved instead (on a bank.csv fold of logistic regression,
  // halved to nothing for 1,000 iterations: 20 s).
  const f: TwiceDifferentiable = {
    evaluate(x, grad) {
      grad[0] = x[0] - 3;
      return 1e6 + ((x[0] - 3) * (x[0] - 3)) / 2 + (x[0] === 3 ? 2.4e-10 : 0);
    },
    hessian(out) {
      out[0] = 1;
    },
  };
  const result = minimizeNewton(f, Float64Array.of(3 + 1e-6), { maxIterations: 1000, gradientTolerance: 1e-9 });
  assert.ok(result !== null && result.converged, JSON.stringify(result));
  assert.equal(result.x[0], 3);
  assert.ok(result.iterations <= 2, `${result.iterations} steps`);
});

test("minimizeNewton reuses a Hessian for more steps the more one costs, and still reaches the tolerance", () => {
  const counted = (cost: number): { hessians: number; converged: boolean } => {
    const f = separable([1, 2, -1, 0.5], [3, -1, 0.5, 2]);
    let hessians = 0;
    const g: TwiceDifferentiable = {
      evaluate: (x, grad) => f.evaluate(x, grad),
      hessian: (out) => {
        hessians++;
        f.hessian(out);
      },
      hessianCost: cost,
    };
    const result = minimizeNewton(g, new Float64Array(4), { maxIterations: 200, gradientTolerance: 1e-12 });
    return { hessians, converged: result !== null && result.converged };
  };
  const cheap = counted(0);
  const dear = counted(50);
  assert.ok(cheap.converged && dear.converged);
  assert.ok(dear.hessians < cheap.hessians, `${dear.hessians} Hessians at cost 50, ${cheap.hessians} at cost 0`);
});

test("a Newton step that overshoots by orders of magnitude is shortened from the parabola through it, not by halving alone", () => {
  // log cosh x from 3: Newton's step is -sinh(3) cosh(3), about -101, where the minimum is 3 away.
  let evaluations = 0;
  const logCosh: TwiceDifferentiable = {
    evaluate(x, grad) {
      evaluations++;
      grad[0] = Math.tanh(x[0]);
      return Math.abs(x[0]) + Math.log1p(Math.exp(-2 * Math.abs(x[0]))) - Math.LN2;
    },
    hessian(out) {
      out[0] = 1 / Math.cosh(3) ** 2;
    },
  };
  const result = minimizeNewton(logCosh, Float64Array.of(3), { maxIterations: 1, gradientTolerance: 1e-12 });
  assert.ok(result !== null);
  // Halving tries steps 1, 1/2, ..., 1/32 (the first to land below log cosh 3): 6 evaluations after the first.
  assert.ok(evaluations - 1 <= 4, `${evaluations - 1} evaluations in the line search`);
  assert.ok(Math.abs(result.x[0]) < 3, `x = ${result.x[0]}`);
});

/**
 * Limited-memory BFGS minimisation of a smooth function (Nocedal & Wright, algorithm 7.4/7.5),
 * with a backtracking line search on the Armijo condition. A pair (s, y) is stored only when
 * its curvature s.y is positive, which keeps the implicit Hessian positive definite without a
 * full Wolfe search; for our strictly convex losses that is enough.
 */
export interface LbfgsOptions {
  readonly maxIterations: number;
  /** Stop when max |gradient| falls below this. */
  readonly gradientTolerance: number;
  /** Pairs kept; scipy's default is 10. */
  readonly memory?: number;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** f writes the gradient at x into grad and returns the value. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

export function minimizeLbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const memory = options.memory ?? 10;
  const x = Float64Array.from(x0);
  const grad = new Float64Array(n);
  let value = f(x, grad);
  const sHistory: Float64Array[] = [];
  const yHistory: Float64Array[] = [];
  const rhoHistory: number[] = [];
  const direction = new Float64Array(n);
  const alpha = new Float64Array(memory);
  const xNew = new Float64Array(n);
  const gradNew = new Float64Array(n);

  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    if (maxAbs(grad) <= options.gradientTolerance) return { x, value, iterations: iteration, converged: true };
    // Two-loop recursion: direction = -H * grad.
    for (let i = 0; i < n; i++) direction[i] = -grad[i];
    const m = sHistory.length;
    for (let k = m - 1; k >= 0; k--) {
      alpha[k] = rhoHistory[k] * dot(sHistory[k], direction);
      const yk = yHistory[k];
      for (let i = 0; i < n; i++) direction[i] -= alpha[k] * yk[i];
    }
    if (m > 0) {
      const gamma = dot(sHistory[m - 1], yHistory[m - 1]) / dot(yHistory[m - 1], yHistory[m - 1]);
      for (let i = 0; i < n; i++) direction[i] *= gamma;
    } else {
      // First step: a unit-length move along -grad, as the scale of H is unknown yet.
      const norm = Math.sqrt(dot(direction, direction));
      for (let i = 0; i < n; i++) direction[i] /= Math.max(norm, 1);
    }
    for (let k = 0; k < m; k++) {
      const beta = rhoHistory[k] * dot(yHistory[k], direction);
      const sk = sHistory[k];
      for (let i = 0; i < n; i++) direction[i] += (alpha[k] - beta) * sk[i];
    }
    let slope = dot(grad, direction);
    if (slope >= 0) {
      // Not a descent direction (rounding): restart from steepest descent.
      sHistory.length = 0;
      yHistory.length = 0;
      rhoHistory.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -grad[i];
      slope = dot(grad, direction);
    }
    let step = 1;
    let valueNew = Infinity;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * direction[i];
      valueNew = f(xNew, gradNew);
      if (valueNew <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(valueNew <= value)) return { x, value, iterations: iteration, converged: false };
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gradNew[i] - grad[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (sHistory.length === memory) {
        sHistory.shift();
        yHistory.shift();
        rhoHistory.shift();
      }
      sHistory.push(s);
      yHistory.push(y);
      rhoHistory.push(1 / sy);
    }
    const decrease = value - valueNew;
    x.set(xNew);
    grad.set(gradNew);
    value = valueNew;
    // Converged to machine precision in value: further steps cannot improve it.
    if (decrease <= 1e-15 * Math.max(1, Math.abs(value)) && maxAbs(grad) <= options.gradientTolerance * 1e3) {
      return { x, value, iterations: iteration + 1, converged: true };
    }
    // Stuck: a step cut 20 times or more bought a decrease within the value's rounding. What is
    // left of the gradient lies along directions the function is flat in at working precision
    // (the Huber loss on collinear one-hot columns: 60 more iterations of 30-odd evaluations each
    // moved nothing); stop, as scikit-learn's relative-decrease test would far earlier.
    if (step < 1e-6 && decrease <= 1e-13 * Math.abs(value)) {
      return { x, value, iterations: iteration + 1, converged: maxAbs(grad) <= options.gradientTolerance };
    }
  }
  return { x, value, iterations: options.maxIterations, converged: maxAbs(grad) <= options.gradientTolerance };
}

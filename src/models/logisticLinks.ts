/**
 * Turns a rows x K block of margins into residuals (probability minus indicator) in place and
 * returns the summed log-loss: the only part in which binary and multinomial fits differ.
 */
export type Link = (z: Float64Array, y: Int32Array, K: number) => number;

/** Binary (K = 1): log(1 + e^t) - y t and sigmoid(t) - y, without overflow, from one exp of -|t|. */
export const sigmoidLink: Link = (z, y) => {
  let loss = 0;
  for (let i = 0; i < z.length; i++) {
    const t = z[i];
    const e = Math.exp(-Math.abs(t));
    loss += (t > 0 ? t : 0) + Math.log1p(e) - y[i] * t;
    z[i] = (t >= 0 ? 1 / (1 + e) : e / (1 + e)) - y[i];
  }
  return loss;
};

/** Multinomial: log-partition minus the true class's margin, both shifted by the row's max. */
export const softmaxLink: Link = (z, y, K) => {
  let loss = 0;
  for (let zo = 0, i = 0; zo < z.length; zo += K, i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (z[zo + k] > max) max = z[zo + k];
    const trueMargin = z[zo + y[i]] - max;
    let total = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(z[zo + k] - max);
      total += e;
      z[zo + k] = e;
    }
    loss += Math.log(total) - trueMargin;
    for (let k = 0; k < K; k++) z[zo + k] = z[zo + k] / total - (k === y[i] ? 1 : 0);
  }
  return loss;
};

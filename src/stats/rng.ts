/**
 * Seeded pseudo-random generator, passed explicitly to whatever needs randomness (splitters,
 * forests): never a module-level source. sfc32 is small, fast and passes PractRand to 2^40+;
 * we only need reproducibility, not cryptographic quality.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A 32-bit unsigned integer, for seeding child generators. */
  uint32(): number;
}

export function createRng(seed: number): Rng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const step = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up so that nearby seeds give unrelated streams.
  for (let i = 0; i < 15; i++) step();
  return {
    next: () => step() / 4294967296,
    int: (n: number) => Math.floor((step() / 4294967296) * n),
    uint32: step,
  };
}

/** In-place Fisher-Yates shuffle. */
export function shuffleInPlace(values: Uint32Array, rng: Rng): Uint32Array {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
  return values;
}

/** A standard normal draw (Box-Muller; 1 - next() keeps the log away from 0), for the seeded data generators. */
export function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

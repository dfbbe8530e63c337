import type { CategoricalColumn, FeatureColumn } from "../../src/data/featureColumns.js";
import { createRng, gaussian } from "../../src/stats/rng.js";

const categorical = (name: string, levels: number, codes: Int32Array): CategoricalColumn => ({ kind: "categorical", name, levels: Array.from({ length: levels }, (_, l) => `${name}${l}`), codes });

/**
 * Census-like columns: marital (3 levels) and relationship (4): married (marital 0) exactly when
 * husband or wife (relationship 0 or 1); education (4 levels) and education-num, one number per
 * education level; race (3 levels) independent of the rest; two numeric columns. Known
 * dependencies: 4 blocks' own, 1 between marital and relationship, 1 for education-num: 6.
 */
export function censusLike(n: number, seed: number): { columns: FeatureColumn[]; rows: Uint32Array } {
  const rng = createRng(seed);
  const married = Int32Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
  const marital = Int32Array.from(married, (m) => (m === 1 ? 0 : 1 + Math.floor(rng.next() * 2)));
  const relationship = Int32Array.from(married, (m) => (m === 1 ? Math.floor(rng.next() * 2) : 2 + Math.floor(rng.next() * 2)));
  const education = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 4));
  const columns: FeatureColumn[] = [
    { kind: "numeric", name: "age", values: Float64Array.from({ length: n }, () => 40 + 10 * gaussian(rng)) },
    categorical("marital", 3, marital),
    categorical("education", 4, education),
    { kind: "numeric", name: "education-num", values: Float64Array.from(education, (e) => [9, 10, 13, 16][e]) },
    categorical("relationship", 4, relationship),
    categorical("race", 3, Int32Array.from({ length: n }, () => Math.floor(rng.next() * 3))),
    { kind: "numeric", name: "hours", values: Float64Array.from({ length: n }, () => 40 + 5 * gaussian(rng)) },
  ];
  return { columns, rows: Uint32Array.from({ length: n }, (_, i) => i) };
}


/**
 * Seeded generator of a wide numeric table, more columns than rows (as expression or spectra
 * data): 300 rows of 800 standard normal features and a binary target y that depends on the
 * first three plus noise. For the linear models' routes on fewer rows than columns (BENCHMARKS.md).
 *
 *     node dist/bench/generateWide.js --out bench/out/wide.csv
 */
import { CsvFile } from "./csvFile.js";
import { createRng, gaussian } from "../src/stats/rng.js";

const ROWS = 300;
const COLS = 800;

async function main(): Promise<void> {
  const at = process.argv.indexOf("--out");
  const out = at >= 0 ? process.argv[at + 1] : "bench/out/wide.csv";
  const rng = createRng(800);
  const csv = CsvFile.open(out, [...Array.from({ length: COLS }, (_, j) => `x${j}`), "y"]);
  for (let i = 0; i < ROWS; i++) {
    const x = Array.from({ length: COLS }, () => gaussian(rng));
    const y = x[0] + x[1] - x[2] + gaussian(rng) > 0 ? 1 : 0;
    await csv.row([...x.map((v) => v.toFixed(3)), String(y)]);
  }
  await csv.close();
}

void main();

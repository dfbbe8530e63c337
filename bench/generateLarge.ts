/**
 * Seeded generator of the benchmark's large partitioned CSV: by default 200,000 rows, 12 numeric
 * and 4 categorical features with about 5% missing cells ("" and "NA"), a partition column
 * `store` with 50 values, and a binary target `churned` (no/yes) that depends on a few features
 * plus noise. Some categorical values hold quoted commas. Streams to disk, so 1,000,000 rows
 * need no more memory than 1,000.
 *
 *     node dist/bench/generateLarge.js --rows 200000 --partitions 50 --out bench/out/large.csv
 */
import { CsvFile } from "./csvFile.js";
import { createRng, gaussian } from "../src/stats/rng.js";

export interface LargeOptions {
  readonly rows: number;
  readonly partitions: number;
  readonly out: string;
  readonly seed?: number;
}


const CITIES = ["Portland, OR", "Seattle, WA", "Boise, ID", "Spokane, WA", "Eugene, OR", "Salem, OR"];
const PLANS = ["basic", "plus", "premium"];
const CHANNELS = ["web", "phone", "store", "partner"];
const SEGMENTS = Array.from({ length: 40 }, (_, i) => `segment-${i}`);

export async function generateLarge(options: LargeOptions): Promise<void> {
  const rng = createRng(options.seed ?? 2024);
  const numeric = Array.from({ length: 12 }, (_, j) => `x${j + 1}`);
  const csv = CsvFile.open(options.out, ["store", ...numeric, "city", "plan", "channel", "segment", "churned"]);
  // Each store shifts the relationship a little, so partitions really differ.
  const storeEffect = Array.from({ length: options.partitions }, () => 0.8 * gaussian(rng));
  const missing = (cell: string): string => (rng.next() < 0.05 ? (rng.next() < 0.5 ? "" : "NA") : cell);
  for (let i = 0; i < options.rows; i++) {
    const store = rng.int(options.partitions);
    const x = numeric.map(() => gaussian(rng));
    const plan = rng.int(PLANS.length);
    const channel = rng.int(CHANNELS.length);
    const z = storeEffect[store] + 1.2 * x[0] - 0.8 * x[1] + 0.5 * x[2] * x[3] + (plan === 0 ? 0.7 : -0.3) + (channel === 1 ? 0.4 : 0) + 0.8 * gaussian(rng);
    const churned = z > 0.3 ? "yes" : "no";
    const cells = [
      `S${String(store + 1).padStart(3, "0")}`,
      ...x.map((v, j) => missing((j < 10 ? v : Math.round(3 + 2 * v)).toFixed(j < 10 ? 4 : 0))),
      missing(CITIES[rng.int(CITIES.length)]),
      missing(PLANS[plan]),
      missing(CHANNELS[channel]),
      missing(SEGMENTS[rng.int(SEGMENTS.length)]),
      churned,
    ];
    await csv.row(cells);
  }
  await csv.close();
}

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  await generateLarge({
    rows: Number(flag("--rows", "200000")),
    partitions: Number(flag("--partitions", "50")),
    out: flag("--out", "bench/out/large.csv"),
  });
}

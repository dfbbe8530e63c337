/**
 * Seeded generator of a census-shaped table (the shape of the UCI adult data, none of its
 * values): 32,561 rows, 6 numeric columns and 8 categorical ones of 2 to 42 levels, about 2%
 * missing cells in workclass, occupation and native-country, and a binary target income
 * (<=50K / >50K, about a quarter positive) that depends on a few columns plus noise.
 * native-country is the partition key: United-States holds 27,000 rows, the 41 others share the
 * rest unevenly (some too few to score), as in the real data.
 *
 *     node dist/bench/generateCensus.js --out bench/out/census.csv
 */
import { CsvFile } from "./csvFile.js";
import { createRng, gaussian, type Rng } from "../src/stats/rng.js";

const ROWS = 32_561;
const HOME_ROWS = 27_000;

const WORKCLASS = ["Private", "Self-emp-not-inc", "Self-emp-inc", "Federal-gov", "Local-gov", "State-gov", "Without-pay", "Never-worked", "Other"];
const EDUCATION = ["Preschool", "1st-4th", "5th-6th", "7th-8th", "9th", "10th", "11th", "12th", "HS-grad", "Some-college", "Assoc-voc", "Assoc-acdm", "Bachelors", "Masters", "Prof-school", "Doctorate"];
const MARITAL = ["Never-married", "Married-civ-spouse", "Divorced", "Separated", "Widowed", "Married-spouse-absent", "Married-AF-spouse"];
const OCCUPATION = ["Tech-support", "Craft-repair", "Other-service", "Sales", "Exec-managerial", "Prof-specialty", "Handlers-cleaners", "Machine-op-inspct", "Adm-clerical", "Farming-fishing", "Transport-moving", "Priv-house-serv", "Protective-serv", "Armed-Forces", "Unknown"];
const RELATIONSHIP = ["Wife", "Own-child", "Husband", "Not-in-family", "Other-relative", "Unmarried"];
const RACE = ["White", "Asian-Pac-Islander", "Amer-Indian-Eskimo", "Other", "Black"];
const SEX = ["Female", "Male"];
const COUNTRIES = [
  "Mexico", "Philippines", "Germany", "Canada", "Puerto-Rico", "El-Salvador", "India", "Cuba", "England", "Jamaica",
  "South", "China", "Italy", "Dominican-Republic", "Vietnam", "Guatemala", "Japan", "Poland", "Columbia", "Taiwan",
  "Haiti", "Iran", "Portugal", "Nicaragua", "Peru", "France", "Greece", "Ecuador", "Ireland", "Hong",
  "Cambodia", "Trinadad&Tobago", "Laos", "Thailand", "Yugoslavia", "Outlying-US", "Honduras", "Hungary", "Scotland", "Holand-Netherlands",
  "Other-country",
];


/** An index drawn with probability proportional to 1 / (index + 1)^power: a few common levels, a long tail. */
function skewed(rng: Rng, levels: number, power: number): number {
  let total = 0;
  for (let i = 0; i < levels; i++) total += 1 / (i + 1) ** power;
  let u = rng.next() * total;
  for (let i = 0; i < levels; i++) {
    u -= 1 / (i + 1) ** power;
    if (u <= 0) return i;
  }
  return levels - 1;
}

export async function generateCensus(out: string, seed = 1994): Promise<void> {
  const rng = createRng(seed);
  const csv = CsvFile.open(out, ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"]);
  const missing = (cell: string): string => (rng.next() < 0.02 ? "" : cell);
  // Which rows are abroad: exactly ROWS - HOME_ROWS of them, spread through the file.
  const abroad = new Set<number>();
  while (abroad.size < ROWS - HOME_ROWS) abroad.add(rng.int(ROWS));
  for (let i = 0; i < ROWS; i++) {
    const age = Math.max(17, Math.min(90, Math.round(38 + 13 * gaussian(rng))));
    const education = skewed(rng, EDUCATION.length, 0.3);
    const educationNum = education + 1;
    const married = rng.next() < 0.46;
    const marital = married ? 1 : [0, 2, 3, 4, 5, 6][skewed(rng, 6, 1.2)];
    const sex = rng.next() < 0.67 ? 1 : 0;
    const relationship = married ? (sex === 1 ? 2 : 0) : [1, 3, 4, 5][skewed(rng, 4, 0.8)];
    const occupation = skewed(rng, OCCUPATION.length, 0.4);
    const workclass = skewed(rng, WORKCLASS.length, 1.5);
    const race = skewed(rng, RACE.length, 1.8);
    const hours = Math.max(1, Math.min(99, Math.round(40 + 12 * gaussian(rng))));
    const gain = rng.next() < 0.08 ? Math.round(Math.exp(7 + 2 * rng.next())) : 0;
    const loss = rng.next() < 0.05 ? Math.round(1500 + 600 * rng.next()) : 0;
    const fnlwgt = Math.round(190_000 * Math.exp(0.5 * gaussian(rng)));
    const country = abroad.has(i) ? COUNTRIES[skewed(rng, COUNTRIES.length, 1.1)] : "United-States";
    const z = -7.3 + 0.04 * age + 0.3 * educationNum + (married ? 1.8 : 0) + 0.03 * hours + (gain > 5000 ? 2.5 : 0) + (loss > 0 ? 0.6 : 0) + (occupation === 4 || occupation === 5 ? 0.8 : 0) + 0.6 * gaussian(rng);
    const cells = [
      String(age),
      missing(WORKCLASS[workclass]),
      String(fnlwgt),
      EDUCATION[education],
      String(educationNum),
      MARITAL[marital],
      missing(OCCUPATION[occupation]),
      RELATIONSHIP[relationship],
      RACE[race],
      SEX[sex],
      String(gain),
      String(loss),
      String(hours),
      country === "United-States" ? country : missing(country),
      z > 0 ? ">50K" : "<=50K",
    ];
    await csv.row(cells);
  }
  await csv.close();
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  const at = process.argv.indexOf("--out");
  await generateCensus(at >= 0 ? process.argv[at + 1] : "bench/out/census.csv");
}

import assert from "node:assert/strict";
import { test } from "node:test";
import { runOptions, type RawOptions } from "../../src/cli/parseOptions.js";
import { UsageError } from "../../src/errors.js";

const base: RawOptions = { target: "y" };

function parsed(raw: RawOptions): ReturnType<typeof runOptions> {
  return runOptions("data.csv", { ...base, ...raw });
}

function refused(raw: RawOptions, message: RegExp): void {
  assert.throws(() => parsed(raw), (error: unknown) => error instanceof UsageError && message.test(error.message), JSON.stringify(raw));
}

type IntegerOption = "folds" | "seed" | "top" | "workers";
const flag: Record<IntegerOption, string> = { folds: "--folds", seed: "--seed", top: "--top", workers: "--workers" };

test("integer options take plain decimal digits, leading zeros included", () => {
  const accepted: [IntegerOption, string, number][] = [
    ["folds", "3", 3],
    ["folds", "010", 10],
    ["seed", "0", 0],
    ["seed", "4294967295", 4294967295],
    ["top", "1", 1],
    ["workers", "256", 256],
  ];
  for (const [option, value, expected] of accepted) assert.equal(parsed({ [option]: value })[option], expected, `${option} ${value}`);
});

test("integer options refuse hex, exponents, blanks, signs, fractions and Infinity, naming the value", () => {
  // Number() reads all of these but the last four as numbers: 0x10 is 16, " 3" is 3, "" is 0.
  const values = ["0x10", "0b11", "0o7", "1e1", " 3", "3 ", "", " ", "Infinity", "+3", "-3", "3.0", "3.", "1_0"];
  for (const option of ["folds", "seed", "top", "workers"] as const) {
    for (const value of values) refused({ [option]: value }, new RegExp(`^${flag[option]} ${value.replace(/[.+]/g, "\\$&")}: expected an integer`));
  }
});

test("integer options keep their ranges; a value above the largest is said to be too large, with the range", () => {
  refused({ folds: "1" }, /^--folds 1: expected an integer >= 2$/);
  refused({ seed: "4294967296" }, /^--seed 4294967296: too large: expected an integer from 0 to 4294967295$/);
  refused({ workers: "0" }, /^--workers 0: expected an integer from 1 to 256$/);
  refused({ top: "99999999999999999999" }, /^--top 99999999999999999999: too large: expected an integer from 1 to 9007199254740991$/);
  refused({ minRows: "9007199254740992" }, /^--min-rows 9007199254740992: too large: expected an integer from 0 to 9007199254740991$/);
});

test("--train-size takes a plain decimal above 0 and at most 1: 0.5, .5, 1, 1.0", () => {
  const accepted: [string, number][] = [
    ["0.5", 0.5],
    [".5", 0.5],
    ["0.25", 0.25],
    ["1", 1],
    ["1.0", 1],
    ["0.70", 0.7],
  ];
  for (const [value, expected] of accepted) assert.equal(parsed({ trainSize: value }).trainSize, expected, value);
});

test("--train-size refuses 0x1 (which Number() reads as 1), exponents, blanks, signs and Infinity", () => {
  const values = ["0x1", "1e0", "1e-1", "5e-1", "", " ", " 0.5", "0.5 ", "Infinity", "NaN", "+0.5", "-0.5", ".", "1.", "0", "0.0", "1.5", "2"];
  for (const value of values) refused({ trainSize: value }, /^--train-size .*: expected a number above 0 and at most 1, such as 0\.7$/);
});

test("--shard takes I/N in plain digits only", () => {
  assert.deepEqual(parsed({ by: ["g"], shard: "3/8" }).shard, { index: 3, count: 8 });
  assert.deepEqual(parsed({ by: ["g"], shard: "00/1" }).shard, { index: 0, count: 1 });
  for (const value of [" 0/8", "0/8 ", "0x0/8", "0 / 8", "8/8", "0/0", "-1/2", "0/1e1", "1.0/2"]) {
    refused({ by: ["g"], shard: value }, /^--shard .*: expected I\/N with 0 <= I < N/);
  }
});

test("--by and --ignore values are CSV records: commas separate names, quotes protect them", () => {
  const cases: [string[], string[]][] = [
    [["region,plan"], ["region", "plan"]],
    [["region", "plan"], ["region", "plan"]],
    [[" region , plan "], ["region", "plan"]],
    [['"Make, Model",Year'], ["Make, Model", "Year"]],
    [['Year, "Make, Model" '], ["Year", "Make, Model"]],
    [['"a ""quoted"" name"'], ['a "quoted" name']],
    [['"Make, Model"', "Year,plan"], ["Make, Model", "Year", "plan"]],
  ];
  for (const [values, names] of cases) {
    assert.deepEqual(parsed({ by: values }).by, names, `--by ${values.join(" --by ")}`);
    assert.deepEqual(parsed({ ignore: values }).ignore, names, `--ignore ${values.join(" --ignore ")}`);
  }
  assert.deepEqual(parsed({}).by, []);
  assert.deepEqual(parsed({}).ignore, []);
});

test("--by and --ignore refuse empty names and broken quoting, naming the value", () => {
  const cases: [string, RegExp][] = [
    ["a,,b", /^--by a,,b: an empty column name$/],
    ["a,", /^--by a,: an empty column name$/],
    ["", /^--by : an empty column name$/],
    ['"', /^--by ": a quote is not closed$/],
    ['"Make, Model', /^--by "Make, Model: a quote is not closed$/],
    ['"Make"x,Year', /^--by "Make"x,Year: text after a closing quote; quote the whole name$/],
  ];
  for (const [value, message] of cases) refused({ by: [value] }, message);
  refused({ ignore: ["x,,y"] }, /^--ignore x,,y: an empty column name$/);
});

test("a column named twice, in both --by and --ignore, or --ignore naming the target is refused by name", () => {
  refused({ by: ["k,k"] }, /^--by k: column named twice$/);
  refused({ by: ["k", "k"] }, /^--by k: column named twice$/);
  refused({ by: ['"Make, Model"', 'Year," Make, Model "'] }, /^--by Make, Model: column named twice$/);
  refused({ ignore: ["id,id"] }, /^--ignore id: column named twice$/);
  refused({ by: ["region"], ignore: ["id,region"] }, /^--ignore region: also a --by column/);
  refused({ ignore: ["id,y"] }, /^--ignore y: is the --target column/);
  refused({ target: " y ", ignore: ["y"] }, /^--ignore y: is the --target column/);
});

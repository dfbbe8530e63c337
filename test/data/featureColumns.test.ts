import assert from "node:assert/strict";
import { test } from "node:test";
import { featureColumns } from "../../src/data/featureColumns.js";
import type { Table } from "../../src/data/table.js";

const table: Table = {
  header: ["age", "sex", "name", "code", "empty"],
  rows: [
    ["22", "male", "Ann", "1e3", ""],
    ["NA", "female", "Bob", "-.5", "NA"],
    ["35.5", "", "Cid", "x", "null"],
    ["nan", "male", "#N/A", "x", ""],
  ],
};

test("featureColumns types a column numeric only when every present value is a number", () => {
  const { columns } = featureColumns(table, ["age", "code"]);
  assert.equal(columns[0].kind, "numeric");
  assert.equal(columns[1].kind, "categorical");
  if (columns[0].kind !== "numeric") return;
  assert.deepEqual([...columns[0].values], [22, NaN, 35.5, NaN]);
});

test("featureColumns codes categoricals over sorted levels, -1 for missing", () => {
  const { columns } = featureColumns(table, ["sex"]);
  const sex = columns[0];
  assert.equal(sex.kind, "categorical");
  if (sex.kind !== "categorical") return;
  assert.deepEqual(sex.levels, ["female", "male"]);
  assert.deepEqual([...sex.codes], [1, 0, -1, 1]);
});

test("featureColumns drops identifiers (all present values distinct) and columns without values", () => {
  const { columns, dropped } = featureColumns(table, ["name", "empty", "sex"]);
  assert.deepEqual(
    columns.map((c) => c.name),
    ["sex"],
  );
  assert.deepEqual(
    dropped.map((d) => d.name),
    ["name", "empty"],
  );
  assert.match(dropped[0].reason, /identifier/);
});

test("a mostly missing column whose few values are all distinct is dropped too, but not called an identifier", () => {
  const sparse: Table = { header: ["pool"], rows: [["Gd"], [""], ["Ex"], ["NA"], [""]] };
  const { columns, dropped } = featureColumns(sparse, ["pool"]);
  assert.deepEqual(columns, []);
  assert.equal(dropped[0].reason, "has every value distinct, in under half the rows (too sparse to learn from)");
  // Present in more than half the rows, all distinct: an identifier.
  const ids: Table = { header: ["id"], rows: [["a"], ["b"], [""], ["c"]] };
  assert.equal(featureColumns(ids, ["id"]).dropped[0].reason, "is an identifier (every value is distinct)");
});

test("featureColumns reads pandas' other NA spellings (n/a, <NA>, #NA, -nan) as missing, so a numeric column stays numeric", () => {
  const spreadsheet: Table = {
    header: ["income"],
    rows: [["41000"], ["n/a"], ["<NA>"], ["52000.5"], ["#NA"], ["-nan"], ["#N/A N/A"], ["1.#QNAN"]],
  };
  const income = featureColumns(spreadsheet, ["income"]).columns[0];
  assert.equal(income.kind, "numeric");
  if (income.kind !== "numeric") return;
  assert.deepEqual([...income.values], [41000, NaN, NaN, 52000.5, NaN, NaN, NaN, NaN]);
});

test("featureColumns orders levels by code point, as OneHotEncoder's categories: U+FF5A before an emoji", () => {
  const table: Table = { header: ["c"], rows: [["😀"], ["ｚ"], ["a"], ["😀"]] };
  const c = featureColumns(table, ["c"]).columns[0];
  assert.equal(c.kind, "categorical");
  if (c.kind !== "categorical") return;
  assert.deepEqual(c.levels, ["a", "ｚ", "😀"]);
});

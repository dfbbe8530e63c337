import assert from "node:assert/strict";
import { test } from "node:test";
import { csvLine } from "../../src/data/csvLine.js";
import { isMissing } from "../../src/data/missing.js";
import { fromDecimalComma, isNumericCell, numberVerdict } from "../../src/data/numberCell.js";
import { parseRowsText, rowsText, rowText } from "../../src/data/rowText.js";

test("isMissing knows exactly pandas' default NA strings, case and all", () => {
  const pandas = ["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"];
  for (const cell of pandas) assert.equal(isMissing(cell), true, cell);
  for (const cell of ["0", "na", "none", "-", "?", "NAN", " ", "#N/A N/A ", "n/a/", "<na>", "-1.#INDX"]) assert.equal(isMissing(cell), false, cell);
});

test("isNumericCell accepts plain finite decimals only", () => {
  for (const cell of ["0", "-0.5", "+3", ".5", "7.", "1e3", "2.5E-1", "1e308"]) assert.equal(isNumericCell(cell), true, cell);
  // Hex, Infinity, separators, overflow to Infinity and text are categorical values.
  for (const cell of ["0x1f", "Infinity", "-Infinity", "1_000", "1,000", "1e400", "-1e309", "e3", ".", "1.2.3", "12 kg", ""]) {
    assert.equal(isNumericCell(cell), false, cell);
  }
});

test("csvLine quotes only the fields that need it", () => {
  const cells = ["plain", "Portland, OR", 'say "hi"', "line\nbreak", "", "  spaced  "];
  assert.equal(csvLine(cells), 'plain,"Portland, OR","say ""hi""","line\nbreak",,  spaced  ');
});

test("rows travel to a child as JSON texts and come back unchanged, whatever their cells hold", () => {
  const rows = [
    ["plain", "Portland, OR", 'say "hi"', "line\nbreak", "", "a|b|c;d\te", "\\", "café 😀", "\u0000"],
    ["1", "2", "3", "4", "5", "6", "7", "8", "9"],
  ];
  assert.deepEqual(parseRowsText(rowsText(rows.map(rowText))), rows);
  assert.deepEqual(parseRowsText(rowsText([])), []);
});

test("fromDecimalComma reads 5,1 as 5.1 and makes 5.1 text, leaving every other cell alone", () => {
  const cases: [string, string][] = [
    ["5,1", "5.1"],
    ["-0,5", "-0.5"],
    [",5", ".5"],
    ["1,5e3", "1.5e3"],
    ["+2,", "+2."],
    ["12", "12"],
    ["5.1", "5,1"],
    ["1.234,5", "1.234,5"],
    ["1,2,3", "1,2,3"],
    ["Portland, OR", "Portland, OR"],
    ["", ""],
    ["NA", "NA"],
  ];
  for (const [cell, read] of cases) assert.equal(fromDecimalComma(cell), read, cell);
  for (const [cell, read] of cases) assert.equal(isNumericCell(read), ["5,1", "-0,5", ",5", "1,5e3", "+2,", "12"].includes(cell), cell);
});

test("numberVerdict tells a number from text, from a number out of range and from the other decimal mark", () => {
  assert.equal(numberVerdict("12.5", "."), "number");
  assert.equal(numberVerdict("-1e3", "."), "number");
  assert.equal(numberVerdict("1".repeat(400), "."), "out of range");
  assert.equal(numberVerdict("1e400", "."), "out of range");
  assert.equal(numberVerdict("12,5", "."), "other mark");
  assert.equal(numberVerdict("n.a.", "."), "text");
  assert.equal(numberVerdict("12,5", ","), "number");
  assert.equal(numberVerdict("1,5e400", ","), "out of range");
  assert.equal(numberVerdict("12.5", ","), "other mark");
  assert.equal(numberVerdict("12", ","), "number");
  assert.equal(numberVerdict("1_000", ","), "text");
});

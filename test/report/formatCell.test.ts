import assert from "node:assert/strict";
import { test } from "node:test";
import { formatCell } from "../../src/report/formatCell.js";

test("formatCell fixes numbers to --round decimals, counts and negatives alike", () => {
  assert.equal(formatCell(0.81234, 4), "0.8123");
  assert.equal(formatCell(0, 4), "0.0000");
  assert.equal(formatCell(-2.5, 2), "-2.50");
  assert.equal(formatCell(314, 0), "314");
  assert.equal(formatCell(9.99e20, 1), "999000000000000000000.0");
});

test("formatCell gives a number of 1e21 or more --round decimals too, in exponent form", () => {
  // toFixed alone writes every digit here (1.08089235725024e+22), whatever --round says.
  assert.equal(formatCell(1.08089235725024e22, 4), "1.0809e+22");
  assert.equal(formatCell(1.08089235725024e22, 2), "1.08e+22");
  assert.equal(formatCell(1e21, 4), "1.0000e+21");
  assert.equal(formatCell(-3.176564001787657e159, 4), "-3.1766e+159");
  assert.equal(formatCell(2.6e30, 0), "3e+30");
});

test("formatCell writes NaN, infinite values, text and empty cells as they are", () => {
  assert.equal(formatCell(NaN, 4), "NaN");
  assert.equal(formatCell(Infinity, 4), "Infinity");
  assert.equal(formatCell(-Infinity, 4), "-Infinity");
  assert.equal(formatCell("yes", 4), "yes");
  assert.equal(formatCell(null, 4), "");
});

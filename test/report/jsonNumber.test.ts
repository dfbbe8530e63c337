import assert from "node:assert/strict";
import { test } from "node:test";
import { jsonLine, jsonNumber, readJsonNumber } from "../../src/report/jsonNumber.js";

test("jsonNumber writes NaN as null and an infinite value as the string Infinity or -Infinity; readJsonNumber reads each back", () => {
  for (const value of [0, -1.5, 1e300, Infinity, -Infinity]) {
    const written = JSON.parse(JSON.stringify(jsonNumber(value))) as unknown;
    assert.equal(readJsonNumber(written), value);
  }
  assert.equal(jsonNumber(NaN), null);
  assert.equal(jsonNumber(Infinity), "Infinity");
  assert.equal(jsonNumber(-Infinity), "-Infinity");
  assert.ok(Number.isNaN(readJsonNumber(null)));
});

test("readJsonNumber refuses any other text or value", () => {
  for (const value of ["infinity", "inf", "NaN", "1", true, [], {}, undefined]) assert.equal(readJsonNumber(value), undefined, String(value));
});

test("jsonLine escapes the characters str.splitlines ends a line at beyond CR and LF, and parses back to the same value", () => {
  const value = { key: "a\u2028b\u2029c\u0085d\re\nf" };
  const line = jsonLine(value);
  assert.doesNotMatch(line, /[\u2028\u2029\u0085\r\n]/);
  assert.match(line, /a\\u2028b\\u2029c\\u0085d/);
  assert.deepEqual(JSON.parse(line), value);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { formulaSafe } from "../../src/report/formulaSafe.js";

test("formulaSafe prefixes a single quote to text that starts like a formula: = + - @ tab CR", () => {
  assert.equal(formulaSafe('=HYPERLINK("http://evil.example","x")'), `'=HYPERLINK("http://evil.example","x")`);
  assert.equal(formulaSafe("+cmd"), "'+cmd");
  assert.equal(formulaSafe("-2+3"), "'-2+3");
  assert.equal(formulaSafe("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(formulaSafe("\t=1"), "'\t=1");
  assert.equal(formulaSafe("\r=1"), "'\r=1");
  assert.equal(formulaSafe("-"), "'-");
});

test("formulaSafe leaves plain numbers, ordinary text and the empty string alone", () => {
  for (const text of ["-5", "+5", "-0.25", "-1e3", "12", "male", "a=b", "", " =1", "'=1", "é"]) assert.equal(formulaSafe(text), text);
});

test("formulaSafe leaves a number written with a decimal comma (a --decimal , file's key) alone, but not text around one", () => {
  for (const text of ["-0,5", "-1,5e3", "+2,25"]) assert.equal(formulaSafe(text), text);
  for (const text of ["-1,5,5", "-1,5+cmd", "=1,5", "-,"]) assert.equal(formulaSafe(text), `'${text}`);
});

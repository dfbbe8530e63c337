import assert from "node:assert/strict";
import { test } from "node:test";
import { printable } from "../../src/report/printable.js";

test("printable shows C0 controls, DEL and C1 controls as visible escapes", () => {
  assert.equal(printable("a\x1b[2Jb"), "a\\x1b[2Jb");
  assert.equal(printable("bell\x07"), "bell\\x07");
  assert.equal(printable("one\ntwo\r\tthree"), "one\\ntwo\\r\\tthree");
  assert.equal(printable("\x00\x7f\x80\x9b\x9f"), "\\x00\\x7f\\x80\\x9b\\x9f");
});

test("printable of the empty string is empty, and a string of only controls is all escapes", () => {
  assert.equal(printable(""), "");
  assert.equal(printable("\x1b\x07\n"), "\\x1b\\x07\\n");
});

test("printable keeps ordinary text and unicode as it is", () => {
  for (const text of ["Sex=male", "Zürich", "東京", "naïve ☃ 🚗", "\u00a0nbsp", "C:\\path"]) assert.equal(printable(text), text);
});

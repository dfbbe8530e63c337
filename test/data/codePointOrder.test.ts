import assert from "node:assert/strict";
import { test } from "node:test";
import { byCodePoints } from "../../src/data/codePointOrder.js";
import { classLabels } from "../../src/evaluate/classificationTask.js";

/** The reference: compare the strings' code points one by one, as Python compares str. */
function referenceOrder(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) as number);
  const y = [...b].map((c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

test("byCodePoints orders as code points: an emoji (a surrogate pair) after U+FF5A, where code units put it before", () => {
  assert.ok("😀" < "ｚ", "code units put the emoji first");
  assert.ok(byCodePoints("😀", "ｚ") > 0);
  assert.deepEqual(["ｚ", "😀", "a", "", "ab", "\uE000", "é"].sort(byCodePoints), ["", "a", "ab", "é", "\uE000", "ｚ", "😀"]);
});

test("byCodePoints agrees in sign with a code-point-by-code-point comparison on strings mixing every range", () => {
  const alphabet = ["a", "Z", "é", "\u0800", "\uD7FF", "\uE000", "\uFF5A", "\uFFFF", "😀", "𝔸", "\u{10FFFF}"];
  let seed = 7;
  const pick = (): string => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return alphabet[seed % alphabet.length];
  };
  for (let n = 0; n < 3000; n++) {
    const a = Array.from({ length: 1 + (n % 4) }, pick).join("");
    const b = Array.from({ length: 1 + ((n >> 2) % 4) }, pick).join("");
    assert.equal(Math.sign(byCodePoints(a, b)), Math.sign(referenceOrder(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
});

test("a binary target's positive class is the second label in code-point order, as scikit-learn's LabelEncoder has it", () => {
  const { labels, codes } = classLabels(["😀", "ｚ", "ｚ", "😀"]);
  assert.deepEqual(labels, ["ｚ", "😀"]);
  assert.deepEqual([...codes], [1, 0, 0, 1]);
});

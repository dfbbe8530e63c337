import assert from "node:assert/strict";
import { test } from "node:test";
import { classificationTask, classLabels } from "../../src/evaluate/classificationTask.js";

test("numeric labels are classes by value, in numeric order, as pandas and LabelEncoder see them", () => {
  const { labels, codes } = classLabels(["10", "5", "5", "1.0", "1", "10.00", "-2"]);
  assert.deepEqual(labels, ["-2", "1.0", "5", "10"]);
  assert.deepEqual([...codes], [3, 2, 2, 1, 1, 3, 0]);
});

test("a binary target of 5 and 10 has 10 as its positive (second) class, not 5 by text order", () => {
  const target = classificationTask.target(["5", "10", "10", "5"], "y");
  assert.ok(target.ok);
  assert.deepEqual(target.value.labels, ["5", "10"]);
  assert.deepEqual([...target.value.codes], [0, 1, 1, 0]);
});

test("labels that are not all numbers stay texts in code-unit order", () => {
  const { labels, codes } = classLabels(["10", "5", "b", "1.0", "1"]);
  assert.deepEqual(labels, ["1", "1.0", "10", "5", "b"]);
  assert.deepEqual([...codes], [2, 3, 4, 1, 0]);
});

test("1 and 1.0 make one class, so a target of only those is refused for having one class", () => {
  const target = classificationTask.target(["1", "1.0", "1"], "y");
  assert.equal(target.ok, false);
  assert.match(target.ok ? "" : target.reason, /has one class \(1\)/);
});

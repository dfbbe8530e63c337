import assert from "node:assert/strict";
import { test } from "node:test";
import { closeColumns, columnHint, editDistance, quotedName } from "../../src/data/suggestColumn.js";

const TITANIC = ["PassengerId", "Survived", "Pclass", "Name", "Sex", "Age", "SibSp", "Parch", "Ticket", "Fare", "Cabin", "Embarked"];

test("editDistance counts insertions, deletions, substitutions and adjacent transpositions as one edit each", () => {
  assert.equal(editDistance("", ""), 0);
  assert.equal(editDistance("", "abc"), 3);
  assert.equal(editDistance("abc", ""), 3);
  assert.equal(editDistance("survived", "survived"), 0);
  assert.equal(editDistance("survivd", "survived"), 1);
  assert.equal(editDistance("tagret", "target"), 1);
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(editDistance("ca", "abc"), 3);
});

test("a name that differs only in case finds its column first", () => {
  assert.deepEqual(closeColumns("survived", TITANIC), ["Survived"]);
  assert.deepEqual(closeColumns("SEX", TITANIC), ["Sex"]);
  // Both spellings exist: both are offered, in header order.
  assert.deepEqual(closeColumns("id", ["ID", "Id", "x"]), ["ID", "Id"]);
});

test("a name within 2 edits and a third of its length finds the closest columns; a short name needs a closer match", () => {
  assert.deepEqual(closeColumns("Survivd", TITANIC), ["Survived"]);
  assert.deepEqual(closeColumns("pasengerid", TITANIC), ["PassengerId"]);
  assert.deepEqual(closeColumns("Embraked", TITANIC), ["Embarked"]);
  // 2 edits from Sex, but a 3-letter name allows 1: no suggestion.
  assert.deepEqual(closeColumns("age_", ["sex", "agex"]), ["agex"]);
  assert.deepEqual(closeColumns("age", ["sex"]), []);
  assert.deepEqual(closeColumns("x", ["y", "xy"]), []);
  // Equally close names are all offered, nearer ones alone.
  assert.deepEqual(closeColumns("cost", ["costs", "coat", "cast", "cos"]), ["costs", "coat", "cast"]);
  assert.deepEqual(closeColumns("planet", ["plane", "plan"]), ["plane"]);
  assert.deepEqual(closeColumns("churn", TITANIC), []);
});

test("columnHint suggests, else lists the header's first 20 columns and how many more", () => {
  assert.equal(columnHint("survived", TITANIC), "did you mean Survived?");
  assert.equal(columnHint("cost", ["costs", "coat"]), "did you mean costs or coat?");
  assert.equal(columnHint("churn", TITANIC), `the columns are ${TITANIC.join(", ")}`);
  const wide = Array.from({ length: 25 }, (_, i) => `feature_${i}`);
  assert.equal(columnHint("target", wide), `the columns are ${wide.slice(0, 20).join(", ")}, ... and 5 more`);
});

test("names holding a comma or a quote are quoted in the list, and in a suggestion when the option reads CSV records", () => {
  assert.equal(quotedName('Make, Model'), '"Make, Model"');
  assert.equal(quotedName('say "hi"'), '"say ""hi"""');
  assert.equal(quotedName("plain"), "plain");
  assert.equal(columnHint("zzz", ["Make, Model", "Year"]), 'the columns are "Make, Model", Year');
  assert.equal(columnHint("make, model", ["Make, Model", "Year"], quotedName), 'did you mean "Make, Model"?');
  assert.equal(columnHint("make, model", ["Make, Model", "Year"]), "did you mean Make, Model?");
});

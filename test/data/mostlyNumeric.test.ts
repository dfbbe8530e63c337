import assert from "node:assert/strict";
import { test } from "node:test";
import type { DecimalMark } from "../../src/data/dialect.js";
import { numericTally } from "../../src/data/mostlyNumeric.js";

function notesOf(columns: string[], rows: string[][], decimal: DecimalMark = ".", partitions: number[] = [], names: string[] = []): string[] {
  const tally = numericTally(columns, columns, decimal);
  rows.forEach((cells, i) => tally.add(cells, i + 1, partitions[i] ?? 0));
  return tally.notes(names.length === 0 ? null : (index) => names[index]);
}

const numbers = (n: number): string[][] => Array.from({ length: n }, (_, i) => [String(i / 4)]);

test("a numeric column with one decimal comma gets a note naming the value, its row and the counts", () => {
  const rows = [...numbers(47), ["12,5"], ...numbers(52)];
  assert.deepEqual(notesOf(["Age"], rows), [
    'column Age is typed categorical: "12,5" at row 48 is not a number (99 of 100 values are numbers; 1 has a decimal comma: try --decimal ,)',
  ]);
});

test("a column written all in decimal commas is noted too: it looks numeric, though no cell is a number yet", () => {
  const rows = [["5,1"], ["4,9"], ["6"], ["NA"], [""]];
  assert.deepEqual(notesOf(["x"], rows), [
    'column x is typed categorical: "5,1" at row 1 is not a number (1 of 3 values are numbers; 2 have a decimal comma: try --decimal ,)',
  ]);
});

test("one 1e400 among numbers is noted as out of a double's range", () => {
  const rows = [...numbers(6), ["1e400"], ...numbers(3)];
  assert.deepEqual(notesOf(["x"], rows), [`column x is typed categorical: "1e400" at row 7 is out of a double's range (9 of 10 values are numbers)`]);
});

test("no note for a column of numbers, a column of text, an empty column, or one where text is half the cells", () => {
  assert.deepEqual(notesOf(["x"], numbers(10)), []);
  assert.deepEqual(notesOf(["x"], [["male"], ["female"], ["12"]]), []);
  assert.deepEqual(notesOf(["x"], [["NA"], [""]]), []);
  assert.deepEqual(notesOf(["x"], [["1"], ["two"]]), []);
});

test("with --decimal , a cell written with a point is the one noted", () => {
  assert.deepEqual(notesOf(["x"], [["5,1"], ["4,9"], ["6.5"]], ","), [
    'column x is typed categorical: "6.5" at row 3 is not a number with --decimal , (2 of 3 values are numbers; 1 has a decimal point)',
  ]);
});

test("with --by the note names the partition of the first offending cell, and how many partitions have one", () => {
  const rows = [["1"], ["oops"], ["2"], ["3"], ["x"], ["4"], ["5"]];
  assert.deepEqual(notesOf(["x"], rows, ".", [0, 1, 1, 2, 2, 0, 0], ["g=a", "g=b", "g=c"]), [
    'column x is typed categorical in 2 partitions (first g=b): "oops" at row 2 is not a number (5 of 7 values are numbers over the partitions scored)',
  ]);
  assert.deepEqual(notesOf(["x"], [["1"], ["oops"], ["2"]], ".", [0, 40, 0], Array.from({ length: 41 }, (_, i) => `g=${i}`)), [
    'column x is typed categorical in partition g=40: "oops" at row 2 is not a number (2 of 3 values are numbers over the partitions scored)',
  ]);
});

test("each column is tallied on its own, and a long offending value is shortened", () => {
  const long = "y".repeat(100);
  const notes = notesOf(["a", "b"], [["1", "2"], ["3", long], ["5", "6"], ["n.a.", "8"]]);
  assert.equal(notes.length, 2);
  assert.match(notes[0], /^column a is typed categorical: "n\.a\." at row 4 is not a number \(3 of 4/);
  assert.match(notes[1], /^column b is typed categorical: "y{37}\.\.\." at row 2/);
});

test("the target's note says that a stray value is a class of its own", () => {
  const tally = numericTally(["x", "y"], ["x", "y"], ".", "y");
  [["1", "0"], ["2", "1"], ["3", "?"], ["4", "1"]].forEach((cells, i) => tally.add(cells, i + 1, 0));
  assert.deepEqual(tally.notes(null), ['target y: "?" at row 3 is not a number and is a class of its own (3 of 4 values are numbers; if "?" means missing, make it an empty cell or NA)']);
});

test("numbers with thousands separators are noted as such, not as decimal commas (--decimal , would misread them)", () => {
  const rows = [["840"], ["36,840"], ["1,200"], ["12,345,678"], ["7"]];
  assert.deepEqual(notesOf(["a"], rows), [
    'column a is typed categorical: "36,840" at row 2 is not a number (2 of 5 values are numbers; 3 have thousands separators, which are not read: remove them)',
  ]);
  // One cell that can only be a decimal comma decides it: then the hint is --decimal ,.
  assert.match(notesOf(["a"], [...rows, ["5,1"]])[0], /1 has a decimal comma: try --decimal ,\)$/);
  // A leading 0 is no thousands group.
  assert.match(notesOf(["a"], [["0,125"], ["3"]])[0], /1 has a decimal comma: try --decimal ,\)$/);
});

test("with --decimal , a column whose every comma has three digits after it, beside numbers without one, is noted", () => {
  assert.deepEqual(notesOf(["a"], [["840"], ["36,840"], ["1,200"]], ","), [
    'column a: every decimal comma has three digits after it ("36,840" at row 2, read as 36.84) and 1 number has none: if the commas separate thousands, remove them and read the file without --decimal ,',
  ]);
  // Decimals of another length, a leading 0, or every number holding a comma: nothing to say.
  assert.deepEqual(notesOf(["a"], [["840"], ["36,84"], ["1,200"]], ","), []);
  assert.deepEqual(notesOf(["a"], [["840"], ["0,840"]], ","), []);
  assert.deepEqual(notesOf(["a"], [["36,840"], ["1,200"]], ","), []);
});

test("a marker that usually means missing gets the hint to write it as missing", () => {
  assert.deepEqual(notesOf(["BILIRUBIN"], [["1.2"], ["?"], ["0.8"]]), [
    'column BILIRUBIN is typed categorical: "?" at row 2 is not a number (2 of 3 values are numbers; if "?" means missing, make it an empty cell or NA)',
  ]);
  assert.match(notesOf(["x"], [["1"], ["n.a."], ["2"]])[0], /if "n\.a\." means missing/);
  assert.doesNotMatch(notesOf(["x"], [["1"], ["oops"], ["2"]])[0], /means missing/);
});

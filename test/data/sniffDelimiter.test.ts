import assert from "node:assert/strict";
import { test } from "node:test";
import { fieldCounts, sampleLength, SNIFF_CHARS, sniffDelimiter } from "../../src/data/sniffDelimiter.js";

test("sniffDelimiter finds nothing in an empty or blank input", () => {
  assert.equal(sniffDelimiter("", true), null);
  assert.equal(sniffDelimiter("\n\n  \r\n", true), null);
  assert.deepEqual(fieldCounts("", ",", true), []);
});

test("sniffDelimiter picks , ; tab and | when each is the file's only separator", () => {
  assert.equal(sniffDelimiter("a,b,y\n1,2,0\n", true), ",");
  assert.equal(sniffDelimiter("a;b;y\n1;2;0\n", true), ";");
  assert.equal(sniffDelimiter("a\tb\ty\n1\t2\t0\n", true), "\t");
  assert.equal(sniffDelimiter("a|b|y\n1|2|0\n", true), "|");
});

test("a one-column file has no delimiter, even when its values hold commas", () => {
  assert.equal(sniffDelimiter("name\nSmith, John\nDoe, Jane\n", true), null);
});

test("a character that only the values hold never wins: more pipes than commas in a comma file", () => {
  const text = "g,tags,x,y\ng1,a|b|c|d|e,1.5,yes\ng2,b|c|d|e|f,2.5,no\ng1,a|c|d|e|f,3.5,yes\n";
  assert.equal(sniffDelimiter(text, true), ",");
});

test("decimal commas in a ;-separated file do not make it comma-separated", () => {
  assert.equal(sniffDelimiter("x1;x2;y\n5,1;3,2;0\n4,9;3,0;1\n", true), ";");
});

test("delimiters, quotes and line ends inside quoted fields do not count", () => {
  const text = 'a;b;y\n"1,5";"x, y, z";0\n"multi\nline, with commas";"2";1\n';
  assert.deepEqual(fieldCounts(text, ";", true), [3, 3, 3]);
  // Under a comma, the second quote of line 2 is not at a field's start, so it quotes nothing.
  assert.deepEqual(fieldCounts(text, ",", true), [1, 3, 1]);
  assert.equal(sniffDelimiter(text, true), ";");
  // A quote opens a quoted field only at the field's start; elsewhere it is a character.
  assert.deepEqual(fieldCounts('a,b\n5" screen,1\n"say ""hi"", ok",2\n', ",", true), [2, 2, 2]);
});

test("ties go to the order , ; tab |", () => {
  // Every line splits into 2 on a comma and into 3 on a pipe: both are consistent.
  const text = "a,b|c|y\n1,2|3|0\n4,5|6|1\n";
  assert.deepEqual(fieldCounts(text, ",", true), [2, 2, 2]);
  assert.deepEqual(fieldCounts(text, "|", true), [3, 3, 3]);
  assert.equal(sniffDelimiter(text, true), ",");
  assert.equal(sniffDelimiter("a;b\tc\n1;2\t3\n", true), ";");
  // Without the comma (as under --decimal ,) the next consistent candidate wins.
  assert.equal(sniffDelimiter(text, true, [";", "\t", "|"]), "|");
});

test("the candidate matching the header's field count on the most lines wins", () => {
  // Ragged under ;, consistent under tab.
  const text = "a\tb;c\ty\n1\t2\t0\n3;4\t5\t1\n6\t7\t0\n";
  assert.equal(sniffDelimiter(text, true), "\t");
});

test("fieldCounts reads \\n, \\r\\n and \\r line ends, skips blank lines and stops after 10 records", () => {
  assert.deepEqual(fieldCounts("a,b\r\n1,2\r\n\r\n3,4\r\n", ",", true), [2, 2, 2]);
  assert.deepEqual(fieldCounts("a,b\r1,2\r3,4", ",", true), [2, 2, 2]);
  assert.deepEqual(fieldCounts("a,b\n  \n,\n1,2\n", ",", true), [2, 2]);
  const many = Array.from({ length: 25 }, () => "1,2").join("\n");
  assert.equal(fieldCounts(many, ",", true).length, 10);
});

test("a record the sample cuts off is left out unless the sample is the whole input", () => {
  assert.deepEqual(fieldCounts("a,b,c\n1,2,3\n4,5", ",", false), [3, 3]);
  assert.deepEqual(fieldCounts("a,b,c\n1,2,3\n4,5", ",", true), [3, 3, 2]);
  assert.deepEqual(fieldCounts('a,b\n"open, quote\n', ",", false), [2]);
});

test("sampleLength waits for a line end past SNIFF_CHARS, whatever the chunks", () => {
  const long = "x".repeat(SNIFF_CHARS + 5);
  assert.equal(sampleLength("a,b\n1,2\n"), -1);
  assert.equal(sampleLength(long), -1);
  assert.equal(sampleLength(`${long}\n1,2\n`), SNIFF_CHARS + 6);
  assert.equal(sampleLength(`${long}\r\n`), SNIFF_CHARS + 6);
  assert.equal(sampleLength(`${long}\n1,2\n`, SNIFF_CHARS + 3), SNIFF_CHARS + 6);
});

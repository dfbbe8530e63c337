import assert from "node:assert/strict";
import { test } from "node:test";
import { firstInvalidUtf8, incompleteTail } from "../../src/data/utf8.js";
import { createRng } from "../../src/stats/rng.js";

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

test("firstInvalidUtf8 finds nothing in ASCII, in well-formed multi-byte text, or in nothing", () => {
  assert.equal(firstInvalidUtf8(new Uint8Array(0)), -1);
  assert.equal(firstInvalidUtf8(Buffer.from("a,b\n1,2\n")), -1);
  assert.equal(firstInvalidUtf8(Buffer.from("café, Zürich, 東京, 😀\n")), -1);
});

test("firstInvalidUtf8 points at the first byte of a Latin-1 é", () => {
  assert.equal(firstInvalidUtf8(Buffer.from("town\ncaf\xe9\n", "latin1")), 8);
});

test("firstInvalidUtf8 rejects stray continuations, overlongs, surrogates and code points past U+10FFFF", () => {
  assert.equal(firstInvalidUtf8(bytes(0x41, 0x80)), 1);
  assert.equal(firstInvalidUtf8(bytes(0xc0, 0x80)), 0);
  assert.equal(firstInvalidUtf8(bytes(0xc1, 0xbf)), 0);
  assert.equal(firstInvalidUtf8(bytes(0xe0, 0x80, 0x80)), 0);
  assert.equal(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80)), 0);
  assert.equal(firstInvalidUtf8(bytes(0xf0, 0x80, 0x80, 0x80)), 0);
  assert.equal(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80)), 0);
  assert.equal(firstInvalidUtf8(bytes(0xf5, 0x80, 0x80, 0x80)), 0);
  assert.equal(firstInvalidUtf8(bytes(0x61, 0xe2, 0x82, 0x41)), 1);
});

test("a sequence cut off by the end of the chunk is not invalid, and incompleteTail returns it", () => {
  const euro = Buffer.from("a€"); // 61 e2 82 ac
  assert.equal(firstInvalidUtf8(euro.subarray(0, 3)), -1);
  assert.deepEqual([...incompleteTail(euro.subarray(0, 3))], [0xe2, 0x82]);
  assert.deepEqual([...incompleteTail(euro.subarray(0, 2))], [0xe2]);
  assert.deepEqual([...incompleteTail(euro)], []);
  assert.deepEqual([...incompleteTail(Buffer.from("abc"))], []);
  assert.deepEqual([...incompleteTail(new Uint8Array(0))], []);
  assert.deepEqual([...incompleteTail(Buffer.from("😀").subarray(0, 3))], [0xf0, 0x9f, 0x98]);
});

test("firstInvalidUtf8 agrees with TextDecoder's fatal mode on random bytes", () => {
  const rng = createRng(7);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const valid = (b: Uint8Array): boolean => {
    try {
      decoder.decode(b);
      return true;
    } catch {
      return false;
    }
  };
  // Bytes drawn mostly from the interesting ranges: ASCII, continuations, every kind of lead.
  const pool = [0x0a, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
  for (let trial = 0; trial < 5000; trial++) {
    const b = Uint8Array.from({ length: 1 + rng.int(8) }, () => pool[rng.int(pool.length)]);
    const at = firstInvalidUtf8(b);
    const whole = at < 0 && incompleteTail(b).length === 0;
    assert.equal(whole, valid(b), `bytes ${[...b].map((x) => x.toString(16)).join(" ")}`);
    if (at >= 0) assert.equal(valid(b.subarray(0, at)), true, "everything before the bad byte decodes");
  }
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { displayWidth } from "../../src/report/displayWidth.js";

test("displayWidth counts a column per Latin letter, two per CJK character or emoji, none per combining mark", () => {
  assert.equal(displayWidth(""), 0);
  assert.equal(displayWidth("Sex=female"), 10);
  assert.equal(displayWidth("東京都"), 6);
  assert.equal(displayWidth("한국"), 4);
  assert.equal(displayWidth("ｆｕｌｌ"), 8);
  assert.equal(displayWidth("🚲"), 2);
  assert.equal(displayWidth("e\u0301"), 1);
  assert.equal(displayWidth("Ελλάδα"), 6);
  assert.equal(displayWidth("─┼│"), 3);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { F64, I32, kernelModuleBytes, op } from "../../src/stats/wasmAssembly.js";

function run(spec: Parameters<typeof kernelModuleBytes>[0]): (...args: number[]) => number {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(kernelModuleBytes(spec)), { env: { memory } });
  return instance.exports.run as (...args: number[]) => number;
}

test("a kernel's constants survive their LEB128 and IEEE encodings: small, large and negative integers, any double", () => {
  for (const value of [0, 1, 63, 64, -1, -64, -65, 127, 128, 624485, -123456, 2 ** 31 - 1, -(2 ** 31)]) {
    assert.equal(run({ params: [], results: [I32], locals: [], body: [op.i32Const(value)] })(), value);
  }
  for (const value of [0, -0, 1e-9, Math.PI, -1e308, Number.MIN_VALUE, Infinity]) {
    assert.ok(Object.is(run({ params: [], results: [F64], locals: [], body: [op.f64Const(value)] })(), value), String(value));
  }
});

test("a kernel reads its parameters and locals past index 127 and loops: the sum of 1..n in f64", () => {
  const N = 0;
  const I = 130;
  const SUM = 131;
  const sum = run({
    params: [I32],
    results: [F64],
    locals: [
      { count: 130, type: I32 },
      { count: 1, type: F64 },
    ],
    body: [
      op.i32Const(1),
      op.localSet(I),
      op.block,
      op.loop,
      op.localGet(N),
      op.localGet(I),
      op.i32LtU,
      op.brIf(1),
      op.localGet(SUM),
      op.localGet(I),
      op.f64ConvertI32U,
      op.f64Add,
      op.localSet(SUM),
      op.localGet(I),
      op.i32Const(1),
      op.i32Add,
      op.localSet(I),
      op.br(0),
      op.end,
      op.end,
      op.localGet(SUM),
    ],
  });
  assert.equal(sum(100), 5050);
  assert.equal(sum(0), 0);
});

/**
 * Just enough of WebAssembly's binary format to write one kernel function by hand: its
 * instructions as byte sequences, and a module that imports a memory ("env", "memory") and
 * exports the function as "run". WebAssembly's f64 arithmetic is IEEE 754 with round to nearest
 * and never fuses a multiply into an add, as JavaScript's, so a kernel that performs a loop's
 * operations in the loop's order computes the same bits; what it saves is V8's per-access bounds
 * checks and the JavaScript loop's bookkeeping (bench: the hinge SGD's epochs 58 to 33 ms).
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F32 | typeof F64 | typeof V128;

/** Unsigned LEB128. */
function unsigned(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
function signed(value: number): number[] {
  const out: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    if ((rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const ALIGN_4 = 2;
const ALIGN_8 = 3;

/** The instructions a kernel uses. Loads and stores take a byte address from the stack, plus `offset`. */
export const op = {
  localGet: (index: number): number[] => [0x20, ...unsigned(index)],
  localSet: (index: number): number[] => [0x21, ...unsigned(index)],
  localTee: (index: number): number[] => [0x22, ...unsigned(index)],
  i32Const: (value: number): number[] => [0x41, ...signed(value)],
  f64Const: (value: number): number[] => [0x44, ...new Uint8Array(Float64Array.of(value).buffer)],
  i32Load: (offset = 0): number[] => [0x28, ALIGN_4, ...unsigned(offset)],
  f64Load: (offset = 0): number[] => [0x2b, ALIGN_8, ...unsigned(offset)],
  f32Load: (offset = 0): number[] => [0x2a, ALIGN_4, ...unsigned(offset)],
  i32Load8U: (offset = 0): number[] => [0x2d, 0, ...unsigned(offset)],
  f64Store: (offset = 0): number[] => [0x39, ALIGN_8, ...unsigned(offset)],
  f32Store: (offset = 0): number[] => [0x38, ALIGN_4, ...unsigned(offset)],
  i32Store: (offset = 0): number[] => [0x36, ALIGN_4, ...unsigned(offset)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32And: [0x71],
  i32Or: [0x72],
  i32LtS: [0x48],
  i32GtS: [0x4a],
  i32GeS: [0x4e],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  i32LtU: [0x49],
  i32GeU: [0x4f],
  i32Eqz: [0x45],
  f64Add: [0xa0],
  f64Sub: [0xa1],
  f64Mul: [0xa2],
  f64Div: [0xa3],
  f64Max: [0xa5],
  f64Abs: [0x99],
  f64Lt: [0x63],
  f64Le: [0x65],
  f64Ne: [0x62],
  f64Eq: [0x61],
  f64Gt: [0x64],
  f32Lt: [0x5d],
  f32Gt: [0x5e],
  f32Le: [0x5f],
  f64ConvertI32U: [0xb8],
  f64ConvertI32S: [0xb7],
  f64PromoteF32: [0xbb],
  /** SIMD: two f64 lanes, each computed as its scalar operation (the same bits lane by lane). */
  v128Load: (offset = 0): number[] => [0xfd, 0x00, ALIGN_8, ...unsigned(offset)],
  v128Store: (offset = 0): number[] => [0xfd, 0x0b, ALIGN_8, ...unsigned(offset)],
  f64x2Splat: [0xfd, ...unsigned(0x14)],
  f64x2Add: [0xfd, ...unsigned(0xf0)],
  f64x2Mul: [0xfd, ...unsigned(0xf2)],
  /** SIMD on four f32 or i32 lanes; a comparison gives each lane all ones (true) or zero. */
  v128Load32Zero: (offset = 0): number[] => [0xfd, ...unsigned(0x5c), 0, ...unsigned(offset)],
  f32x4Splat: [0xfd, ...unsigned(0x13)],
  f32x4Le: [0xfd, ...unsigned(0x45)],
  v128And: [0xfd, ...unsigned(0x4e)],
  i32x4Add: [0xfd, ...unsigned(0xae)],
  i32x4Sub: [0xfd, ...unsigned(0xb1)],
  i16x8ExtendLowI8x16U: [0xfd, ...unsigned(0x89)],
  i32x4ExtendLowI16x8U: [0xfd, ...unsigned(0xa9)],
  i32x4ExtractLane: (lane: number): number[] => [0xfd, ...unsigned(0x1b), lane],
  /** Bulk memory: copies n bytes from source to destination (stack: destination, source, n). */
  memoryCopy: [0xfc, ...unsigned(10), 0, 0],
  /** Structured control, no result value. */
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  /** Either of two values of one type by an i32 condition (both are evaluated). */
  select: [0x1b],
  end: [0x0b],
  br: (depth: number): number[] => [0x0c, ...unsigned(depth)],
  brIf: (depth: number): number[] => [0x0d, ...unsigned(depth)],
} as const;

export interface KernelSpec {
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
  /** Locals after the parameters, grouped by type in this order. */
  readonly locals: readonly { readonly count: number; readonly type: ValueType }[];
  /** The function's instructions, without the final end. */
  readonly body: readonly (readonly number[])[];
}

function vector(items: readonly (readonly number[])[]): number[] {
  return [...unsigned(items.length), ...items.flat()];
}

function name(text: string): number[] {
  return vector([...new TextEncoder().encode(text)].map((byte) => [byte]));
}

function section(id: number, content: readonly number[]): number[] {
  return [id, ...unsigned(content.length), ...content];
}

/** The module's bytes: one function type, the imported memory (at least one page), the function, its export as "run". */
export function kernelModuleBytes(spec: KernelSpec): Uint8Array<ArrayBuffer> {
  return kernelsModuleBytes({ run: spec });
}

/** A module of several kernels over one imported memory, each exported under its name. */
export function kernelsModuleBytes(specs: Readonly<Record<string, KernelSpec>>): Uint8Array<ArrayBuffer> {
  const entries = Object.entries(specs);
  const types = entries.map(([, spec]) => [0x60, ...vector(spec.params.map((t) => [t])), ...vector(spec.results.map((t) => [t]))]);
  const codes = entries.map(([, spec]) => {
    const code = [...vector(spec.locals.map(({ count, type }) => [...unsigned(count), type])), ...spec.body.flat(), ...op.end];
    return [...unsigned(code.length), ...code];
  });
  const MEMORY = 0x02;
  const FUNCTION = 0x00;
  const LIMITS_MIN_ONLY = 0x00;
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, vector([[...name("env"), ...name("memory"), MEMORY, LIMITS_MIN_ONLY, ...unsigned(1)]])),
    ...section(3, vector(entries.map((_, f) => unsigned(f)))),
    ...section(7, vector(entries.map(([exported], f) => [...name(exported), FUNCTION, ...unsigned(f)]))),
    ...section(10, vector(codes)),
  ];
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

/** Bytes of memory in a WebAssembly page. */
export const PAGE_BYTES = 65536;

/**
 * The most memory a kernel takes: past it the caller runs its JavaScript loop instead (a wasm32
 * memory is at most 4 GiB, and a kernel's copy of its rows doubles their memory).
 */
export const MAX_KERNEL_BYTES = 1 << 30;

/** A zeroed memory of at least `bytes` bytes, or null past MAX_KERNEL_BYTES. */
export function kernelMemory(bytes: number): WebAssembly.Memory | null {
  return bytes > MAX_KERNEL_BYTES ? null : new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE_BYTES)) });
}

/**
 * The module of the kernels `specs` returns, compiled at its first use and kept (V8 tiers its
 * code up across instances); a function, so that it may name kernels defined further down.
 */
export function lazyModule(specs: () => Readonly<Record<string, KernelSpec>>): () => WebAssembly.Module {
  let compiled: WebAssembly.Module | null = null;
  return () => (compiled ??= new WebAssembly.Module(kernelsModuleBytes(specs())));
}

/** Instructions, as kernels' bodies are written. */
export type Code = (readonly number[])[];

/** for (local = from; local < to (or <= to); local += step) body, signed i32. */
export function forRange(local: number, from: Code, to: Code, body: Code, options: { readonly step?: number; readonly inclusive?: boolean } = {}): Code {
  return [
    ...from,
    op.localSet(local),
    op.block,
    op.loop,
    op.localGet(local),
    ...to,
    options.inclusive === true ? op.i32GtS : op.i32GeS,
    op.brIf(1),
    ...body,
    op.localGet(local),
    op.i32Const(options.step ?? 1),
    op.i32Add,
    op.localSet(local),
    op.br(0),
    op.end,
    op.end,
  ];
}

/** The address base + index << shift (both locals): element `index` of an array of 2^shift-byte values. */
export function elementAddress(base: number, index: number, shift: number): Code {
  return [op.localGet(base), op.localGet(index), op.i32Const(shift), op.i32Shl, op.i32Add];
}

/** The address of f64 element indices[index] of `base` (locals): base + (i32) indices[index] * 8. */
export function indirectF64Address(base: number, indices: number, index: number): Code {
  return [op.localGet(base), ...elementAddress(indices, index, 2), op.i32Load(), op.i32Const(3), op.i32Shl, op.i32Add];
}

/** *(f64*)(address + offset) += value, the address computed by `address` (twice). */
export function addToF64(address: Code, value: Code, offset = 0): Code {
  return [...address, ...address, op.f64Load(offset), ...value, op.f64Add, op.f64Store(offset)];
}

/** local = local + value (f64). */
export function addToLocal(local: number, value: Code): Code {
  return [op.localGet(local), ...value, op.f64Add, op.localSet(local)];
}

/** local = local + value (i32). */
export function addToI32Local(local: number, value: Code): Code {
  return [op.localGet(local), ...value, op.i32Add, op.localSet(local)];
}

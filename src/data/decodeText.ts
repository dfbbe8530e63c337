import { InputError } from "../errors.js";
import { firstInvalidUtf8, incompleteTail } from "./utf8.js";

export interface DecodeOptions {
  /** A label TextDecoder accepts (checked at the door: see --encoding). */
  readonly encoding: string;
  /** The input's name in messages. */
  readonly name: string;
  /** Sees every byte, before decoding (the fingerprint is of the bytes, whatever the encoding). */
  onBytes(bytes: Uint8Array): void;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const both = new Uint8Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return both;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

function countNewlineBytes(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) count++;
  return count;
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}

function notUtf8(name: string, line: number, byte: number): InputError {
  return new InputError(
    `${name}: line ${line} is not valid UTF-8 (byte ${hex(byte)}); for a Latin-1 or Windows export give --encoding latin1 or --encoding windows-1252`,
  );
}

/**
 * The input's text, chunk by chunk, decoded once with one encoding. Invalid text is an InputError,
 * never U+FFFD: two towns spelled café and cafè must not become one. For UTF-8 the error names the
 * line of the first bad byte: the newlines already decoded, plus those of the failing chunk before
 * that byte (the decoder's held-back tail of the previous chunk is part of it, and holds no
 * newline). A byte order mark at the start is dropped by the decoder, so a quoted first header
 * name loses its quotes like any other.
 */
export async function* decodeText(source: AsyncIterable<Uint8Array | string>, options: DecodeOptions): AsyncGenerator<string> {
  const decoder = new TextDecoder(options.encoding, { fatal: true });
  const utf8 = decoder.encoding === "utf-8";
  let newlines = 0;
  let held: Uint8Array = new Uint8Array(0);
  const invalid = (bytes: Uint8Array): InputError => {
    if (!utf8) return new InputError(`${options.name}: is not valid ${decoder.encoding} text; check --encoding`);
    const at = firstInvalidUtf8(bytes);
    // -1 only when the input ends inside a character: the held-back tail is the bad part.
    return notUtf8(options.name, newlines + countNewlineBytes(bytes, Math.max(at, 0)) + 1, bytes[Math.max(at, 0)]);
  };
  for await (const chunk of source) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    options.onBytes(bytes);
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      throw invalid(concat(held, bytes));
    }
    if (utf8) {
      newlines += countNewlines(text);
      // A tail is at most 3 bytes: only a shorter chunk can leave part of it in the one before.
      held = Uint8Array.from(incompleteTail(bytes.length >= 3 ? bytes : concat(held, bytes)));
    }
    if (text !== "") yield text;
  }
  let last: string;
  try {
    last = decoder.decode();
  } catch {
    throw invalid(held);
  }
  if (last !== "") yield last;
}

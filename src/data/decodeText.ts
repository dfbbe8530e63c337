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

/**
 * Line ends among bytes[0..end): \n, \r\n or a lone \r, as the reader splits records, so that a
 * message names the same line in an LF, CRLF or CR-only file. `afterCR` says whether the byte
 * before bytes[0] was a \r (a \n then completes that line's end). In UTF-8 these bytes never
 * occur inside a multi-byte character, so counting bytes counts the text's line ends.
 */
export function countLineEnds(bytes: Uint8Array, end: number, afterCR: boolean): { count: number; afterCR: boolean } {
  let count = 0;
  let cr = afterCR;
  for (let i = 0; i < end; i++) {
    const byte = bytes[i];
    if (byte === 0x0d) count++;
    else if (byte === 0x0a && !cr) count++;
    cr = byte === 0x0d;
  }
  return { count, afterCR: cr };
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
 * What the first bytes of an input that is not UTF-8 say it is, when they say it: a UTF-16 byte
 * order mark, or gzip's magic number. Latin-1 advice would mislead there.
 */
function knownStart(name: string, bytes: Uint8Array): InputError | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new InputError(`${name}: starts with a UTF-16 little-endian byte order mark; give --encoding utf-16le`);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new InputError(`${name}: starts with a UTF-16 big-endian byte order mark; give --encoding utf-16be`);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return new InputError(`${name}: is gzip-compressed; decompress it first (zcat ${name} | automl-grid - ...)`);
  return null;
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
  let lineEnds = 0;
  let afterCR = false;
  let started = false;
  let held: Uint8Array = new Uint8Array(0);
  const invalid = (bytes: Uint8Array): InputError => {
    if (!utf8) return new InputError(`${options.name}: is not valid ${decoder.encoding} text; check --encoding`);
    const known = started ? null : knownStart(options.name, bytes);
    if (known !== null) return known;
    const at = Math.max(firstInvalidUtf8(bytes), 0);
    // firstInvalidUtf8 is -1 only when the input ends inside a character: the held-back tail is the bad part.
    return notUtf8(options.name, lineEnds + countLineEnds(bytes, at, afterCR).count + 1, bytes[at]);
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
    started = true;
    if (utf8) {
      const counted = countLineEnds(bytes, bytes.length, afterCR);
      lineEnds += counted.count;
      afterCR = counted.afterCR;
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

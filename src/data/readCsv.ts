import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import Papa from "papaparse";
import { InputError } from "../errors.js";
import { decodeText } from "./decodeText.js";
import { DEFAULT_DIALECT, describeDelimiter, type Dialect } from "./dialect.js";
import { DELIMITER_CANDIDATES, sampleLength, sniffDelimiter } from "./sniffDelimiter.js";

export interface CsvReadResult {
  readonly header: readonly string[];
  /** Data rows read (blank lines excluded). */
  readonly dataRows: number;
  /** sha256 of the input bytes: lets `merge` check that shards read the same file. */
  readonly fingerprint: string;
  /** The delimiter the whole file was split on. */
  readonly delimiter: string;
}

export interface CsvRowHandlers {
  /** Called once with the trimmed header; may throw an InputError (unknown --target, ...). */
  onHeader(header: readonly string[]): void;
  /** Called per data row with trimmed cells; rowNumber counts data rows from 1. */
  onRow(cells: string[], rowNumber: number): void;
}

/** Display name of an input in messages. */
export function inputName(path: string): string {
  return path === "-" ? "stdin" : path;
}

/**
 * Anything readable that is not a directory is read as a stream: a regular file, a FIFO, the
 * /dev/fd/N of a shell's `<(zcat x.csv.gz)`, as `-` reads stdin.
 */
function openInput(path: string, stdin: Readable): Readable {
  if (path === "-") return stdin;
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new InputError(`${path}: no such file`);
  }
  if (isDirectory) throw new InputError(`${path}: is a directory, not a CSV file`);
  return createReadStream(path);
}

interface Opening {
  /** The text read so far (at least the sniffing sample, or everything). */
  readonly head: string;
  readonly delimiter: string;
  readonly sniffed: boolean;
}

/**
 * Reads until the sniffing sample is complete and resolves the delimiter: the given one, else the
 * sniffed one (with `--decimal ,` a comma cannot be it), else the first candidate, which leaves
 * the header one column as every candidate would: the caller then says what is wrong.
 */
async function openText(text: AsyncIterator<string>, dialect: Dialect): Promise<Opening> {
  let head = "";
  let atEnd = false;
  let end = -1;
  for (;;) {
    const next = await text.next();
    if (next.done) {
      atEnd = true;
      break;
    }
    const from = head.length;
    head += next.value;
    end = sampleLength(head, from);
    if (end >= 0 || dialect.delimiter !== "auto") break;
  }
  if (dialect.delimiter !== "auto") return { head, delimiter: dialect.delimiter, sniffed: false };
  const candidates = DELIMITER_CANDIDATES.filter((candidate) => candidate !== dialect.decimal);
  const sniffed = sniffDelimiter(atEnd ? head : head.slice(0, end), atEnd, candidates);
  return { head, delimiter: sniffed ?? candidates[0], sniffed: sniffed !== null };
}

/**
 * The line end records are split on. Papa would guess one from the first chunk and take every
 * other ending for text inside a field, so a CRLF header over LF rows read as one long row. Any
 * \n ends a line instead (a \r before it is trimmed with the last cell, and a quoted last cell
 * may be followed by it), so LF, CRLF and a mix of the two read alike; a sample without \n is
 * an old Mac file, split on \r.
 */
function lineEnd(head: string): "\n" | "\r" {
  return head.includes("\n") || !head.includes("\r") ? "\n" : "\r";
}

/**
 * Excel writes (and reads) a first line `sep=;` naming the delimiter: it is not the header. The
 * line is dropped, and its delimiter used unless --delimiter gives one.
 */
function withoutExcelSeparator(opening: Opening, dialect: Dialect): Opening {
  const line = /^sep=([^\r\n])(?:\r\n|\n|\r)/.exec(opening.head);
  if (line === null) return opening;
  const delimiter = dialect.delimiter === "auto" ? line[1] : dialect.delimiter;
  return { head: opening.head.slice(line[0].length), delimiter, sniffed: false };
}

async function* prepend(head: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  if (head !== "") yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Streams a CSV once, row by row, with one dialect, so that the caller can route rows to
 * partitions (or skip them) without the whole file ever being held as parsed cells. Invalid text,
 * ragged rows, bad quoting, an empty file and a header without rows are InputErrors naming the
 * file and the line or row.
 */
export async function readCsv(
  path: string,
  handlers: CsvRowHandlers,
  dialect: Dialect = DEFAULT_DIALECT,
  stdin: Readable = process.stdin,
): Promise<CsvReadResult> {
  const name = inputName(path);
  const source = openInput(path, stdin);
  const hash = createHash("sha256");
  source.on("error", () => undefined); // reported through the iterator below, once
  const text = decodeText(source, { encoding: dialect.encoding, name, onBytes: (bytes) => hash.update(bytes) });
  let opening: Opening;
  try {
    opening = await openText(text, dialect);
  } catch (error) {
    source.destroy();
    throw readError(name, error);
  }
  const { head, delimiter, sniffed } = withoutExcelSeparator(opening, dialect);
  const stream = Readable.from(prepend(head, text));

  return new Promise<CsvReadResult>((resolve, reject) => {
    let header: string[] | null = null;
    let dataRows = 0;
    let failed = false;
    const fail = (error: unknown, parser?: Papa.Parser): void => {
      if (failed) return;
      failed = true;
      parser?.abort();
      stream.destroy();
      source.destroy();
      reject(error);
    };

    Papa.parse<string[]>(stream, {
      header: false,
      delimiter,
      newline: lineEnd(opening.head),
      skipEmptyLines: "greedy",
      step(results, parser) {
        if (failed) return;
        try {
          const rowNumber = dataRows + 1;
          if (results.errors.length > 0) {
            const where = header === null ? "header" : `row ${rowNumber}`;
            throw new InputError(`${name}: ${where}: ${results.errors[0].message}`);
          }
          const cells = results.data.map((cell) => cell.trim());
          if (header === null) {
            // pandas names a column whose header cell is empty (R's write.csv row names, a
            // trailing delimiter) "Unnamed: <index>": the same name here, so it can be --ignored.
            header = cells.map((cell, j) => (cell === "" ? `Unnamed: ${j}` : cell));
            handlers.onHeader(header);
            return;
          }
          if (cells.length !== header.length) {
            const guess = sniffed ? ` (delimiter ${describeDelimiter(delimiter)} detected from the first lines; --delimiter sets it)` : "";
            throw new InputError(`${name}: row ${rowNumber} has ${cells.length} fields, the header has ${header.length}${guess}`);
          }
          dataRows = rowNumber;
          handlers.onRow(cells, rowNumber);
        } catch (error) {
          fail(error, parser);
        }
      },
      complete() {
        if (failed) return;
        if (header === null) return fail(new InputError(`${name}: empty file (no header row)`));
        if (dataRows === 0) return fail(new InputError(`${name}: has a header but no data rows`));
        resolve({ header, dataRows, fingerprint: hash.digest("hex"), delimiter });
      },
      error(error: Error) {
        fail(readError(name, error));
      },
    });
  });
}

/** Our own InputErrors pass through; a read error of the source (EIO, ...) becomes one. */
function readError(name: string, error: unknown): unknown {
  if (error instanceof InputError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  return new InputError(`${name}: cannot read (${code ?? (error instanceof Error ? error.message : String(error))})`);
}

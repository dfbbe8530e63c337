import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { PassThrough, type Readable } from "node:stream";
import Papa from "papaparse";
import { InputError } from "../errors.js";

export interface CsvReadResult {
  readonly header: readonly string[];
  /** Data rows read (blank lines excluded). */
  readonly dataRows: number;
  /** sha256 of the input bytes: lets `merge` check that shards read the same file. */
  readonly fingerprint: string;
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

function openInput(path: string, stdin: Readable): Readable {
  if (path === "-") return stdin;
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new InputError(`${path}: no such file`);
  }
  if (!isFile) throw new InputError(`${path}: not a regular file`);
  return createReadStream(path);
}

/**
 * Streams a CSV once, row by row, so that the caller can route rows to partitions (or skip them)
 * without the whole file ever being held as parsed cells. Ragged rows, bad quoting, an empty file
 * and a header without rows are InputErrors naming the file and the row.
 */
export function readCsv(
  path: string,
  handlers: CsvRowHandlers,
  stdin: Readable = process.stdin,
): Promise<CsvReadResult> {
  const name = inputName(path);
  const source = openInput(path, stdin);
  const hash = createHash("sha256");
  const text = new PassThrough();
  source.on("data", (chunk: Buffer | string) => hash.update(chunk));
  source.pipe(text);
  text.setEncoding("utf8");

  return new Promise<CsvReadResult>((resolve, reject) => {
    let header: string[] | null = null;
    let dataRows = 0;
    let failed = false;
    const fail = (error: unknown, parser?: Papa.Parser): void => {
      if (failed) return;
      failed = true;
      parser?.abort();
      source.destroy();
      reject(error);
    };
    source.on("error", (error: NodeJS.ErrnoException) =>
      fail(new InputError(`${name}: cannot read (${error.code ?? error.message})`)),
    );

    Papa.parse<string[]>(text, {
      header: false,
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
            if (cells.length > 0) cells[0] = cells[0].replace(/^\uFEFF/, "");
            header = cells;
            handlers.onHeader(header);
            return;
          }
          if (cells.length !== header.length) {
            throw new InputError(
              `${name}: row ${rowNumber} has ${cells.length} fields, the header has ${header.length}`,
            );
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
        resolve({ header, dataRows, fingerprint: hash.digest("hex") });
      },
      error(error: Error) {
        fail(new InputError(`${name}: cannot parse (${error.message})`));
      },
    });
  });
}

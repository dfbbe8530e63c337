import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { csvLine } from "../src/data/csvLine.js";

/** A CSV written row by row in 64 kB chunks, waiting for the disk when the stream asks to: the generators' big files. */
export class CsvFile {
  private buffer = "";

  private constructor(private readonly file: WriteStream) {}

  static open(path: string, header: readonly string[]): CsvFile {
    const csv = new CsvFile(createWriteStream(path));
    csv.buffer = csvLine(header) + "\n";
    return csv;
  }

  async row(cells: readonly string[]): Promise<void> {
    this.buffer += csvLine(cells) + "\n";
    if (this.buffer.length <= 1 << 16) return;
    const full = !this.file.write(this.buffer);
    this.buffer = "";
    if (full) await once(this.file, "drain");
  }

  async close(): Promise<void> {
    this.file.write(this.buffer);
    this.file.end();
    await once(this.file, "finish");
  }
}

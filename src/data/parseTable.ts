import Papa from "papaparse";
import type { Table } from "./table.js";

/** Rebuilds a partition's table from the CSV lines the parent routed to it. */
export function parseTable(header: readonly string[], csv: string): Table {
  const parsed = Papa.parse<string[]>(csv, { header: false, skipEmptyLines: true });
  return { header, rows: parsed.data };
}

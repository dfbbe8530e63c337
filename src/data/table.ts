/** One table to score: a partition's rows (trimmed cells) under the file's header. */
export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export function columnIndex(table: Table, name: string): number {
  const index = table.header.indexOf(name);
  if (index < 0) throw new RangeError(`no column ${name}`);
  return index;
}

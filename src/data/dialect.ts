/** How a CSV file is written: decided once, by the user or by sniffing, and used for the whole file. */
export type DecimalMark = "." | ",";

export interface Dialect {
  /** The field separator (one character), or "auto": sniffed from the first lines. */
  readonly delimiter: string;
  /** A WHATWG encoding name, as TextDecoder spells it ("utf-8", "windows-1252", ...). */
  readonly encoding: string;
  /** The decimal mark of numeric cells. */
  readonly decimal: DecimalMark;
}

export const DEFAULT_DIALECT: Dialect = { delimiter: "auto", encoding: "utf-8", decimal: "." };

/** A delimiter as messages show it: a tab is invisible, so it is named. */
export function describeDelimiter(delimiter: string): string {
  return delimiter === "\t" ? "tab" : `"${delimiter}"`;
}

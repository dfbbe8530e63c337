const SHORT: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Text from the data made safe to show on a terminal: C0 controls, DEL and C1 controls (the
 * 8-bit CSI among them) become visible escapes (`\x1b`, `\n`), so a key or a column name cannot
 * clear the screen, ring the bell, move the cursor or break a line of the table. Everything else,
 * other scripts and emoji included, is kept as it is.
 */
export function printable(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => SHORT[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

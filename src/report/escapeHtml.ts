import { printable } from "./printable.js";

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text from the data (a key, a column name, a reason) as HTML text or as an attribute value:
 * markup characters become entities, so a key such as `<script>` is shown, never run, and
 * control characters become visible escapes (`\x1b`), as on the terminal.
 */
export function escapeHtml(text: string): string {
  return printable(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

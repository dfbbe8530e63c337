/**
 * Whether the grid written to stdout may carry colour: only a terminal, and not when the user
 * set NO_COLOR to anything but the empty string (no-color.org) or the terminal says it is dumb.
 * A file, a pipe or `--out` always gets plain text.
 */
export function stdoutTakesColor(stdoutIsTty: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return stdoutIsTty && (env.NO_COLOR ?? "") === "" && env.TERM !== "dumb";
}

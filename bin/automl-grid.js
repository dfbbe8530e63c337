#!/usr/bin/env node
// Thin entry: the compiled CLI does everything; this file only wires the real process to it.
import { main } from "../dist/src/cli/main.js";
import { stdoutWasClosed } from "../dist/src/cli/closedStdout.js";
import { stdoutTakesColor } from "../dist/src/cli/terminalColor.js";

const controller = new AbortController();
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]]) {
  process.on(signal, () => {
    // Aborting kills the children synchronously; nothing has been written yet (output is written
    // whole, at the end), so exiting now leaves no partial file.
    controller.abort(signal);
    process.stderr.write(`automl-grid: interrupted (${signal})\n`);
    process.exit(code);
  });
}

// A reader that stops early (`automl-grid ... | head`) closes the pipe: stop as a Unix tool that
// SIGPIPE killed would (exit 141), without a stack trace. Any other failed write to stdout is
// bad output, as a failed --out is: one line, exit 2.
process.stdout.on("error", (error) => {
  controller.abort(error.code === "EPIPE" ? "SIGPIPE" : "stdout");
  if (error.code === "EPIPE") process.exit(141);
  process.stderr.write(`automl-grid: error: stdout: cannot write (${error.code ?? error.message})\n`);
  process.exit(2);
});

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  stdoutIsTty: process.stdout.isTTY === true,
  stdoutColor: stdoutTakesColor(process.stdout.isTTY === true, process.env),
  // A terminal that reports no width (some CI pseudo-terminals) cannot host a spinner.
  stderrIsTty: process.stderr.isTTY === true && (process.stderr.columns ?? 0) > 0,
  signal: controller.signal,
  stdoutClosed: stdoutWasClosed(),
});
process.exitCode = code;

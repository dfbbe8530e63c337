/**
 * Turbofan's compilations and deoptimisations per fold and model, from a V8 trace of
 * bench/foldTimes.ts run with --mark, as a child process compiles:
 *
 *     node --single-threaded --trace-opt --trace-deopt dist/bench/foldTimes.js data.csv --target y --models lr,qda --use 4 --mark > trace.txt
 *     node dist/bench/foldCompiles.js trace.txt [--list-from 1]
 *
 * Prints, per fold, how many compilations (whole, and on the stack: OSR) took how long, and how
 * many deoptimisations there were; --list-from F also lists each compilation from fold F on, with
 * the model that was running. A child runs its models fold after fold, so code compiled again in
 * a later fold is code the process lost (to a collection, or to a map that changed).
 */
import { readFileSync } from "node:fs";

interface FoldTally {
  whole: number;
  wholeMs: number;
  osr: number;
  osrMs: number;
  deopts: number;
}

const COMPILED = /completed compiling .*?<JSFunction ([^ >(]*)[^>]*> \(target TURBOFAN\)( OSR)? - took ([\d.]+), ([\d.]+), ([\d.]+) ms/;
const MARKER = /^@@ fold (\d+) (.+)$/;

function main(): void {
  const path = process.argv[2];
  if (path === undefined) throw new Error("usage: foldCompiles.js trace.txt [--list-from F]");
  const at = process.argv.indexOf("--list-from");
  const listFrom = at >= 0 ? Number(process.argv[at + 1]) : Infinity;
  const tallies = new Map<number, FoldTally>();
  let fold = -1;
  let model = "(start)";
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const marker = MARKER.exec(line);
    if (marker !== null) {
      fold = Number(marker[1]);
      model = marker[2];
      continue;
    }
    const tally = tallies.get(fold) ?? { whole: 0, wholeMs: 0, osr: 0, osrMs: 0, deopts: 0 };
    tallies.set(fold, tally);
    if (line.includes("bailout (kind: deopt")) tally.deopts++;
    const compiled = COMPILED.exec(line);
    if (compiled === null) continue;
    const ms = Number(compiled[3]) + Number(compiled[4]) + Number(compiled[5]);
    const osr = compiled[2] !== undefined;
    if (osr) {
      tally.osr++;
      tally.osrMs += ms;
    } else {
      tally.whole++;
      tally.wholeMs += ms;
    }
    if (fold >= listFrom) console.log(`fold ${fold}\t${model}\t${osr ? "OSR" : "whole"}\t${ms.toFixed(2)} ms\t${compiled[1] === "" ? "(anonymous)" : compiled[1]}`);
  }
  for (const [f, t] of [...tallies].sort((a, b) => a[0] - b[0])) {
    const name = f < 0 ? "before fold 0" : `fold ${f}`;
    console.log(`${name}: ${t.whole} whole compilations ${t.wholeMs.toFixed(1)} ms, ${t.osr} on the stack ${t.osrMs.toFixed(1)} ms, ${t.deopts} deoptimisations`);
  }
}

main();

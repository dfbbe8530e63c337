import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { test } from "node:test";
import { repoPath } from "./helpers.js";

/**
 * The layers of src/, lowest first (conventions.md, "A layout that shows the architecture"): a
 * module may import from its own directory or from a lower layer, never from a higher or a
 * sibling one. errors.ts is the leaf everything may throw from; the root modules (index.ts,
 * merge.ts, resolveOptions.ts) sit between the engines and the CLI.
 */
const RANK: Readonly<Record<string, number>> = {
  errors: 0,
  stats: 1,
  data: 2,
  models: 3,
  preprocess: 3,
  evaluate: 4,
  parallel: 5,
  report: 5,
  root: 6,
  cli: 7,
};

const SRC = repoPath("src");

function layer(file: string): string {
  const parts = relative(SRC, file).split("/");
  if (parts.length === 1) return parts[0] === "errors.ts" ? "errors" : "root";
  return parts[0];
}

function sources(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

const imports = new Map(
  sources(SRC).map((file) => {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(/from "(\.[^"]+)"/g)].map((m) => normalize(join(dirname(file), m[1].replace(/\.js$/, ".ts"))));
    return [file, targets] as const;
  }),
);

test("every directory of src/ has a layer", () => {
  for (const file of imports.keys()) assert.ok(layer(file) in RANK, `${relative(SRC, file)} is in no layer`);
});

test("imports point downward: no module imports from a higher or a sibling layer", () => {
  const upward: string[] = [];
  for (const [file, targets] of imports) {
    for (const target of targets) {
      const from = layer(file);
      const to = layer(target);
      if (from !== to && !(RANK[to] < RANK[from])) upward.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
    }
  }
  assert.deepEqual(upward, []);
});

test("no import cycles between modules", () => {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    path.push(file);
    for (const target of imports.get(file) ?? []) {
      if (state.get(target) === "open") cycles.push(path.slice(path.indexOf(target)).map((f) => relative(SRC, f)).join(" -> "));
      else if (!state.has(target)) visit(target);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of imports.keys()) if (!state.has(file)) visit(file);
  assert.deepEqual(cycles, []);
});

import type { LoadHook } from "node:module";

/**
 * A module loader hook for @actions/workflow-parser, which is built for bundlers: it imports its
 * workflow schema (a .json file) without `with { type: "json" }`, which Node refuses. The hook
 * adds that attribute to .json imports; nothing else changes.
 */
export const load: LoadHook = (url, context, nextLoad) =>
  url.endsWith(".json") ? nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } }) : nextLoad(url, context);

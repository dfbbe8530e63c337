import { Ajv, type ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import { register } from "node:module";
import { parseDocument } from "yaml";
import { repoPath } from "../../helpers.js";

/**
 * Validators for the examples' YAML: GitHub's own workflow parser for the workflow, and the
 * Kubernetes batch/v1 Job JSON schema (vendored in test/schemas, see its README) for the
 * manifests. Each returns the problems found, one string each; none means valid.
 */

type WorkflowParser = typeof import("@actions/workflow-parser");
let workflowParser: Promise<WorkflowParser> | null = null;

function loadWorkflowParser(): Promise<WorkflowParser> {
  if (workflowParser === null) {
    register(new URL("./jsonImportHook.js", import.meta.url));
    workflowParser = import("@actions/workflow-parser");
  }
  return workflowParser;
}

/** Problems GitHub would report for this workflow: unknown or missing keys, bad expressions, `needs` naming no job. */
export async function workflowProblems(name: string, text: string): Promise<string[]> {
  const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await loadWorkflowParser();
  const parsed = parseWorkflow({ name, content: text }, new NoOperationTraceWriter());
  if (parsed.value !== undefined) await convertWorkflowTemplate(parsed.context, parsed.value);
  return parsed.context.errors.getErrors().map((error) => error.message);
}

/**
 * The schema as kubectl --validate=strict applies it: an object schema that lists its properties
 * admits no others (openapi2jsonschema's --strict does the same), so a misspelt key is an error.
 */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    // Under `properties` the keys are field names, not keywords: descend into each field's schema.
    out[key] = key === "properties" && value !== null && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([field, sub]) => [field, strict(sub)])) : strict(value);
  }
  if ("properties" in out && !("additionalProperties" in out)) out.additionalProperties = false;
  return out;
}

let jobSchema: ValidateFunction | null = null;

function jobValidator(): ValidateFunction {
  if (jobSchema === null) {
    const schema = JSON.parse(readFileSync(repoPath("test", "schemas", "kubernetes-job-batch-v1.json"), "utf8")) as object;
    // strict: false lets Ajv skip the schema's x-kubernetes-* annotations and OpenAPI formats (int32, int64).
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, validateFormats: false });
    jobSchema = ajv.compile(strict(schema) as object);
  }
  return jobSchema;
}

/** Parses YAML text into one document; YAML syntax errors (and duplicate keys) are problems too. */
export function parseYaml(text: string): { value: unknown; problems: string[] } {
  const document = parseDocument(text, { uniqueKeys: true });
  return { value: document.toJS(), problems: [...document.errors, ...document.warnings].map((error) => error.message) };
}

/** Problems the Kubernetes API server would report for this batch/v1 Job manifest. */
export function jobProblems(text: string): string[] {
  const { value, problems } = parseYaml(text);
  if (problems.length > 0) return problems;
  const validate = jobValidator();
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => {
    const extra = "additionalProperty" in error.params ? `: ${String(error.params.additionalProperty)}` : "";
    return `${error.instancePath || "/"} ${error.message ?? "is invalid"}${extra}`;
  });
}

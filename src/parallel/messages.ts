import type { PartitionKey } from "../data/partitionKey.js";
import type { GridSpec } from "../evaluate/compareModels.js";
import type { PartitionResult } from "../evaluate/grid.js";

/** Parent -> child: score one whole partition. Sent with "advanced" serialization (NaN survives). */
export interface ScoreRequest {
  readonly type: "score";
  readonly id: number;
  /** 1 on the first try, 2 on the retry after a child died. */
  readonly attempt: number;
  readonly key: PartitionKey;
  readonly header: readonly string[];
  /** The partition's rows as one JSON array of row arrays (src/data/rowText.ts): never CSV again. */
  readonly rows: string;
  readonly spec: GridSpec;
}

/** Child -> parent. */
export type WorkerMessage =
  | { readonly type: "fit"; readonly id: number }
  | { readonly type: "result"; readonly id: number; readonly result: PartitionResult }
  | { readonly type: "error"; readonly id: number; readonly message: string };

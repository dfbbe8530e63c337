import type { PartitionKey } from "../data/partitionKey.js";
import type { FoldScore, GridSpec, PartitionFacts } from "../evaluate/compareModels.js";
import type { GlobalSpec } from "../evaluate/globalFolds.js";
import type { GlobalFoldScores } from "../evaluate/globalGrid.js";
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

/**
 * Parent -> child: score some models on one fold of a partition that the pool splits across its
 * children. A child keeps the last partition it was sent, prepared (typed, split, folded), and
 * the encoded rows of the last fold it scored, so `rows` is sent only to a child that does not
 * hold this partition yet, and is null otherwise.
 */
export interface FoldRequest {
  readonly type: "fold";
  /** This unit of work, unique in the run: answers to an abandoned unit are recognised and dropped. */
  readonly id: number;
  /** The partition's index in the run, which names it in the child's cache. */
  readonly partition: number;
  readonly attempt: number;
  readonly key: PartitionKey;
  readonly header: readonly string[];
  readonly rows: string | null;
  readonly spec: GridSpec;
  readonly fold: number;
  /** The models to score, as indices in the spec's model order. */
  readonly models: readonly number[];
}

/**
 * Parent -> child: fit the global models (--baseline global) on one global fold and score every
 * partition's held-out rows of it. `parts` (every partition's key and rows) is sent only to a
 * child that does not hold them yet, and is null otherwise.
 */
export interface GlobalRequest {
  readonly type: "global";
  readonly id: number;
  readonly attempt: number;
  readonly header: readonly string[];
  readonly parts: readonly { readonly key: PartitionKey; readonly rows: string }[] | null;
  readonly spec: GlobalSpec;
  readonly fold: number;
}

export type WorkRequest = ScoreRequest | FoldRequest | GlobalRequest;

/** A child's answer for one global fold: how many global folds there are, and the fold's scores (none past the last); or why there is no global baseline. */
export type GlobalAnswer =
  | { readonly ok: true; readonly folds: number; readonly notes: readonly string[]; readonly scores: GlobalFoldScores }
  | { readonly ok: false; readonly reason: string };

/**
 * A child's answer for one fold: how many folds the partition has (known only once it is
 * prepared), the notes and facts of its preparation, and the requested models' scores on the
 * fold, each model in spec order (null for a model not requested; none when the fold is past the
 * last one); or why the partition cannot be scored at all, and whether
 * that is for lack of data (skip).
 */
export type FoldAnswer =
  | { readonly ok: true; readonly folds: number; readonly notes: readonly string[]; readonly facts: PartitionFacts; readonly scores: readonly (FoldScore | null)[] }
  | { readonly ok: false; readonly reason: string; readonly skip: boolean; readonly notes: readonly string[]; readonly facts: PartitionFacts };

/** Child -> parent. */
export type WorkerMessage =
  | { readonly type: "fit"; readonly id: number }
  | { readonly type: "result"; readonly id: number; readonly result: PartitionResult }
  | { readonly type: "fold"; readonly id: number; readonly answer: FoldAnswer }
  | { readonly type: "global"; readonly id: number; readonly answer: GlobalAnswer }
  | { readonly type: "error"; readonly id: number; readonly message: string };

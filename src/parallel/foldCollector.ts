import type { FoldScore, PartitionFacts } from "../evaluate/compareModels.js";
import type { FoldAnswer } from "./messages.js";

type ScoredFold = Extract<FoldAnswer, { ok: true }>;

/** What one answer changed: folds to add to the queue, folds to drop from it, and the folds once all are in. */
export interface FoldsChange {
  readonly added: readonly number[];
  /** Queued folds from this one up no longer exist (null: none to drop). */
  readonly droppedFrom: number | null;
  /** Every fold's scores (each model in spec order), in fold order, once the last one is in; null until then. */
  readonly complete: readonly (readonly (FoldScore | null)[])[] | null;
}

/**
 * A split partition's scores as they come back from the children, one fold's models at a time,
 * in any order. The fold count is known only from the first answer (a fold column's folds are
 * counted once a child has read the partition): until then `--folds` stands in, and that answer
 * adds or drops folds. A model's fold answered twice (a retry that raced the first try) counts
 * once.
 */
export class FoldCollector {
  private folds: number;
  private known = false;
  /** Per fold, per model: its score once answered. */
  private readonly answers: (FoldScore | null | undefined)[][] = [];
  private received = 0;
  /** The preparation's notes and facts, from the first answer. */
  notes: readonly string[] = [];
  facts: PartitionFacts = {};

  constructor(
    nominalFolds: number,
    private readonly models: number,
  ) {
    this.folds = nominalFolds;
  }

  /** The answer for `models` (indices in spec order) on `fold`. */
  add(fold: number, models: readonly number[], answer: ScoredFold): FoldsChange {
    let added: number[] = [];
    let droppedFrom: number | null = null;
    if (!this.known) {
      this.known = true;
      this.notes = answer.notes;
      this.facts = answer.facts;
      if (answer.folds > this.folds) added = Array.from({ length: answer.folds - this.folds }, (_, f) => this.folds + f);
      else if (answer.folds < this.folds) droppedFrom = answer.folds;
      this.folds = answer.folds;
      this.received = this.answers.slice(0, answer.folds).reduce((sum, scores) => sum + scores.filter((score) => score !== undefined).length, 0);
    }
    if (fold < this.folds) {
      const slots = (this.answers[fold] ??= new Array<FoldScore | null | undefined>(this.models).fill(undefined));
      for (const m of models) {
        if (slots[m] !== undefined) continue;
        slots[m] = answer.scores[m] ?? null;
        this.received++;
      }
    }
    const complete = this.received === this.folds * this.models ? (this.answers.slice(0, this.folds) as (readonly (FoldScore | null)[])[]) : null;
    return { added, droppedFrom, complete };
  }
}

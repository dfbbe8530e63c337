import type { FoldScore, PartitionFacts } from "../evaluate/compareModels.js";
import type { FoldAnswer } from "./messages.js";

type ScoredFold = Extract<FoldAnswer, { ok: true }>;

/** What one fold's answer changed: folds to add to the queue, folds to drop from it, and the folds once all are in. */
export interface FoldsChange {
  readonly added: readonly number[];
  /** Queued folds from this one up no longer exist (null: none to drop). */
  readonly droppedFrom: number | null;
  /** Every fold's scores, in fold order, once the last one is in; null until then. */
  readonly complete: readonly (readonly (FoldScore | null)[])[] | null;
}

/**
 * A split partition's folds as they come back from the children, in any order. The fold count
 * is known only from the first answer (a fold column's folds are counted once a child has read
 * the partition): until then `--folds` stands in, and that answer adds or drops folds. A fold
 * answered twice (a retry that raced the first try) counts once.
 */
export class FoldCollector {
  private folds: number;
  private known = false;
  private readonly answers: (readonly (FoldScore | null)[] | undefined)[] = [];
  private received = 0;
  /** The preparation's notes and facts, from the first answer. */
  notes: readonly string[] = [];
  facts: PartitionFacts = {};

  constructor(nominalFolds: number) {
    this.folds = nominalFolds;
  }

  add(fold: number, answer: ScoredFold): FoldsChange {
    let added: number[] = [];
    let droppedFrom: number | null = null;
    if (!this.known) {
      this.known = true;
      this.notes = answer.notes;
      this.facts = answer.facts;
      if (answer.folds > this.folds) added = Array.from({ length: answer.folds - this.folds }, (_, f) => this.folds + f);
      else if (answer.folds < this.folds) droppedFrom = answer.folds;
      this.folds = answer.folds;
      this.received = this.answers.slice(0, answer.folds).filter((scores) => scores !== undefined).length;
    }
    if (fold < this.folds && this.answers[fold] === undefined) {
      this.answers[fold] = answer.scores;
      this.received++;
    }
    const complete = this.received === this.folds ? (this.answers.slice(0, this.folds) as (readonly (FoldScore | null)[])[]) : null;
    return { added, droppedFrom, complete };
  }
}

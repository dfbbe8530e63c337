import type { DecimalMark } from "./dialect.js";
import { isMissing } from "./missing.js";
import { numberVerdict, type NumberVerdict } from "./numberCell.js";
import { shortText } from "./shortText.js";

/**
 * Counts, while the parent streams the rows it keeps, how many present cells of each feature
 * column (and the target) are numbers, so that a column a single stray cell turns categorical
 * ("12,5", "1e400", "n.a.") is said on stderr instead of silently losing its numeric meaning. The
 * children type each partition's columns themselves (the protocol's column types); this only explains it.
 */
export interface NumericTally {
  /** Counts one kept row; `partition` numbers its partition (0, 1, ... in order of appearance). */
  add(cells: readonly string[], row: number, partition: number): void;
  /**
   * One note per column that looks numeric in more than half of its present cells (numbers,
   * numbers with the other decimal mark, numbers out of a double's range) but is not a number in
   * all of them: the first offending cell, its row, and the counts. `partitionName` names a
   * partition for files read with --by; null without.
   */
  notes(partitionName: ((partition: number) => string) | null): string[];
}

interface FirstOffender {
  readonly value: string;
  readonly row: number;
  readonly verdict: NumberVerdict;
  readonly partition: number;
}


/**
 * `columns` are the feature columns and the target, named `target`: its values are classes
 * whatever they hold, so its note says that a stray value is a class of its own.
 */
export function numericTally(header: readonly string[], columns: readonly string[], decimal: DecimalMark, target: string | null = null): NumericTally {
  const at = Int32Array.from(columns, (column) => header.indexOf(column));
  const present = new Float64Array(columns.length);
  const numbers = new Float64Array(columns.length);
  const otherMark = new Float64Array(columns.length);
  const textCells = new Float64Array(columns.length);
  const first: (FirstOffender | null)[] = columns.map(() => null);
  // Per column, which partitions hold a cell that is not a number: there the column is categorical.
  const offendingPartitions: Uint8Array[] = columns.map(() => new Uint8Array(16));

  return {
    add(cells, row, partition) {
      for (let c = 0; c < at.length; c++) {
        const cell = cells[at[c]];
        if (isMissing(cell)) continue;
        present[c]++;
        const verdict = numberVerdict(cell, decimal);
        if (verdict === "number") {
          numbers[c]++;
          continue;
        }
        if (verdict === "text") textCells[c]++;
        else if (verdict === "other mark") otherMark[c]++;
        if (first[c] === null) first[c] = { value: cell, row, verdict, partition };
        let flags = offendingPartitions[c];
        if (partition >= flags.length) {
          flags = new Uint8Array(Math.max(2 * flags.length, partition + 1));
          flags.set(offendingPartitions[c]);
          offendingPartitions[c] = flags;
        }
        flags[partition] = 1;
      }
    },
    notes(partitionName) {
      const notes: string[] = [];
      for (let c = 0; c < columns.length; c++) {
        const offender = first[c];
        if (offender === null || textCells[c] >= present[c] / 2) continue;
        const what =
          offender.verdict === "out of range"
            ? "is out of a double's range"
            : offender.verdict === "other mark" && decimal === ","
              ? "is not a number with --decimal ,"
              : "is not a number";
        const marks = otherMark[c] === 1 ? "1 has" : `${otherMark[c]} have`;
        const hint = otherMark[c] === 0 ? "" : decimal === "." ? `; ${marks} a decimal comma: try --decimal ,` : `; ${marks} a decimal point`;
        let where = "";
        if (partitionName !== null) {
          const affected = offendingPartitions[c].reduce((sum, flag) => sum + flag, 0);
          const named = partitionName(offender.partition);
          where = affected === 1 ? ` in partition ${named}` : ` in ${affected} partitions (first ${named})`;
        }
        const cell = `"${shortText(offender.value)}" at row ${offender.row} ${what}`;
        const said = columns[c] === target ? `target ${target}${where}: ${cell} and is a class of its own` : `column ${columns[c]} is typed categorical${where}: ${cell}`;
        notes.push(`${said} (${numbers[c]} of ${present[c]} values are numbers${hint})`);
      }
      return notes;
    },
  };
}

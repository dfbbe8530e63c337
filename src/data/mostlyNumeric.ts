import type { DecimalMark } from "./dialect.js";
import { isMissing } from "./missing.js";
import { looksLikeThousands, numberVerdict, type NumberVerdict } from "./numberCell.js";
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
   * numbers with the other decimal mark or with thousands separators, numbers out of a double's
   * range) but is not a number in all of them: the first offending cell, its row, and the counts;
   * and, with --decimal ,, one per column whose decimal commas could all be thousands separators. `partitionName` names a
   * partition for files read with --by; null without.
   */
  notes(partitionName: ((partition: number) => string) | null): string[];
}

/** Cells that often stand for a missing number in exports (PyCaret's hepatitis and automobile write `?`). */
const MISSING_MARKER = /^([?*.-]+|n\.a\.|missing|unknown|none|nil)$/i;

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
  const grouped = new Float64Array(columns.length);
  // With --decimal ,: numbers whose comma could be a thousands separator (`36,840`), the first
  // of them, and the numbers written without a comma.
  const lookalikes = new Float64Array(columns.length);
  const firstLookalike: ({ readonly value: string; readonly row: number } | null)[] = columns.map(() => null);
  const withComma = new Float64Array(columns.length);
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
          if (decimal === "," && cell.includes(",")) {
            withComma[c]++;
            if (looksLikeThousands(cell)) {
              lookalikes[c]++;
              firstLookalike[c] ??= { value: cell, row };
            }
          }
          continue;
        }
        if (verdict === "text") textCells[c]++;
        else if (verdict === "other mark") otherMark[c]++;
        else if (verdict === "grouped") grouped[c]++;
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
        const lookalike = firstLookalike[c];
        // Every comma of the column before exactly three digits, and some numbers without one:
        // as likely thousands separators (840 beside 36,840) as decimal commas, and read as the latter.
        if (lookalike !== null && lookalikes[c] === withComma[c] && withComma[c] < numbers[c]) {
          const whole = numbers[c] - withComma[c];
          notes.push(
            `column ${columns[c]}: every decimal comma has three digits after it ("${shortText(lookalike.value)}" at row ${lookalike.row}, read as ${Number(lookalike.value.replace(",", "."))}) and ${whole} ${whole === 1 ? "number has" : "numbers have"} none: if the commas separate thousands, remove them and read the file without --decimal ,`,
          );
        }
        if (offender === null || textCells[c] >= present[c] / 2) continue;
        const what =
          offender.verdict === "out of range"
            ? "is out of a double's range"
            : offender.verdict === "other mark" && decimal === ","
              ? "is not a number with --decimal ,"
              : "is not a number";
        const marks = otherMark[c] === 1 ? "1 has" : `${otherMark[c]} have`;
        const separators = grouped[c] === 1 ? "1 has thousands separators" : `${grouped[c]} have thousands separators`;
        const hint =
          otherMark[c] > 0
            ? decimal === "."
              ? `; ${marks} a decimal comma: try --decimal ,`
              : `; ${marks} a decimal point`
            : grouped[c] > 0
              ? `; ${separators}, which are not read: remove them`
              : MISSING_MARKER.test(offender.value.trim())
                ? `; if "${offender.value.trim()}" means missing, make it an empty cell or NA`
                : "";
        let where = "";
        if (partitionName !== null) {
          const affected = offendingPartitions[c].reduce((sum, flag) => sum + flag, 0);
          const named = partitionName(offender.partition);
          where = affected === 1 ? ` in partition ${named}` : ` in ${affected} partitions (first ${named})`;
        }
        const cell = `"${shortText(offender.value)}" at row ${offender.row} ${what}`;
        const said = columns[c] === target ? `target ${target}${where}: ${cell} and is a class of its own` : `column ${columns[c]} is typed categorical${where}: ${cell}`;
        // The counts are the run's, every partition it scores together; the partition named is the first cell's.
        const over = partitionName === null ? "" : " over the partitions scored";
        notes.push(`${said} (${numbers[c]} of ${present[c]} values are numbers${over}${hint})`);
      }
      return notes;
    },
  };
}

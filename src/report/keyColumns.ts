/**
 * The names the --by columns take in the grid. A key column keeps its name unless the grid
 * itself uses that name (a car maker's `Model` column against the grid's `Model`): then it is
 * `by_<name>`, prefixed again while that is still taken, by the grid or by another key column.
 * Without this, json's row objects keep only one of the two values and merge reads the wrong
 * one back; the leaderboard and merge both call this so they agree on every name.
 */
export function keyColumnNames(by: readonly string[], reserved: readonly string[]): string[] {
  const taken = new Set([...reserved, ...by]);
  return by.map((column) => {
    if (!reserved.includes(column)) return column;
    let name = `by_${column}`;
    while (taken.has(name)) name = `by_${name}`;
    taken.add(name);
    return name;
  });
}

/**
 * ColorBrewer's sequential YlGnBu (9 classes), light to dark: a scale that reads in grey too and
 * that colour-blind readers can follow, with its darkest end for the best value.
 */
const STOPS: readonly (readonly [number, number, number])[] = [
  [255, 255, 217],
  [237, 248, 177],
  [199, 233, 180],
  [127, 205, 187],
  [65, 182, 196],
  [29, 145, 192],
  [34, 94, 168],
  [37, 52, 148],
  [8, 29, 88],
];

const hex = (value: number): string => Math.round(value).toString(16).padStart(2, "0");

/** The colour at t in [0, 1] (0 worst, 1 best), interpolated between the palette's stops. */
export function scaleColor(t: number): string {
  const at = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(at));
  const f = at - i;
  return "#" + STOPS[i].map((c, k) => hex(c + (STOPS[i + 1][k] - c) * f)).join("");
}

/** Text on scaleColor(t): white on the dark half, near-black on the light half. */
export function inkColor(t: number): string {
  return t > 0.55 ? "#ffffff" : "#1a1a1a";
}

/**
 * Where a value sits between the worst and the best of its set, for a column whose direction is
 * given: 1 is best. A set whose values are all equal sits in the middle.
 */
export function scalePosition(value: number, low: number, high: number, greaterIsBetter: boolean): number {
  if (!(high > low)) return 0.5;
  const t = (value - low) / (high - low);
  return greaterIsBetter ? t : 1 - t;
}

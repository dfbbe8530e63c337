/**
 * Strings in Unicode code-point order, as Python and NumPy sort them (so as scikit-learn's
 * LabelEncoder and OneHotEncoder order classes and categories). JavaScript's `<` compares UTF-16
 * code units, which differs only where a character above U+FFFF (a surrogate pair: emoji, rare
 * CJK) meets one in U+E000-U+FFFF (private use, full-width forms): there the surrogates must
 * sort last.
 */
export function byCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** A code unit's place in code-point order: surrogates (U+D800-U+DFFF) above U+E000-U+FFFF. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

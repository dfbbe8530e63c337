import { scaleColor, scalePosition } from "./colorScale.js";
import { escapeHtml } from "./escapeHtml.js";

export interface Bar {
  /** Shown beside the bar (a short name), and the full name, shown on hover. */
  readonly label: string;
  readonly name: string;
  /** A value that is not finite (NaN, or an error that overflowed to Infinity) draws no bar. */
  readonly value: number;
  readonly text: string;
  readonly best: boolean;
}

export interface BarChartOptions {
  /** Said to screen readers and shown as a tooltip. */
  readonly title: string;
  readonly greaterIsBetter: boolean;
  /** The range the colours span: the whole report's, so that one colour means one value in every chart. */
  readonly low: number;
  readonly high: number;
}

const LABEL = 110;
const BARS = 180;
const VALUE = 64;
const ROW = 22;
const PAD = 6;

/** x of a value, with the bars' own range (zero always inside it, so a bar's length is its value). */
function scaleX(low: number, high: number): (value: number) => number {
  const lo = Math.min(0, low);
  const hi = Math.max(0, high);
  const span = hi > lo ? hi - lo : 1;
  return (value) => LABEL + ((value - lo) / span) * BARS;
}

const num = (value: number): string => String(Math.round(value * 10) / 10);

/**
 * One partition's models as horizontal bars of one column, inline SVG (no script, no fonts from
 * outside): a bar per model from zero, its value written at the right, the best in bold, the
 * bar coloured as the heatmap colours the same value.
 */
export function barChart(bars: readonly Bar[], options: BarChartOptions): string {
  const finite = bars.map((bar) => bar.value).filter(Number.isFinite);
  const x = scaleX(Math.min(...finite, 0), Math.max(...finite, 0));
  const width = LABEL + BARS + VALUE;
  const height = bars.length * ROW + 2 * PAD;
  const rows = bars.map((bar, i) => {
    const y = PAD + i * ROW;
    const weight = bar.best ? ' font-weight="700"' : "";
    const label = `<text x="${LABEL - 8}" y="${y + 15}" text-anchor="end"${weight}><title>${escapeHtml(bar.name)}</title>${escapeHtml(bar.label)}</text>`;
    const value = `<text x="${LABEL + BARS + 8}" y="${y + 15}"${weight}>${escapeHtml(bar.text)}</text>`;
    if (!Number.isFinite(bar.value)) return label + value;
    const t = scalePosition(bar.value, options.low, options.high, options.greaterIsBetter);
    const [from, to] = [x(0), x(bar.value)].sort((a, b) => a - b);
    const rect = `<rect x="${num(from)}" y="${y + 3}" width="${num(Math.max(to - from, 1))}" height="${ROW - 6}" fill="${scaleColor(t)}"/>`;
    return label + rect + value;
  });
  const zero = `<line x1="${num(x(0))}" x2="${num(x(0))}" y1="${PAD / 2}" y2="${height - PAD / 2}" stroke="#666"/>`;
  const title = escapeHtml(options.title);
  return (
    `<svg class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}">` +
    `<title>${title}</title>${rows.join("")}${zero}</svg>`
  );
}

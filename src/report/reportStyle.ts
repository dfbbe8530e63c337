/**
 * The html report's stylesheet, inlined into every report: the system's own fonts (nothing to
 * download), PyCaret's highlight colours for the grids (yellow for the best value of a metric,
 * light grey for the fastest model).
 */
export const REPORT_STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #5c6370; --rule: #d9dde3; --panel: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
header { padding: 20px 20px 12px; border-bottom: 1px solid var(--rule); background: var(--panel); }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 10px; }
h3 { font-size: 15px; margin: 0 0 8px; }
.lead { margin: 0; color: var(--muted); }
main { padding: 0 20px 28px; }
#summary { display: flex; flex-wrap: wrap; gap: 8px 48px; }
#summary > div { flex: 1 1 380px; min-width: 0; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--rule); text-align: left; white-space: nowrap; }
thead th { border-bottom: 2px solid #9aa1ab; font-weight: 600; vertical-align: bottom; }
.num { text-align: right; }
.scroll { overflow-x: auto; max-width: 100%; }
table.facts { margin-top: 12px; }
.heatmap th.model { white-space: normal; max-width: 8.5em; text-align: center; }
.heatmap td.cell { text-align: center; min-width: 5em; border: 2px solid #fff; }
.heatmap td.best { outline: 2px solid #d62728; outline-offset: -3px; font-weight: 700; }
.heatmap td.none { color: var(--muted); background: var(--panel); }
.heatmap a { color: inherit; }
.status { font-size: 12px; color: #a8071a; font-weight: 600; }
.missing { color: var(--muted); }
.legend { display: flex; align-items: center; gap: 8px; margin: 8px 0 0; color: var(--muted); font-size: 12px; }
.legend .ramp { display: inline-block; width: 160px; height: 12px; border: 1px solid var(--rule); }
.legend .note { margin-left: 12px; }
.partition { border-top: 1px solid var(--rule); padding: 16px 0 8px; }
.partition-body { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: flex-start; }
figure { margin: 0; }
figcaption { color: var(--muted); font-size: 12px; margin-top: 2px; }
svg.chart { font-size: 12px; font-family: inherit; fill: var(--ink); }
.facts-line { margin: 0 0 8px; color: var(--muted); }
.status-line { margin: 0 0 8px; }
.status-line.not-ok { color: #a8071a; font-weight: 600; }
.grid td.best { background: yellow; }
.grid td.fastest { background: lightgrey; }
.grid tbody th { font-weight: 500; }
`;

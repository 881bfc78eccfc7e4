/**
 * The report's only stylesheet, inline: the file must render with no network. Colours keep a
 * contrast ratio of at least 4.5:1 for text (WCAG AA); badges carry their label as text, so
 * nothing depends on colour alone. Print rules give A4 pages, repeated table headers and rows
 * that do not split.
 */
export const STYLE = `
:root { --ink: #111827; --muted: #4b5563; --line: #d1d5db; --band: #f3f4f6; --accent: #1e3a8a;
  --critical: #7f1d1d; --high: #b91c1c; --medium: #92400e; --low: #1e40af; --info: #4b5563;
  --gA: #166534; --gB: #3f6212; --gC: #92400e; --gD: #b91c1c; --gF: #7f1d1d; --gN: #4b5563; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1120px; padding: 24px 32px 48px; color: var(--ink); background: #fff;
  font: 15px/1.5 "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif; }
h1 { font-size: 28px; margin: 0 0 4px; color: var(--accent); }
h2 { font-size: 22px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 18px; margin: 24px 0 8px; }
h4 { font-size: 16px; margin: 18px 0 6px; }
p { margin: 6px 0; }
a { color: #1d4ed8; }
.muted { color: var(--muted); }
.cover { border-bottom: 1px solid var(--line); padding-bottom: 12px; margin-bottom: 12px; }
.notice { border-left: 4px solid var(--high); background: #fef2f2; padding: 6px 10px; margin: 8px 0; }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.kpi { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 150px; }
.kpi .value { font-size: 28px; font-weight: 700; }
.kpi .label { color: var(--muted); font-size: 13px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.chart { border: 1px solid var(--line); border-radius: 6px; padding: 8px; margin: 0; }
.chart figcaption { font-weight: 600; margin-bottom: 4px; }
svg text { font-family: inherit; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 13.5px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: var(--band); overflow-wrap: normal; }
tbody th { font-weight: 600; background: #fafafa; }
td.num, th.num { text-align: right; white-space: nowrap; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; color: #fff; font-weight: 600; font-size: 12.5px; white-space: nowrap; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-medium { background: var(--medium); }
.sev-low { background: var(--low); } .sev-info { background: var(--info); }
.grade { display: inline-block; min-width: 1.8em; text-align: center; border-radius: 4px; color: #fff; font-weight: 700; }
.grade-A { background: var(--gA); } .grade-B { background: var(--gB); } .grade-C { background: var(--gC); }
.grade-D { background: var(--gD); } .grade-F { background: var(--gF); } .grade-none { background: var(--gN); }
.kev { background: #000; }
.st-pass { background: var(--gA); } .st-partial { background: var(--gC); } .st-fail { background: var(--gF); }
.st-not_applicable { background: var(--gN); } .st-not_assessed { background: #374151; } .st-manual { background: #5b21b6; }
.issue { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.issue h3 { margin-top: 4px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
ul.compact { margin: 4px 0; padding-left: 20px; }
nav ol { columns: 2; }
.evidence { font-family: "DejaVu Sans Mono", "Noto Sans Mono", Consolas, monospace; font-size: 12.5px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11.5px; }
  h2 { break-before: page; } #summary h2 { break-before: avoid; }
  h2, h3, h4 { break-after: avoid; }
  nav { display: none; }
  thead { display: table-header-group; }
  tr, .issue, .kpi, figure { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

/** The page's stylesheet: system fonts, plain tables, status colours. */
export const REPORT_CSS = `
:root {
  --text: #1d1d1f;
  --muted: #5c5c66;
  --rule: #d7d7dc;
  --shade: #f5f5f7;
  --bad: #b3261e;
  --warn: #8a5a00;
  --good: #1e6b34;
}
body {
  margin: 0 auto;
  max-width: 1180px;
  padding: 24px 32px 64px;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--text);
}
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 40px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 6px; }
code, .mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 13px; }
.description { color: var(--muted); margin: 0 0 16px; }
.summary { background: var(--shade); border-left: 4px solid var(--good); padding: 10px 14px; margin: 16px 0; }
.warning { background: #fff6e5; border-left: 4px solid var(--warn); padding: 8px 14px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
figure.chart { margin: 24px 0; }
figure.chart figcaption { color: var(--muted); margin: 0 0 8px; max-width: 880px; }
.chart-view { min-height: 80px; overflow-x: auto; }
.chart-error { color: var(--bad); }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--shade); position: sticky; top: 0; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.error { max-width: 420px; overflow-wrap: anywhere; }
td.error pre { white-space: pre-wrap; margin: 4px 0 0; }
.status-completed { color: var(--good); }
.status-diverged, .status-failed { color: var(--bad); font-weight: 600; }
.status-interrupted, .status-running, .status-pending { color: var(--warn); }
.table-scroll { overflow-x: auto; }
p.caption { color: var(--muted); max-width: 880px; }
ul.fit-notes li { margin-bottom: 8px; max-width: 900px; }
.note-trials { color: #666; font-size: 0.9em; }
`;

/**
 * The style sheet of the HTML report, inlined in its `<style>` element: a readable column on a
 * laptop screen, tables that wrap or scroll instead of overflowing, status colours that also
 * read as words, and a print layout that is black on white, shows collapsed content, and keeps
 * each failure on one page where it fits.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --fail: #b3001b; --error: #7b1fa2; --unexpected: #9a6700; --pass: #1a7f37; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: #1f2328; background: #fff; }
.page { max-width: 1280px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 0 0 8px; overflow-wrap: anywhere; }
a { color: #0550ae; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.86em; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 28em; overflow: auto; margin: 6px 0; }
.verdict { display: inline-block; font-size: 1.5rem; font-weight: 700; padding: 6px 16px; border-radius: 8px; margin: 8px 0; border: 3px solid; }
.verdict-conformant { color: var(--pass); border-color: var(--pass); background: #dafbe1; }
.verdict-not-conformant { color: #fff; border-color: var(--fail); background: var(--fail); }
.verdict-incomplete { color: #4d2d00; border-color: var(--unexpected); background: #fff8c5; }
.subject { font-size: 1.15rem; margin: 0 0 8px; overflow-wrap: anywhere; }
.banner { border: 2px solid var(--unexpected); background: #fff8c5; padding: 10px 14px; border-radius: 6px; font-weight: 600; margin: 12px 0; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0 16px; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; background: var(--soft); }
.counts li strong { font-size: 1.15rem; margin-right: 4px; }
.counts li.nonzero-fail, .counts li.nonzero-error { border-color: var(--fail); background: #ffebe9; }
.badge { display: inline-block; font-size: 0.78rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.02em; padding: 1px 7px; border-radius: 10px; border: 1px solid; white-space: nowrap; vertical-align: 0.1em; }
.badge-pass { color: var(--pass); border-color: var(--pass); }
.badge-fail { color: #fff; background: var(--fail); border-color: var(--fail); }
.badge-error { color: #fff; background: var(--error); border-color: var(--error); }
.badge-unexpected-pass { color: #fff; background: var(--unexpected); border-color: var(--unexpected); }
.badge-expected-fail { color: var(--muted); border-color: var(--muted); }
.badge-unsupported { color: var(--muted); border-color: var(--line); }
dl.run { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 2px 32px; margin: 8px 0; }
dl.run > div { display: grid; grid-template-columns: 9.5em minmax(0, 1fr); gap: 0 12px; }
dl.run > div.wide { grid-column: 1 / -1; }
dl.run dt { color: var(--muted); }
dl.run dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 800px) { dl.run { grid-template-columns: minmax(0, 1fr); } }
dl.call { display: grid; grid-template-columns: max-content 1fr; gap: 0 12px; margin: 6px 0; font-size: 0.9rem; }
dl.call dt { color: var(--muted); }
dl.call dd { margin: 0; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85rem; overflow-wrap: anywhere; }
nav.toc { margin: 8px 0 0; }
nav.toc a { margin-right: 14px; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: var(--soft); }
td a.mono { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.uncovered td { background: #fff8c5; }
tr.uncovered td:first-child { border-left: 4px solid var(--unexpected); }
tr.failing td:first-child { border-left: 4px solid var(--fail); }
ul.tests { margin: 0; padding: 0; list-style: none; }
ul.tests li { display: inline-block; margin: 0 10px 2px 0; }
article.failure { border: 1px solid var(--line); border-left: 6px solid var(--fail); border-radius: 6px; padding: 14px 16px; margin: 0 0 22px; break-inside: avoid-page; }
article.clause { border-top: 1px solid var(--line); padding: 4px 0 8px; }
article.clause h3 { font-size: 1em; margin: 10px 0 2px; }
.clause-text { max-width: 52em; }
article.failure.status-error { border-left-color: var(--error); }
article.failure.status-unexpected-pass { border-left-color: var(--unexpected); }
.description { margin: 0 0 6px; }
.clauses a { margin-right: 8px; }
.message { border-color: #ffcecb; background: #fff5f5; color: #5c0011; font-weight: 600; }
.expectation { color: var(--muted); }
.evidence { margin: 10px 0; }
.comparison { font-weight: 600; margin: 6px 0; }
.map-key { font-size: 0.82rem; color: var(--muted); display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 6px 0; }
.map-key span { display: inline-flex; align-items: center; gap: 4px; }
.tensors { display: flex; flex-wrap: wrap; gap: 12px 18px; align-items: flex-start; margin: 8px 0; overflow-x: auto; }
figure { margin: 0; }
figure.tensor { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; background: #fff; width: fit-content; min-width: 230px; max-width: 100%; }
/* Text takes the width the maps give it, never widening the figure. */
figure.tensor > figcaption, figure.tensor > ul.notes, figure.tensor > p { contain: inline-size; }
figure.tensor.missing { border-style: dashed; border-color: var(--fail); color: #5c0011; font-weight: 600; }
figure.tensor.missing p { margin: 4px 0; min-width: 180px; }
figure.tensor > figcaption { font-size: 0.9rem; margin-bottom: 6px; overflow-wrap: anywhere; }
figure.tensor[data-role="actual"] { border-color: var(--fail); }
.maps { display: flex; flex-direction: column; gap: 8px; }
.operands .maps { flex-direction: row; flex-wrap: wrap; }
figure.map { width: min-content; min-width: 120px; }
figure.map figcaption { font-size: 0.78rem; color: var(--muted); }
svg { display: block; flex-shrink: 0; }
svg text { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
svg text.axis { fill: #8c959f; font-size: 9px; }
svg.legend { margin-top: 4px; }
svg.swatch { display: inline-block; vertical-align: middle; }
ul.notes { margin: 6px 0 0; padding-left: 18px; font-size: 0.82rem; color: var(--muted); }
ul.evidence-notes { font-size: 0.9rem; color: #5c0011; }
details > summary { cursor: pointer; font-weight: 600; margin: 6px 0; }
details.folded > summary { font-weight: normal; color: var(--muted); margin: 2px 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 0.82rem; }
@media print {
  dl.run { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  :root { --line: #999; --soft: #fff; }
  body { color: #000; background: #fff; font-size: 11pt; }
  .page { max-width: none; padding: 0; }
  a { color: #000; }
  nav.toc { display: none; }
  pre { max-height: none; overflow: visible; background: #fff; }
  .table-wrap, .tensors { overflow: visible; }
  .verdict-not-conformant { color: #000; background: #fff; }
  .badge-fail, .badge-error, .badge-unexpected-pass { color: #000; background: #fff; }
  .message { background: #fff; color: #000; }
  .counts li, .counts li.nonzero-fail, .counts li.nonzero-error { background: #fff; }
  article.failure { break-inside: avoid-page; }
  figure.tensor, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid-page; }
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; }
  svg { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

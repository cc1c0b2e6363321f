/**
 * A conformance report as one self-contained HTML page: the verdict and the run's header first,
 * then every failure with its clauses, message, counterexample, replay command and pictures of
 * the op call behind it, then results by clause, the coverage of normative clauses, the other
 * results, adapter events, and the text of every clause cited, so that the page reads without the
 * spec folder (a CI artifact opened elsewhere). The page loads nothing and runs nothing: inline CSS and SVG only,
 * no script, and a Content-Security-Policy that forbids scripts, so that not even an escaping
 * bug could run code an adapter smuggled into a name or message.
 */
import { describeProfiles, describeSelectionOf } from './describeProfiles.js';
import { describeExpectation } from './describeExpectation.js';
import { clauseById, loadClauseRegistry } from '../spec/clauseRegistry.js';
import { compactJson } from './compactJson.js';
import { PROTOCOL_LIMITS } from '../protocol/protocolLimits.js';
import type { Report, ReportResult, ResultStatus } from './model/Report.js';
import { cutText } from './cutText.js';
import { STATUSES, tallyCitedClauses, tallyNormativeClauses, type ClauseTally } from './clauseTallies.js';
import { describeConvention } from './describeConvention.js';
import { describeComparison } from './describeComparison.js';
import { escapeHtml } from './escapeHtml.js';
import { apiFormsHtml } from './apiFormsHtml.js';
import { evidenceFiguresHtml } from './evidenceFiguresHtml.js';
import { failuresFirst } from './failuresFirst.js';
import { overBroadWarnings } from './overBroadWarnings.js';
import { REPORT_CSS } from './reportCss.js';
import { reportVerdict, type Verdict } from './reportVerdict.js';
import { clauseHref } from './specLinks.js';
import { clauseTextHtml } from './clauseTextHtml.js';
import type { Clause } from '../spec/clauseRegistry.js';

export interface RenderHtmlOptions {
  /**
   * The published spec, for links out of the page: `${specBaseUrl}/${clause.file}#${clause.id}`.
   * Without it the page links only within itself: citations lead to the clause texts it embeds.
   */
  specBaseUrl?: string;
}

export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
/** Failures shown in full; further ones are listed in a table. */
export const MAX_FAILURES_SHOWN = 100;
/** Failures whose evidence is drawn; pictures of further ones are left out with a note. */
export const MAX_FAILURES_DRAWN = 30;
/** Characters of a counterexample's JSON shown. */
export const MAX_COUNTEREXAMPLE_CHARS = 4000;
export const MAX_MESSAGE_CHARS = 4000;

const VERDICT_TEXT: Record<Verdict, string> = {
  conformant: '✓ Conformant',
  'not conformant': '✗ Not conformant',
  incomplete: '⚠ Incomplete',
};
const STATUS_TEXT: Record<ResultStatus, string> = {
  pass: 'pass',
  fail: 'fail',
  error: 'error',
  'unexpected-pass': 'unexpected pass',
  'expected-fail': 'expected fail',
  unsupported: 'unsupported',
};

function badge(status: ResultStatus): string {
  return `<span class="badge badge-${status}">${STATUS_TEXT[status]}</span>`;
}

function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters in report.json)` : text;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

interface Context {
  specBaseUrl: string | undefined;
  /** The registry's clauses that some result cites: the appendix holds their texts. */
  cited: Set<string>;
  /** Anchors of the failures shown in full, by test id. */
  anchors: Map<string, string>;
}

/** The appendix entry of a cited clause. */
const clauseAnchor = (id: string): string => `clause-${id}`;

/** Where a clause is read: its entry in the appendix, else the published spec when there is one. */
function clauseTarget(clause: Clause, context: Context): string | undefined {
  if (context.cited.has(clause.id)) return `#${clauseAnchor(clause.id)}`;
  return context.specBaseUrl === undefined ? undefined : clauseHref(context.specBaseUrl, clause);
}

function clauseLink(id: string, context: Context): string {
  const clause = clauseById(id);
  if (clause === undefined) return `<span class="mono" title="not in the clause registry">${escapeHtml(id)}</span>`;
  const target = clauseTarget(clause, context);
  return target === undefined
    ? `<span class="mono">${escapeHtml(clause.id)}</span>`
    : `<a class="mono" href="${escapeHtml(target)}">${escapeHtml(clause.id)}</a>`;
}

function testRef(result: ReportResult, context: Context): string {
  const anchor = context.anchors.get(result.id);
  const id = `<span class="mono">${escapeHtml(result.id)}</span>`;
  return anchor === undefined ? id : `<a href="#${anchor}">${id}</a>`;
}

function incompleteText(report: Report): string {
  const missing = report.run.missingShards ?? [];
  if (missing.length > 0) {
    const count = report.run.mergedFrom?.[0]?.shard.count ?? report.run.shard?.count;
    return `Incomplete run: shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')}${count === undefined ? '' : ` of ${count}`} missing from the merged report. Tests that did not run could still fail.`;
  }
  return 'Incomplete run: it was interrupted, and not every test ran. Tests that did not run could still fail.';
}

/** Header fields whose values run long get the full width. */
const WIDE_FIELDS = new Set([
  'conformant to',
  'profiles not met',
  'selected by',
  'source',
  'ops',
  'features',
  'merged from',
  'only',
  'environment',
  'expectations',
]);

/** An adapter's name and version as shown: cut at the limit a run holds them to (spec: protocol.limits). */
const identity = (adapter: Report['adapter']): string =>
  `${cutText(adapter.name, PROTOCOL_LIMITS.identityLength)} ${cutText(adapter.version, PROTOCOL_LIMITS.identityLength)}`;

/** Which published profiles the adapter meets, and why the others are not met (spec: conformance.profiles). */
function profileFields(report: Report): [string, string][] {
  const profiles = describeProfiles(report);
  return profiles === undefined
    ? []
    : [
        ['conformant to', escapeHtml(profiles.met)],
        ['profiles not met', escapeHtml(profiles.notMet)],
      ];
}

function header(report: Report, verdict: Verdict): string {
  const { adapter, run, suite, summary, expectations } = report;
  const fields: [string, string][] = [
    ['adapter', escapeHtml(identity(adapter))],
    ['convention', escapeHtml(describeConvention(adapter.convention))],
    ['suite', `cnnspec ${escapeHtml(suite.version)} · spec ${escapeHtml(suite.specVersion)}`],
    ['API', `adapter API ${suite.adapterApi} · protocol ${suite.protocol}`],
    ['profile', escapeHtml(run.profile)],
    ['shard', run.shard === undefined ? 'all tests' : `${run.shard.index} of ${run.shard.count}`],
    ['seed', String(run.seed)],
    ['runs per property', String(run.numRuns)],
    ['element cap', String(run.maxElements)],
    ['timeout', formatDuration(run.timeoutMs)],
    ['started', escapeHtml(run.startedAt)],
    ['finished', escapeHtml(run.finishedAt)],
    [
      'duration',
      `${formatDuration(run.durationMs)}, of which ${formatDuration(run.adapterMs)} in the adapter${run.jobs === undefined ? '' : ` (added over ${run.jobs} parallel jobs)`}`,
    ],
    ['node', `${escapeHtml(run.node)} on ${escapeHtml(run.platform)}`],
    // Long values last, each across the full width.
    [
      'source',
      `<span class="mono">${escapeHtml(adapter.source)}</span>${adapter.starts === undefined ? '' : ` (${adapter.starts} process start${adapter.starts === 1 ? '' : 's'})`}`,
    ],
    ['ops', escapeHtml(adapter.ops.join(', '))],
    ['features', adapter.features.length === 0 ? 'none' : escapeHtml(adapter.features.join(', '))],
    ...profileFields(report),
  ];
  if (run.mergedFrom !== undefined) {
    const shards = run.mergedFrom
      .map((part) => `${part.shard.index}/${part.shard.count} (${part.tests} tests, ${formatDuration(part.durationMs)})`)
      .join(', ');
    fields.push(['merged from', `${run.mergedFrom.length} shard${run.mergedFrom.length === 1 ? '' : 's'}: ${escapeHtml(shards)}`]);
  }
  if (run.only !== undefined && run.only.length > 0) fields.push(['only', `<span class="mono">${escapeHtml(run.only.join(', '))}</span>`]);
  const selection = describeSelectionOf(report);
  if (selection !== undefined) fields.push(['selected by', `<span class="mono">${escapeHtml(selection)}</span>`]);
  const skipped = [
    run.properties === false ? 'the properties (--no-properties)' : '',
    run.fixtures === false ? 'the golden fixtures (--no-fixtures)' : '',
    run.fixtures !== false && run.builtinFixtures === false ? "the kit's own fixtures (--no-builtin-fixtures)" : '',
  ].filter((part) => part !== '');
  if (skipped.length > 0) fields.push(['skipped', skipped.join(' and ')]);
  if (run.fixtureFolders !== undefined)
    fields.push([
      'fixture folders',
      escapeHtml(run.fixtureFolders.map((folder) => `${folder.dir} (${folder.fixtures} as fixture/${folder.name}/...)`).join(', ')),
    ]);
  const env = Object.entries(run.env);
  if (env.length > 0)
    fields.push(['environment', `<span class="mono">${escapeHtml(env.map(([name, value]) => `${name}=${value}`).join(' '))}</span>`]);
  if (expectations !== undefined) {
    const unmatched =
      expectations.unmatched.length === 0
        ? 'every entry matched'
        : `${expectations.unmatched.length} matched nothing:<ul class="unmatched">${expectations.unmatched.map((entry) => `<li class="mono">${escapeHtml(entry)}</li>`).join('')}</ul>`;
    fields.push([
      'expectations',
      `<span class="mono">${escapeHtml(expectations.file)}</span>, ${expectations.entries} entries${expectations.strict ? ', strict' : ''}; ${unmatched}`,
    ]);
  }
  const counts = (['pass', 'fail', 'error', 'unexpected-pass', 'expected-fail', 'unsupported'] as const)
    .map(
      (status) =>
        `<li class="${summary[status] > 0 ? `nonzero-${status}` : ''}"><strong>${summary[status]}</strong>${STATUS_TEXT[status]}</li>`,
    )
    .join('');
  return (
    `<header><h1>cnnspec conformance report</h1>` +
    `<p class="subject">${escapeHtml(identity(adapter))} under convention ${escapeHtml(describeConvention(adapter.convention))}</p>` +
    `<p class="verdict verdict-${verdict.replace(' ', '-')}" data-verdict="${verdict}">${VERDICT_TEXT[verdict]}</p>` +
    `${run.incomplete ? `<p class="banner" role="alert">${escapeHtml(incompleteText(report))}</p>` : ''}` +
    overBroadWarnings(report)
      .map((warning) => `<p class="banner" role="alert">${escapeHtml(cutText(warning, MAX_MESSAGE_CHARS))}</p>`)
      .join('') +
    `<ul class="counts" aria-label="results by status"><li><strong>${summary.total}</strong>tests</li>${counts}</ul>` +
    `<dl class="run">${fields.map(([term, value]) => `<div${WIDE_FIELDS.has(term) ? ' class="wide"' : ''}><dt>${term}</dt><dd>${value}</dd></div>`).join('')}</dl>` +
    `<nav class="toc"><a href="#failures">Failures</a><a href="#by-clause">By clause</a><a href="#coverage">Clause coverage</a><a href="#other-results">Other results</a><a href="#events">Adapter events</a><a href="#clauses-cited">Clauses cited</a></nav></header>`
  );
}

function failureArticle(result: ReportResult, anchor: string, index: number, context: Context): string {
  const parts: string[] = [];
  parts.push(`<h3>${badge(result.status)} <span class="mono test-id">${escapeHtml(result.id)}</span></h3>`);
  parts.push(`<p class="description">${escapeHtml(result.description)}</p>`);
  parts.push(
    `<p class="clauses">Clauses: ${result.spec.length === 0 ? 'none' : result.spec.map((id) => clauseLink(id, context)).join(' ')}</p>`,
  );
  if (result.message !== undefined) parts.push(`<pre class="message">${escapeHtml(bounded(result.message, MAX_MESSAGE_CHARS))}</pre>`);
  parts.push(apiFormsHtml(result.evidence));
  if (result.status === 'unexpected-pass')
    parts.push('<p>It passes, but an expectation says it fails: the expectation no longer holds.</p>');
  if (result.expectation !== undefined) {
    parts.push(
      `<p class="expectation">Expectation <span class="mono">${escapeHtml(result.expectation.match)}</span>: ${escapeHtml(describeExpectation(result.expectation))}</p>`,
    );
  }
  if (result.evidence !== undefined) {
    parts.push(
      index < MAX_FAILURES_DRAWN
        ? evidenceFiguresHtml(result.evidence, anchor)
        : `<p class="notes">Pictures are drawn for the first ${MAX_FAILURES_DRAWN} failures only; the evidence is in report.json.</p>`,
    );
  }
  if (result.counterexample !== undefined) {
    const shrinks = result.shrinks === undefined ? '' : ` (after ${result.shrinks} shrink${result.shrinks === 1 ? '' : 's'})`;
    parts.push(
      `<p>Counterexample${shrinks}:</p><pre class="counterexample">${escapeHtml(bounded(compactJson(result.counterexample), MAX_COUNTEREXAMPLE_CHARS))}</pre>`,
    );
  }
  const run = [
    result.seed === undefined ? '' : `seed ${result.seed}`,
    result.path === undefined || result.path === '' ? '' : `path ${result.path}`,
    result.numRuns === undefined ? '' : `${result.numRuns} run${result.numRuns === 1 ? '' : 's'}`,
    `${formatDuration(result.durationMs)}`,
  ]
    .filter((part) => part !== '')
    .join(' · ');
  parts.push(`<p class="notes">Ran: ${escapeHtml(run)}</p>`);
  if (result.replay !== undefined) parts.push(`<p>Replay:</p><pre class="replay"><code>${escapeHtml(result.replay)}</code></pre>`);
  return `<article class="failure status-${result.status}" id="${anchor}" data-status="${result.status}">${parts.join('')}</article>`;
}

function failuresSection(failures: ReportResult[], context: Context): string {
  if (failures.length === 0) return '<section id="failures"><h2>Failures</h2><p>No failures, errors or unexpected passes.</p></section>';
  const shown = failures.slice(0, MAX_FAILURES_SHOWN);
  const rest = failures.slice(MAX_FAILURES_SHOWN);
  const restTable =
    rest.length === 0
      ? ''
      : `<p>${rest.length} more, without details:</p><div class="table-wrap"><table><thead><tr><th>test</th><th>status</th><th>message</th></tr></thead><tbody>${rest
          .map(
            (r) =>
              `<tr><td class="mono">${escapeHtml(r.id)}</td><td>${badge(r.status)}</td><td>${escapeHtml(bounded(r.message ?? '', 300))}</td></tr>`,
          )
          .join('')}</tbody></table></div>`;
  return `<section id="failures"><h2>Failures (${failures.length})</h2>${shown.map((r, i) => failureArticle(r, context.anchors.get(r.id)!, i, context)).join('')}${restTable}</section>`;
}

function countsText(tally: ClauseTally): string {
  return STATUSES.filter((status) => tally.counts[status] > 0)
    .map((status) => `${tally.counts[status]} ${STATUS_TEXT[status]}`)
    .join(', ');
}

function clauseCell(tally: ClauseTally, context: Context): string {
  return tally.clause === undefined
    ? `<span class="mono">${escapeHtml(tally.id)}</span> <em>(not in the registry)</em>`
    : clauseLink(tally.id, context);
}

function byClauseSection(report: Report, context: Context): string {
  const tallies = tallyCitedClauses(report);
  const rows = tallies.map((tally) => {
    const failing = tally.counts.fail + tally.counts.error > 0;
    // Passing and unsupported tests can number in the hundreds: they are folded, the rest shown.
    const shown = tally.results.filter((r) => r.status !== 'pass' && r.status !== 'unsupported');
    const folded = tally.results.filter((r) => r.status === 'pass' || r.status === 'unsupported');
    const foldedSummary = (['pass', 'unsupported'] as const)
      .filter((status) => tally.counts[status] > 0)
      .map((status) => `${tally.counts[status]} ${STATUS_TEXT[status]}`)
      .join(', ');
    const tests =
      `<ul class="tests">${shown.map((r) => `<li>${badge(r.status)} ${testRef(r, context)}</li>`).join('')}</ul>` +
      (folded.length === 0
        ? ''
        : `<details class="folded"><summary>${foldedSummary}</summary><ul class="tests">${folded.map((r) => `<li>${badge(r.status)} ${testRef(r, context)}</li>`).join('')}</ul></details>`);
    return `<tr class="${failing ? 'failing' : ''}"><td>${clauseCell(tally, context)}</td><td>${escapeHtml(tally.clause?.title ?? '')}</td><td>${tally.clause === undefined ? '' : tally.clause.normative ? 'normative' : 'informative'}</td><td>${tests}</td></tr>`;
  });
  return `<section id="by-clause"><h2>Results by clause</h2><p>Every clause a test of this run cites, in the order of the registry.</p><div class="table-wrap"><table><thead><tr><th>clause</th><th>title</th><th>kind</th><th>tests</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

function coverageSection(report: Report, context: Context): string {
  const tallies = tallyNormativeClauses(report);
  const uncovered = tallies.filter((tally) => tally.results.length === 0).length;
  const rows = tallies.map((tally) => {
    const failing = tally.results.filter((r) => r.status === 'fail' || r.status === 'error' || r.status === 'unexpected-pass');
    const properties = tally.results.filter((r) => r.kind === 'property').length;
    const fixtures = tally.results.length - properties;
    const fared = tally.results.length === 0 ? '<strong>not covered by this run</strong>' : escapeHtml(countsText(tally));
    const named =
      failing.length === 0
        ? ''
        : `<ul class="tests">${failing.map((r) => `<li>${badge(r.status)} ${testRef(r, context)}</li>`).join('')}</ul>`;
    return `<tr class="${tally.results.length === 0 ? 'uncovered' : failing.length > 0 ? 'failing' : ''}"><td>${clauseLink(tally.id, context)}</td><td>${escapeHtml(tally.clause!.title)}</td><td class="num">${properties}</td><td class="num">${fixtures}</td><td>${fared}${named}</td></tr>`;
  });
  return (
    `<section id="coverage"><h2>Clause coverage</h2><p>Every normative clause of the registry, with the properties and fixtures of this run that check it. ` +
    `${uncovered} of ${tallies.length} normative clauses are not covered by this run; they come first.</p>` +
    `<div class="table-wrap"><table><thead><tr><th>clause</th><th>title</th><th>properties</th><th>fixtures</th><th>results</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`
  );
}

function otherResultsSection(report: Report, context: Context): string {
  const order: ResultStatus[] = ['pass', 'expected-fail', 'unsupported'];
  const others = order.flatMap((status) => report.results.filter((r) => r.status === status));
  const counts = order.map((status) => `${report.summary[status]} ${STATUS_TEXT[status]}`).join(', ');
  const rows = others.map((r) => {
    const expectation = r.expectation === undefined ? '' : describeExpectation(r.expectation);
    const why =
      r.status === 'expected-fail'
        ? expectation
        : r.status === 'unsupported'
          ? (r.message ?? '')
          : r.comparison === undefined
            ? ''
            : describeComparison(r.comparison);
    return `<tr><td class="mono">${escapeHtml(r.id)}</td><td>${badge(r.status)}</td><td>${r.spec.map((id) => clauseLink(id, context)).join(' ')}</td><td>${escapeHtml(bounded(why, 500))}</td><td class="num">${formatDuration(r.durationMs)}</td></tr>`;
  });
  return (
    `<section id="other-results"><h2>Other results</h2><details><summary>${escapeHtml(counts)}</summary>` +
    `<div class="table-wrap"><table><thead><tr><th>test</th><th>status</th><th>clauses</th><th>reason</th><th>time</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></details></section>`
  );
}

function eventsSection(report: Report): string {
  if (report.events.length === 0) return '<section id="events"><h2>Adapter events</h2><p>None.</p></section>';
  const rows = report.events.map(
    (e) => `<tr><td>${escapeHtml(e.kind)}</td><td class="num">${e.count}</td><td class="mono">${escapeHtml(e.detail)}</td></tr>`,
  );
  return `<section id="events"><h2>Adapter events</h2><div class="table-wrap"><table><thead><tr><th>kind</th><th>count</th><th>detail</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

/** Each cited clause of the registry, in registry order, with its title and its text. */
function clausesCitedSection(report: Report, context: Context): string {
  const cited = tallyCitedClauses(report).flatMap((tally) => (tally.clause === undefined ? [] : [tally.clause]));
  const render = clauseTextHtml((id, file) => {
    const clause = clauseById(id);
    return clause === undefined || (file !== undefined && file !== clause.file) ? undefined : clauseTarget(clause, context);
  });
  const entries = cited.map((clause) => {
    const published =
      context.specBaseUrl === undefined
        ? ''
        : ` · <a href="${escapeHtml(clauseHref(context.specBaseUrl, clause))}">in the published spec</a>`;
    return (
      `<article class="clause" id="${escapeHtml(clauseAnchor(clause.id))}"><h3><span class="mono">${escapeHtml(clause.id)}</span> — ${escapeHtml(clause.title)}</h3>` +
      `<p class="notes">${clause.normative ? 'normative' : 'informative'} · spec/${escapeHtml(clause.file)}${clause.status === 'deprecated' ? ' · deprecated' : ''}${published}</p>` +
      `<div class="clause-text">${render(clause.text)}</div></article>`
    );
  });
  const none = entries.length === 0 ? '<p>No test of this run cites a clause of the registry.</p>' : '';
  return `<section id="clauses-cited"><h2>Clauses cited</h2><p>The text of every clause a test of this run cites, as of spec ${escapeHtml(loadClauseRegistry().version)} (this kit's).</p>${none}${entries.join('')}</section>`;
}

export function renderHtml(report: Report, options: RenderHtmlOptions = {}): string {
  const verdict = reportVerdict(report);
  const failures = failuresFirst(report.results);
  const anchors = new Map(failures.slice(0, MAX_FAILURES_SHOWN).map((result, i) => [result.id, `failure-${i + 1}`]));
  const cited = new Set(tallyCitedClauses(report).flatMap((tally) => (tally.clause === undefined ? [] : [tally.id])));
  const context: Context = { specBaseUrl: options.specBaseUrl, cited, anchors };
  const title = `cnnspec: ${identity(report.adapter)}: ${verdict}`;
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${REPORT_CSS}</style></head>` +
    `<body><div class="page">${header(report, verdict)}<main>` +
    failuresSection(failures, context) +
    byClauseSection(report, context) +
    coverageSection(report, context) +
    otherResultsSection(report, context) +
    eventsSection(report) +
    clausesCitedSection(report, context) +
    `</main><footer>Rendered from report.json (${escapeHtml(report.format)}).</footer></div></body></html>\n`
  );
}

/**
 * A conformance report as Markdown for a CI job summary (GitHub step summaries): the verdict, the
 * run's header, counts by status, the failures and errors with their replay commands, expected
 * failures with their reasons, and a table by clause. Everything an adapter can influence is
 * escaped, and the text is bounded below GitHub's 1 MiB summary limit.
 */
import { describeProfiles, describeSelectionOf } from './describeProfiles.js';
import { describeExpectation } from './describeExpectation.js';
import { PROTOCOL_LIMITS } from '../protocol/protocolLimits.js';
import type { Report, ReportResult } from './model/Report.js';
import { cutText } from './cutText.js';
import { tallyCitedClauses } from './clauseTallies.js';
import { describeConvention } from './describeConvention.js';
import { escapeMarkdown } from './escapeMarkdown.js';
import { failuresFirst } from './failuresFirst.js';
import { overBroadWarnings } from './overBroadWarnings.js';
import { reportVerdict, type Verdict } from './reportVerdict.js';

/** Failures listed with their replay commands; the rest are counted in a note. */
export const MAX_FAILURES_LISTED = 50;
export const MAX_EXPECTED_FAILURES_LISTED = 100;
export const MAX_EVENTS_LISTED = 20;
/** The longest message line kept, in characters. */
export const MAX_MESSAGE_LENGTH = 300;
/** Bytes of Markdown at most: GitHub refuses step summaries over 1 MiB. */
export const MAX_MARKDOWN_BYTES = 1_000_000;

const VERDICT_MARK: Record<Verdict, string> = { conformant: '✅', 'not conformant': '❌', incomplete: '⚠️' };

function firstLine(text: string | undefined, max = MAX_MESSAGE_LENGTH): string {
  const line = (text ?? '').split(/\r\n|\r|\n/, 1)[0]!;
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** A fenced code block whose fence no run of backticks in the content can close. */
function codeBlock(content: string, language = 'sh'): string {
  const longestRun = Math.max(0, ...[...content.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${content.replace(/\r\n|\r/g, '\n')}\n${fence}`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

function leftOut(count: number, what: string): string[] {
  return count > 0 ? ['', `_${count} more ${what} not listed here; see report.json._`] : [];
}

/** An adapter's name or version as shown: cut at the limit a run holds it to (spec: protocol.limits). */
const identity = (text: string): string => escapeMarkdown(cutText(text, PROTOCOL_LIMITS.identityLength));

/** Which published profiles the adapter meets, and why the others are not met (spec: conformance.profiles). */
function profileRows(report: Report): string[][] {
  const profiles = describeProfiles(report);
  return profiles === undefined
    ? []
    : [
        ['conformant to', escapeMarkdown(profiles.met)],
        ['profiles not met', escapeMarkdown(profiles.notMet)],
      ];
}

function headerRows(report: Report): string[][] {
  const { adapter, run, suite, expectations } = report;
  const rows: string[][] = [
    ['adapter', identity(adapter.name)],
    ['version', identity(adapter.version)],
    ['source', escapeMarkdown(cutText(adapter.source, MAX_MESSAGE_LENGTH))],
    ['convention', escapeMarkdown(describeConvention(adapter.convention))],
    ['suite', `cnnspec ${escapeMarkdown(suite.version)}, spec ${escapeMarkdown(suite.specVersion)}`],
    ['seed', String(run.seed)],
    ['runs per property', String(run.numRuns)],
    ['profile', escapeMarkdown(run.profile)],
    ...profileRows(report),
    ['shard', run.shard === undefined ? 'all tests' : `${run.shard.index} of ${run.shard.count}`],
    ...(run.jobs === undefined ? [] : [['jobs', String(run.jobs)] as [string, string]]),
  ];
  if (run.mergedFrom !== undefined)
    rows.push([
      'merged from',
      `${run.mergedFrom.length} shards: ${run.mergedFrom.map((part) => `${part.shard.index}/${part.shard.count}`).join(', ')}`,
    ]);
  if (run.only !== undefined && run.only.length > 0) rows.push(['only', escapeMarkdown(run.only.join(', '))]);
  const selection = describeSelectionOf(report);
  if (selection !== undefined) rows.push(['selected by', escapeMarkdown(selection)]);
  const skipped = [
    run.properties === false ? 'the properties (--no-properties)' : '',
    run.fixtures === false ? 'the golden fixtures (--no-fixtures)' : '',
    run.fixtures !== false && run.builtinFixtures === false ? "the kit's own fixtures (--no-builtin-fixtures)" : '',
  ].filter((part) => part !== '');
  if (skipped.length > 0) rows.push(['skipped', skipped.join(' and ')]);
  if (run.fixtureFolders !== undefined)
    rows.push([
      'fixture folders',
      escapeMarkdown(run.fixtureFolders.map((folder) => `${folder.dir} (${folder.fixtures} as fixture/${folder.name}/...)`).join(', ')),
    ]);
  if (expectations === undefined) rows.push(['expectations', 'none']);
  else {
    const unmatched =
      expectations.unmatched.length === 0
        ? ''
        : `; ${expectations.unmatched.length} unmatched: ${escapeMarkdown(expectations.unmatched.slice(0, 20).join('; '))}${expectations.unmatched.length > 20 ? ' …' : ''}`;
    rows.push([
      'expectations',
      `${escapeMarkdown(expectations.file)} (${expectations.entries} entries${expectations.strict ? ', strict' : ''}${unmatched})`,
    ]);
  }
  return rows;
}

/** The form of the call a failure comes down to, and the other calls' forms, for a table cell. */
function formsCell(result: ReportResult): string {
  const { form, otherForms } = result.evidence ?? {};
  const others =
    otherForms === undefined
      ? ''
      : `${form === undefined ? '' : '; '}other calls: ${otherForms.map((other) => firstLine(other)).join('; ')}`;
  return escapeMarkdown(`${form === undefined ? '' : firstLine(form)}${others}`);
}

function failureSection(report: Report): string[] {
  const failures = failuresFirst(report.results);
  if (failures.length === 0) return [];
  const listed = failures.slice(0, MAX_FAILURES_LISTED);
  // spec: conformance.api-forms — a column for the API form, when the adapter names one
  const withForms = listed.some((r) => r.evidence?.form !== undefined || r.evidence?.otherForms !== undefined);
  const lines = [
    '',
    `## Failures and errors (${failures.length})`,
    '',
    ...table(
      ['test', 'status', 'clauses', 'message', ...(withForms ? ['API form'] : [])],
      listed.map((r) => [
        escapeMarkdown(r.id),
        r.status,
        escapeMarkdown(r.spec.join(', ')),
        escapeMarkdown(firstLine(r.status === 'unexpected-pass' ? `passes, expected to fail: ${r.expectation?.reason ?? ''}` : r.message)),
        ...(withForms ? [formsCell(r)] : []),
      ]),
    ),
  ];
  const replayable = listed.filter((r) => r.replay !== undefined);
  if (replayable.length > 0) {
    lines.push('', '### Replay', '');
    for (const result of replayable) lines.push(`- ${escapeMarkdown(result.id)}`, '', codeBlock(result.replay!).replace(/^/gm, '  '), '');
  }
  lines.push(...leftOut(failures.length - listed.length, 'failures and errors'));
  return lines;
}

function expectedFailureSection(report: Report): string[] {
  const expected = report.results.filter((r) => r.status === 'expected-fail');
  if (expected.length === 0) return [];
  const listed = expected.slice(0, MAX_EXPECTED_FAILURES_LISTED);
  return [
    '',
    `## Expected failures (${expected.length})`,
    '',
    ...listed.map(
      (r: ReportResult) =>
        `- ${escapeMarkdown(r.id)}: ${escapeMarkdown(firstLine(r.expectation === undefined ? '' : describeExpectation(r.expectation)))}`,
    ),
    ...leftOut(expected.length - listed.length, 'expected failures'),
  ];
}

function clauseSection(report: Report): string[] {
  const tallies = tallyCitedClauses(report);
  if (tallies.length === 0) return [];
  return [
    '',
    '## By clause',
    '',
    ...table(
      ['clause', 'title', 'pass', 'fail', 'other'],
      tallies.map(({ id, clause, counts }) => [
        escapeMarkdown(id),
        clause === undefined ? '(not in the registry)' : escapeMarkdown(clause.title),
        String(counts.pass),
        String(counts.fail + counts.error),
        String(counts['expected-fail'] + counts['unexpected-pass'] + counts.unsupported),
      ]),
    ),
  ];
}

function eventSection(report: Report): string[] {
  if (report.events.length === 0) return [];
  const listed = report.events.slice(0, MAX_EVENTS_LISTED);
  return [
    '',
    '## Adapter events',
    '',
    ...table(
      ['kind', 'count', 'detail'],
      listed.map((e) => [escapeMarkdown(e.kind), String(e.count), escapeMarkdown(firstLine(e.detail))]),
    ),
    ...leftOut(report.events.length - listed.length, 'kinds of event'),
  ];
}

/** Cuts text at a line boundary to at most `maxBytes` of UTF-8, with a closing note. */
function bound(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const note = '\n\n_The summary is cut here to stay within the size limit of job summaries; report.json has everything._\n';
  const lines = text.split('\n');
  let size = Buffer.byteLength(note, 'utf8');
  const kept: string[] = [];
  // The open code block's fence: CommonMark closes it only with a fence of backticks at least as
  // long, and a line of fewer backticks inside it is content.
  let fence: string | undefined;
  for (const line of lines) {
    const lineBytes = Buffer.byteLength(line, 'utf8') + 1;
    if (size + lineBytes + 8 > maxBytes) break;
    kept.push(line);
    size += lineBytes;
    const backticks = /^\s*(`{3,})/.exec(line)?.[1];
    if (backticks === undefined) continue;
    if (fence === undefined) fence = backticks;
    else if (backticks.length >= fence.length && line.trim() === backticks) fence = undefined;
  }
  // A cut inside a code block would swallow the note.
  if (fence !== undefined) kept.push(fence);
  return `${kept.join('\n')}${note}`;
}

export function renderMarkdown(report: Report, maxBytes = MAX_MARKDOWN_BYTES): string {
  const verdict = reportVerdict(report);
  const { summary } = report;
  const lines = [
    `# ${VERDICT_MARK[verdict]} ${verdict}: ${identity(report.adapter.name)} ${identity(report.adapter.version)} against cnnspec ${escapeMarkdown(report.suite.version)}`,
    '',
    ...overBroadWarnings(report).flatMap((warning) => [`> **Warning:** ${escapeMarkdown(cutText(warning, MAX_MESSAGE_LENGTH * 2))}`, '']),
    ...(report.run.incomplete
      ? [
          `> **Incomplete run:** ${(report.run.missingShards ?? []).length > 0 ? `shards ${report.run.missingShards!.join(', ')} are missing from the merged report.` : 'it was interrupted and not every test ran.'}`,
          '',
        ]
      : []),
    ...table(['', ''], headerRows(report)),
    '',
    '## Counts',
    '',
    ...table(
      ['total', 'pass', 'fail', 'error', 'unexpected pass', 'expected fail', 'unsupported'],
      [
        [
          summary.total,
          summary.pass,
          summary.fail,
          summary.error,
          summary['unexpected-pass'],
          summary['expected-fail'],
          summary.unsupported,
        ].map(String),
      ],
    ),
    ...failureSection(report),
    ...expectedFailureSection(report),
    ...clauseSection(report),
    ...eventSection(report),
  ];
  return bound(`${lines.join('\n')}\n`, maxBytes);
}

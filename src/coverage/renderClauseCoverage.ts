/**
 * Clause coverage as Markdown: the summary, the problems, and one table row per clause in the
 * order of the coverage (uncovered normative clauses first). Properties and fixtures are
 * counted, with a few names; kit tests are listed by file and line.
 */
import type { ClauseCoverage, ClauseCoverageEntry } from './clauseCoverage.js';

const SHOWN = 3;

function someOf(names: readonly string[]): string {
  if (names.length === 0) return '';
  const shown = names
    .slice(0, SHOWN)
    .map((name) => `\`${name}\``)
    .join(', ');
  return names.length > SHOWN ? `${names.length}: ${shown}, ...` : `${names.length}: ${shown}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function verdict(entry: ClauseCoverageEntry): string {
  if (entry.required) return entry.covered ? 'covered' : '**UNCOVERED**';
  return entry.status === 'deprecated' ? 'deprecated' : 'informative';
}

export function renderClauseCoverage(coverage: ClauseCoverage): string {
  const { summary } = coverage;
  const lines = [
    '# Clause coverage',
    '',
    `Spec ${coverage.specVersion}: ${summary.covered} of ${summary.required} normative clauses covered ` +
      `(cited by properties ${summary.bySource.properties}, fixtures ${summary.bySource.fixtures}, ` +
      `kit tests ${summary.bySource.tests}; by kit tests only ${summary.testsOnly}). ` +
      'A normative clause is covered when a property, a golden fixture or a kit test (`spec: <id>`) cites it.',
    '',
  ];
  if (coverage.problems.length > 0) {
    lines.push('## Problems', '', ...coverage.problems.map((problem) => `- ${problem}`), '');
  }
  lines.push(
    '## Clauses',
    '',
    '| clause | title | coverage | properties | fixtures | kit tests |',
    '| --- | --- | --- | --- | --- | --- |',
    ...coverage.clauses
      .map((entry) =>
        [
          `[\`${entry.id}\`](../../spec/${entry.file}#${entry.id})`,
          cell(entry.title),
          verdict(entry),
          someOf(entry.properties),
          someOf(entry.fixtures),
          entry.tests.map((where) => `\`${where}\``).join(', '),
        ].join(' | '),
      )
      .map((row) => `| ${row} |`),
    '',
  );
  return lines.join('\n');
}

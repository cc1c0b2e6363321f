/** Clause coverage in a few lines for a terminal: the counts per source, then every problem. */
import type { ClauseCoverage } from './clauseCoverage.js';

export function formatClauseCoverageSummary(coverage: ClauseCoverage): string[] {
  const { summary } = coverage;
  const lines = [
    `normative clauses covered ${summary.covered} of ${summary.required}` +
      ` (properties ${summary.bySource.properties}, fixtures ${summary.bySource.fixtures},` +
      ` kit tests ${summary.bySource.tests}; kit tests only ${summary.testsOnly})`,
  ];
  if (summary.uncovered.length > 0) lines.push(`uncovered: ${summary.uncovered.join(', ')}`);
  for (const citation of coverage.unknown) {
    lines.push(`unknown clause: ${citation.source} ${citation.where} cites ${citation.id}, which is not in spec/clauses.json`);
  }
  return lines;
}

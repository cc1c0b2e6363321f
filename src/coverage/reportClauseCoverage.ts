/**
 * Clause coverage of the package, written as `clauses.json` and `clauses.md` into a folder
 * (by default `reports/coverage/`), with a terminal summary; `coverage.summary.ok` is the verdict.
 */
import { join } from 'node:path';
import { packageRoot } from '../files/packageRoot.js';
import type { ClauseCoverage } from './clauseCoverage.js';
import { formatClauseCoverageSummary } from './formatClauseCoverageSummary.js';
import { measureClauseCoverage } from './measureClauseCoverage.js';
import { writeClauseCoverage } from './writeClauseCoverage.js';

export interface ClauseCoverageReport {
  coverage: ClauseCoverage;
  files: { json: string; markdown: string };
  summary: string[];
}

export function reportClauseCoverage(dir = join(packageRoot(), 'reports', 'coverage')): ClauseCoverageReport {
  const coverage = measureClauseCoverage();
  return { coverage, files: writeClauseCoverage(coverage, dir), summary: formatClauseCoverageSummary(coverage) };
}

/**
 * Line, statement, branch and function coverage from the `coverage-summary.json` that v8
 * coverage writes (reporter `json-summary`), judged against a line threshold.
 */
import { readFileSync } from 'node:fs';

export interface CoverageMetric {
  total: number;
  covered: number;
  pct: number;
}

export interface CodeCoverage {
  lines: CoverageMetric;
  statements: CoverageMetric;
  branches: CoverageMetric;
  functions: CoverageMetric;
  /** Least line coverage, in percent. */
  lineThreshold: number;
  /** Empty when line coverage meets the threshold. */
  problems: string[];
}

const METRICS = ['lines', 'statements', 'branches', 'functions'] as const;

function metric(totals: unknown, name: (typeof METRICS)[number], file: string): CoverageMetric {
  const value = (totals as Record<string, unknown> | undefined)?.[name] as Partial<CoverageMetric> | undefined;
  const { total, covered, pct } = value ?? {};
  if (typeof total !== 'number' || typeof covered !== 'number' || typeof pct !== 'number') {
    throw new Error(`${file}: total.${name} must hold numbers total, covered and pct (is it a json-summary coverage report?)`);
  }
  return { total, covered, pct };
}

export function readCodeCoverage(summaryFile: string, lineThreshold: number): CodeCoverage {
  let summary: { total?: unknown };
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { total?: unknown };
  } catch (error) {
    throw new Error(`${summaryFile}: cannot read the coverage summary: ${(error as Error).message}`);
  }
  const [lines, statements, branches, functions] = METRICS.map((name) => metric(summary.total, name, summaryFile)) as [
    CoverageMetric,
    CoverageMetric,
    CoverageMetric,
    CoverageMetric,
  ];
  const problems = lines.pct < lineThreshold ? [`line coverage of src/ is ${lines.pct}%, below the threshold of ${lineThreshold}%`] : [];
  return { lines, statements, branches, functions, lineThreshold, problems };
}

/**
 * `npm run coverage [-- <vitest arguments>]`: the test suite with v8 coverage of src/ (HTML,
 * coverage-summary.json and lcov.info in the reportsDirectory of vitest.config.ts), then clause
 * coverage of the spec (reports/coverage/clauses.json and clauses.md), and a summary of both.
 * Exits 1 when a test fails, when line coverage is below the threshold of vitest.config.ts, when
 * a normative clause is uncovered, or when something cites an unknown clause.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import vitestConfig from '../vitest.config.js';
import { readCodeCoverage, type CoverageMetric } from '../src/coverage/readCodeCoverage.js';
import { reportClauseCoverage } from '../src/coverage/reportClauseCoverage.js';
import { packageRoot } from '../src/files/packageRoot.js';

const root = packageRoot();

/** The coverage settings of vitest.config.ts, so that the directory and threshold exist once. */
function configuredCoverage(): { reportsDirectory: string; reporters: string[]; lineThreshold: number } {
  const coverage = vitestConfig.test?.coverage as
    | { reportsDirectory?: unknown; reporter?: unknown; thresholds?: { lines?: unknown } }
    | undefined;
  const reportsDirectory = coverage?.reportsDirectory;
  const lineThreshold = coverage?.thresholds?.lines;
  if (typeof reportsDirectory !== 'string') throw new Error('vitest.config.ts: test.coverage.reportsDirectory must be a string');
  if (typeof lineThreshold !== 'number') throw new Error('vitest.config.ts: test.coverage.thresholds.lines must be a number');
  const configured = Array.isArray(coverage?.reporter) ? (coverage.reporter as unknown[]) : [coverage?.reporter];
  // A reporter given on the command line replaces the configured list, so the configured ones are
  // repeated; json-summary is what this script reads, lcovonly is the file other tools read.
  const names = configured.map((entry) => (Array.isArray(entry) ? entry[0] : entry)).filter((n): n is string => typeof n === 'string');
  return { reportsDirectory, lineThreshold, reporters: [...new Set([...names, 'json-summary', 'html', 'lcovonly'])] };
}

const percent = (metric: CoverageMetric): string => `${metric.pct.toFixed(2)}% (${metric.covered}/${metric.total})`;

const { reportsDirectory, reporters, lineThreshold } = configuredCoverage();
const codeDir = join(root, reportsDirectory);
const summaryFile = join(codeDir, 'coverage-summary.json');
// A run that dies before writing must not be judged by the summary of an earlier one.
rmSync(summaryFile, { force: true });

const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
// reportOnFailure: coverage is written even when a test fails, so that a failing run still shows
// what the rest of the suite covers (the run fails all the same).
const tests = spawnSync(
  process.execPath,
  [
    vitest,
    'run',
    '--coverage',
    '--coverage.reportOnFailure',
    ...reporters.map((name) => `--coverage.reporter=${name}`),
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);

const problems: string[] = [];
if (tests.error !== undefined) problems.push(`vitest did not run: ${tests.error.message}`);
else if (tests.status !== 0) problems.push(`vitest exited with ${tests.status ?? tests.signal}`);

console.log('\n::: coverage');
try {
  const code = readCodeCoverage(summaryFile, lineThreshold);
  console.log(`src/ lines ${percent(code.lines)} (threshold ${code.lineThreshold}%)`);
  console.log(`src/ statements ${percent(code.statements)}, branches ${percent(code.branches)}, functions ${percent(code.functions)}`);
  console.log(
    `code coverage: ${relative(root, join(codeDir, 'index.html'))}, ${relative(root, summaryFile)}, ${relative(root, join(codeDir, 'lcov.info'))}`,
  );
  problems.push(...code.problems);
} catch (error) {
  problems.push((error as Error).message);
}

const clauses = reportClauseCoverage();
for (const line of clauses.summary) console.log(line);
console.log(`clause coverage: ${relative(root, clauses.files.markdown)}, ${relative(root, clauses.files.json)}`);
if (!clauses.coverage.summary.ok) {
  const { uncovered, unknownCitations } = clauses.coverage.summary;
  problems.push(`clause coverage: ${uncovered.length} normative clause(s) uncovered, ${unknownCitations} unknown citation(s)`);
}

for (const problem of problems) console.log(`FAILED: ${problem}`);
process.exitCode = problems.length === 0 ? 0 : 1;

/**
 * `npm run coverage:clauses`: which properties, golden fixtures and kit tests cite each clause of
 * the spec, written to reports/coverage/clauses.json and clauses.md. Exits 1 when a normative
 * clause is cited by none of them or when something cites an ID the registry does not have.
 */
import { relative } from 'node:path';
import { reportClauseCoverage } from '../src/coverage/reportClauseCoverage.js';
import { packageRoot } from '../src/files/packageRoot.js';

const { coverage, files, summary } = reportClauseCoverage();
for (const line of summary) console.log(line);
console.log(`clause coverage: ${relative(packageRoot(), files.markdown)}, ${relative(packageRoot(), files.json)}`);
process.exitCode = coverage.summary.ok ? 0 : 1;

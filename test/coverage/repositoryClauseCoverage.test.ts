/**
 * This repository's own clause coverage: every normative clause is cited by a property, a golden
 * fixture or a kit test, and nothing cites an unknown clause.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClauseRegistry } from '../../src/spec/clauseRegistry.js';
import { reportClauseCoverage } from '../../src/coverage/reportClauseCoverage.js';

describe('clause coverage of this repository', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cnnspec-clause-coverage-'));
  const { coverage, files, summary } = reportClauseCoverage(dir);

  it('covers every normative clause and cites no unknown clause', () => {
    expect(coverage.problems).toEqual([]);
    expect(coverage.summary.ok).toBe(true);
    const normative = loadClauseRegistry().clauses.filter((c) => c.normative && c.status === 'active');
    expect(coverage.summary.required).toBe(normative.length);
  });

  it('finds the citations of the kit tests for clauses no property or fixture can check', () => {
    const entry = coverage.clauses.find((c) => c.id === 'protocol.shutdown')!;
    expect(entry.properties).toEqual([]);
    expect(entry.tests.some((where) => where.startsWith('test/adapter/execAdapter.test.ts:'))).toBe(true);
  });

  it('writes clauses.json and clauses.md into the folder', () => {
    expect(files).toEqual({ json: join(dir, 'clauses.json'), markdown: join(dir, 'clauses.md') });
    expect(JSON.parse(readFileSync(files.json, 'utf8'))).toEqual(coverage);
    expect(existsSync(files.markdown)).toBe(true);
    expect(readFileSync(files.markdown, 'utf8')).toContain(
      `${coverage.summary.covered} of ${coverage.summary.required} normative clauses covered`,
    );
    expect(summary[0]).toMatch(/^normative clauses covered \d+ of \d+ /);
  });
});

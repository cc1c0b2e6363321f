/**
 * The runner from code: the package entry runs the suite against an adapter, writes the reports
 * and merges shards, as the CLI does (spec: conformance.verdict, conformance.shards).
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEED,
  loadReport,
  mergeReports,
  referenceAdapter,
  runConformance,
  writeReports,
  type ConformanceRunOptions,
} from '../src/index.js';

const options = (shard?: { index: number; count: number }): ConformanceRunOptions => ({
  adapter: referenceAdapter('cnnspec'),
  source: 'reference',
  seed: DEFAULT_SEED,
  numRuns: 5,
  timeoutMs: 5000,
  only: ['conv/differential/*', 'fixture/conv.seed-*'],
  ...(shard === undefined ? {} : { shard }),
  replay: (id) => `replay ${id}`,
});

describe('the library entry', () => {
  it('runs the suite, writes every rendering, reads the report back and merges shards', async () => {
    const report = await runConformance(options());
    expect(report.summary).toMatchObject({ conformant: true, fail: 0 });
    expect(report.summary.total).toBeGreaterThan(3);
    const dir = mkdtempSync(join(tmpdir(), 'cnnspec-library-'));
    const written = writeReports(report, dir);
    expect(written.failures).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    expect(loadReport(join(dir, 'report.json'))).toEqual(report);
    const shards = await Promise.all([1, 2].map((index) => runConformance(options({ index, count: 2 }))));
    const merged = mergeReports(shards);
    expect(merged.results.map(({ durationMs: _d, ...r }) => r)).toEqual(report.results.map(({ durationMs: _d, ...r }) => r));
    expect(merged.summary).toEqual(report.summary);
  });
});

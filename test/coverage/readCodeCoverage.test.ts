/** Reading v8's json-summary and judging line coverage against the threshold. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCodeCoverage } from '../../src/coverage/readCodeCoverage.js';

const dir = mkdtempSync(join(tmpdir(), 'cnnspec-code-coverage-'));
const metric = (covered: number, total: number) => ({ total, covered, skipped: 0, pct: Math.round((covered / total) * 10000) / 100 });

function summaryFile(name: string, total: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ total, 'src/a.ts': total }));
  return path;
}

describe('readCodeCoverage', () => {
  const totals = { lines: metric(960, 1000), statements: metric(950, 1000), branches: metric(80, 100), functions: metric(45, 50) };

  it('reads the four totals and passes at or above the threshold', () => {
    const coverage = readCodeCoverage(summaryFile('pass.json', totals), 96);
    expect(coverage).toEqual({
      lines: { total: 1000, covered: 960, pct: 96 },
      statements: { total: 1000, covered: 950, pct: 95 },
      branches: { total: 100, covered: 80, pct: 80 },
      functions: { total: 50, covered: 45, pct: 90 },
      lineThreshold: 96,
      problems: [],
    });
  });

  it('fails below the line threshold, whatever the other metrics', () => {
    expect(readCodeCoverage(summaryFile('fail.json', totals), 96.5).problems).toEqual([
      'line coverage of src/ is 96%, below the threshold of 96.5%',
    ]);
  });

  it('names the file and the field when the summary is missing or of another shape', () => {
    expect(() => readCodeCoverage(join(dir, 'absent.json'), 95)).toThrow(/absent\.json: cannot read the coverage summary/);
    const { branches: _branches, ...partial } = totals;
    expect(() => readCodeCoverage(summaryFile('partial.json', partial), 95)).toThrow(
      /partial\.json: total\.branches must hold numbers total, covered and pct/,
    );
  });
});

/**
 * Every rendering stays bounded and keeps its verdict whatever report.json it is given (`cnnspec
 * report` renders files it did not write): a name of 2 MB is repeated in every JUnit test case
 * and in the Markdown title, a convention nested 10,000 levels deep overflows JSON.stringify, a
 * shape of thousands of entries is printed in evidence. Each is shown cut, saying what was cut.
 */
import { describe, expect, it } from 'vitest';
import { describeConvention } from '../../src/report/describeConvention.js';
import { renderHtml } from '../../src/report/renderHtml.js';
import { renderMarkdown } from '../../src/report/renderMarkdown.js';
import { renderJunit } from '../../src/report/renderJunit.js';
import type { Report } from '../../src/report/model/Report.js';
import { syntheticReport, syntheticResult } from '../report/syntheticReport.js';

const NAME = 'n'.repeat(2_000_000);

function deepConvention(): unknown {
  let value: unknown = 'channels-first';
  for (let i = 0; i < 10_000; i++) value = { a: value };
  return { base: 'cnnspec', overrides: { layout: value } };
}

function hostileReport(): Report {
  const results = Array.from({ length: 300 }, (_, i) => syntheticResult({ id: `conv/test-${i}`, status: 'pass' }));
  results.push(
    syntheticResult({
      id: 'conv/broken',
      status: 'fail',
      message: 'the adapter answered a tensor of the wrong shape',
      evidence: {
        op: 'conv',
        layout: 'channels-first',
        input: { shape: [1, 1, 2], data: [1, 2] },
        params: {},
        actual: { shape: new Array(5000).fill(0), data: [], truncated: true },
        comparison: 'the adapter against the reference',
      },
    }),
  );
  return syntheticReport(results, { adapter: { name: NAME, version: NAME, convention: deepConvention() } });
}

describe('renderings of a report with a 2 MB name and a convention 10,000 levels deep', () => {
  const report = hostileReport();

  it('describeConvention does not throw, and is cut', () => {
    const text = describeConvention(report.adapter.convention);
    expect(text).toMatch(/^cnnspec with layout=\(not printable as JSON\)$/);
    expect(
      describeConvention({ base: 'cnnspec', overrides: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])) }),
    ).toMatch(/… \(\d+ more characters\)$/);
  });

  it('junit.xml names the adapter cut in every test case, and keeps its size', () => {
    const junit = renderJunit(report);
    expect(junit.length).toBeLessThan(200_000);
    expect(junit).toContain(`classname="cnnspec properties (${'n'.repeat(256)}… (1999744 more characters))"`);
  });

  it('report.md keeps its verdict line, with the name cut', () => {
    const md = renderMarkdown(report);
    expect(md.length).toBeLessThan(100_000);
    expect(md.split('\n')[0]).toBe(
      `# ❌ not conformant: ${'n'.repeat(256)}… (1999744 more characters) ${'n'.repeat(256)}… (1999744 more characters) against cnnspec 0.1.0`,
    );
  });

  it('report.html keeps its size and prints the long shape cut', () => {
    const html = renderHtml(report);
    expect(html.length).toBeLessThan(600_000);
    expect(html).toContain('… 4990 more dimensions');
    expect(html).toContain('data-verdict="not conformant"');
  });
});

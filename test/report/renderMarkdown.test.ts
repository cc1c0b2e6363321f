/**
 * The Markdown job summary: the verdict in the title, the run's header, counts by status,
 * failures with their replay commands, expected failures with reasons, the table by clause, and
 * a bounded size.
 */
import { describe, expect, it } from 'vitest';
import { loadClauseRegistry } from '../../src/spec/clauseRegistry.js';
import { MAX_EXPECTED_FAILURES_LISTED, MAX_FAILURES_LISTED, MAX_MARKDOWN_BYTES, renderMarkdown } from '../../src/report/renderMarkdown.js';
import type { Report } from '../../src/report/model/Report.js';
import { syntheticReport, syntheticResult } from './syntheticReport.js';

const pass = syntheticResult({ id: 'conv/pass', status: 'pass', spec: ['conv.definition'] });
const fail = syntheticResult({
  id: 'conv/no-flip/x',
  status: 'fail',
  spec: ['conv.no-flip', 'conv.definition'],
  message: '2 of 4 elements differ\nsecond line with details',
  replay: "npx cnnspec run --adapter ./a.js --only 'conv/no-flip/x' --seed 7 --path '0:1'",
});

function lines(markdown: string): string[] {
  return markdown.split('\n');
}

function tableRows(markdown: string, header: string): string[][] {
  const all = lines(markdown);
  const start = all.findIndex((line) => line.startsWith(`| ${header}`));
  const rows: string[][] = [];
  for (let i = start + 2; i < all.length && all[i]!.startsWith('|'); i++) rows.push(all[i]!.slice(2, -2).split(/ (?<!\\)\| /));
  return rows;
}

describe('renderMarkdown', () => {
  it('states the verdict in the title', () => {
    expect(lines(renderMarkdown(syntheticReport([pass])))[0]).toBe('# ✅ conformant: synthetic 1.0.0 against cnnspec 0.1.0');
    expect(lines(renderMarkdown(syntheticReport([pass, fail])))[0]).toMatch(/^# ❌ not conformant: /);
    const incomplete = renderMarkdown(syntheticReport([pass], { run: { incomplete: true } }));
    expect(lines(incomplete)[0]).toMatch(/^# ⚠️ incomplete: /);
    expect(incomplete).toContain('> **Incomplete run:** it was interrupted and not every test ran.');
    expect(renderMarkdown(syntheticReport([pass], { run: { incomplete: true, missingShards: [3] } }))).toContain(
      'shards 3 are missing from the merged report',
    );
  });

  it('has a header table with the adapter, suite and run settings', () => {
    const report = syntheticReport([pass], {
      adapter: { name: 'acme', version: '2.0', source: './acme.js', convention: { base: 'onnx', overrides: { poolCeilMode: true } } },
      run: { seed: 99, numRuns: 12, profile: 'core', shard: { index: 1, count: 4 } },
      expectations: { file: 'acme.json', entries: 3, unmatched: ['pool/x'], strict: true },
    });
    const header = Object.fromEntries(tableRows(renderMarkdown(report), ' |').map(([key, value]) => [key, value]));
    expect(header).toMatchObject({
      adapter: 'acme',
      version: '2.0',
      source: './acme.js',
      convention: 'onnx with poolCeilMode=true',
      suite: 'cnnspec 0.1.0, spec 2026.1',
      seed: '99',
      'runs per property': '12',
      profile: 'core',
      shard: '1 of 4',
      expectations: 'acme.json (3 entries, strict; 1 unmatched: pool/x)',
    });
  });

  it('counts results by status', () => {
    const report = syntheticReport([pass, pass, fail, syntheticResult({ id: 'u', status: 'unsupported', message: 'no' })]);
    const [counts] = tableRows(renderMarkdown(report), 'total');
    expect(counts).toEqual(['4', '2', '1', '0', '0', '0', '1']);
  });

  it('lists failures and errors with clauses and the first line of the message, each replay command in a code block', () => {
    const error = syntheticResult({ id: 'pool/broken', status: 'error', spec: ['pool.max'], message: 'adapter crashed' });
    const markdown = renderMarkdown(syntheticReport([pass, error, fail]));
    expect(tableRows(markdown, 'test')).toEqual([
      ['conv/no-flip/x', 'fail', 'conv.no-flip, conv.definition', '2 of 4 elements differ'],
      ['pool/broken', 'error', 'pool.max', 'adapter crashed'],
    ]);
    expect(markdown).not.toContain('second line with details');
    expect(markdown).toContain(`- conv/no-flip/x\n\n  \`\`\`sh\n  ${fail.replay}\n  \`\`\``);
  });

  it('lists expected failures with their reasons', () => {
    const expected = syntheticResult({
      id: 'pool/ceil',
      status: 'expected-fail',
      expectation: { match: 'pool/ceil', reason: 'ceil mode differs', link: 'issue 12' },
    });
    expect(renderMarkdown(syntheticReport([pass, expected]))).toContain(
      '## Expected failures (1)\n\n- pool/ceil: ceil mode differs (issue 12)',
    );
    expect(renderMarkdown(syntheticReport([pass]))).not.toContain('Expected failures');
  });

  it('tallies each cited clause in registry order: pass, fail (with errors), other', () => {
    const report: Report = syntheticReport([
      pass,
      fail,
      syntheticResult({ id: 'e', status: 'error', spec: ['conv.no-flip'] }),
      syntheticResult({ id: 'u', status: 'unsupported', spec: ['conv.definition'] }),
    ]);
    const rows = tableRows(renderMarkdown(report), 'clause');
    const order = loadClauseRegistry()
      .clauses.map((c) => c.id)
      .filter((id) => ['conv.no-flip', 'conv.definition'].includes(id));
    expect(rows.map((r) => r[0]!.replace(/\\/g, ''))).toEqual(order);
    const byId = Object.fromEntries(rows.map((r) => [r[0]!.replace(/\\/g, ''), r.slice(1)]));
    expect(byId['conv.definition']).toEqual(['Definition', '1', '1', '1']);
    expect(byId['conv.no-flip']).toEqual(['Cross-correlation, no kernel flip', '0', '2', '0']);
  });

  it('keeps long lists bounded with a note of how many were left out', () => {
    const failures = Array.from({ length: MAX_FAILURES_LISTED + 7 }, (_, i) =>
      syntheticResult({ id: `f/${i}`, status: 'fail', message: 'x', replay: `replay ${i}` }),
    );
    const expected = Array.from({ length: MAX_EXPECTED_FAILURES_LISTED + 3 }, (_, i) =>
      syntheticResult({ id: `e/${i}`, status: 'expected-fail', expectation: { match: 'e', reason: 'r' } }),
    );
    const markdown = renderMarkdown(syntheticReport([...failures, ...expected]));
    expect(tableRows(markdown, 'test')).toHaveLength(MAX_FAILURES_LISTED);
    expect(markdown).toContain('_7 more failures and errors not listed here; see report.json._');
    expect(markdown).toContain('_3 more expected failures not listed here; see report.json._');
    expect(markdown).not.toContain(`replay ${MAX_FAILURES_LISTED}\n`);
  });

  it('stays within the byte limit, closing an open code block before its note', () => {
    const long = 'ä'.repeat(2000);
    const failures = Array.from({ length: MAX_FAILURES_LISTED }, (_, i) =>
      syntheticResult({ id: `f/${i}`, status: 'fail', message: long, replay: `${long} ${i}` }),
    );
    const report = syntheticReport(failures);
    expect(Buffer.byteLength(renderMarkdown(report), 'utf8')).toBeLessThan(MAX_MARKDOWN_BYTES);
    for (const limit of [5000, 20_000, 60_000]) {
      const cut = renderMarkdown(report, limit);
      expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(limit);
      expect(cut).toMatch(/_The summary is cut here to stay within the size limit of job summaries; report.json has everything._\n$/);
      expect((cut.match(/^ *```/gm) ?? []).length % 2).toBe(0);
    }
  });

  it('closes a longer fence with its own length when the cut falls inside it', () => {
    // a replay command holding backtick lines gets a four-backtick fence; its inner ``` lines are content
    const replay = `${'x'.repeat(300)}\n\`\`\`\n${'y'.repeat(3000)}`;
    const report = syntheticReport([syntheticResult({ id: 'f/0', status: 'fail', message: 'm', replay })]);
    const full = renderMarkdown(report);
    const opening = full.split('\n').findIndex((line) => line.trim() === '````sh');
    expect(opening).toBeGreaterThan(0);
    const limit =
      Buffer.byteLength(
        full
          .split('\n')
          .slice(0, opening + 3)
          .join('\n'),
        'utf8',
      ) + 200;
    const cut = renderMarkdown(report, limit);
    const lines = cut.split('\n');
    const noteAt = lines.findIndex((line) => line.startsWith('_The summary is cut here'));
    expect(lines.slice(opening + 1, noteAt).filter((line) => line.trim() === '````')).toHaveLength(1);
  });
});

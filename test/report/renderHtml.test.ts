/**
 * The HTML page of a report: self-contained and script-free, the verdict first, failures before
 * everything else with pictures of their evidence for every op, both layouts, spatial ranks 1 to
 * 3, special values, mismatched shapes, a missing output and truncated tensors; then results by
 * clause, clause coverage, the other results and adapter events, all bounded.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadClauseRegistry } from '../../src/spec/clauseRegistry.js';
import { packageRoot } from '../../src/files/packageRoot.js';
import {
  CONTENT_SECURITY_POLICY,
  MAX_FAILURES_DRAWN,
  MAX_FAILURES_SHOWN,
  MAX_COUNTEREXAMPLE_CHARS,
  renderHtml,
} from '../../src/report/renderHtml.js';
import { MAX_MAPS_PER_TENSOR } from '../../src/report/evidenceFiguresHtml.js';
import { MAX_MAP_EXTENT, tensorCoords } from '../../src/report/sliceFeatureMaps.js';
import type { FailureEvidence, Report } from '../../src/report/model/Report.js';
import { allFailureCases, type FailureCase } from './failureCases.js';
import { attributeValues, cellIndices, differsIndices, failureArticles, heatmaps, visibleText } from './htmlQueries.js';
import { evidenceOf, mutant, syntheticReport, syntheticResult, tensorOf } from './syntheticReport.js';

let cases: FailureCase[];
const byName = (name: string): FailureCase => cases.find((c) => c.name === name)!;
/** The page of a report holding one failure, and that failure's article. */
function pageOf(evidence: FailureEvidence): { html: string; article: string } {
  const html = renderHtml(syntheticReport([syntheticResult({ id: 'conv/one', status: 'fail', message: 'differs', evidence })]));
  return { html, article: failureArticles(html)[0]!.html };
}

beforeAll(async () => {
  cases = await allFailureCases();
});

describe('renderHtml: a self-contained page that runs nothing', () => {
  it('has the Content-Security-Policy that forbids scripts, no script, and references nothing outside itself', () => {
    const html = renderHtml(syntheticReport(cases.map((c) => c.result)));
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    expect(CONTENT_SECURITY_POLICY).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(html).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed|image|use)\b|@import|\ssrc=/i);
    // The only url() references are the page's own SVG patterns.
    expect(html.match(/url\([^)]*\)/g)!.every((ref) => ref.startsWith('url(#'))).toBe(true);
  });

  it('gives every SVG pattern an id unique in the page', () => {
    const html = renderHtml(syntheticReport(cases.map((c) => c.result)));
    const ids = attributeValues(html, 'id');
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of html.match(/url\(#([^)]+)\)/g)!) expect(ids).toContain(ref.slice(5, -1));
  });
});

describe('renderHtml: header and verdict', () => {
  it('states each verdict, and marks an incomplete run with a banner', () => {
    const pass = syntheticResult({ id: 'a', status: 'pass' });
    const fail = syntheticResult({ id: 'b', status: 'fail', message: 'no' });
    const verdictOf = (report: Report): string => attributeValues(renderHtml(report), 'data-verdict')[0]!;
    expect(verdictOf(syntheticReport([pass]))).toBe('conformant');
    expect(verdictOf(syntheticReport([pass, fail]))).toBe('not conformant');
    const interrupted = syntheticReport([pass], { run: { incomplete: true } });
    expect(verdictOf(interrupted)).toBe('incomplete');
    expect(renderHtml(interrupted)).toContain('class="banner"');
    expect(renderHtml(syntheticReport([pass]))).not.toContain('class="banner"');
    expect(verdictOf(syntheticReport([pass, fail], { run: { incomplete: true } }))).toBe('not conformant');
    const merged = renderHtml(
      syntheticReport([pass], {
        run: {
          incomplete: true,
          missingShards: [2, 3],
          mergedFrom: [{ shard: { index: 1, count: 3 }, startedAt: 'x', durationMs: 5, adapterMs: 1, tests: 1 }],
        },
      }),
    );
    expect(visibleText(merged)).toContain('shards 2, 3 of 3 missing');
    expect(visibleText(merged)).toContain('1 shard: 1/3 (1 tests, 5 ms)');
  });

  it('shows the adapter, the suite and the run settings, with the counts by status', () => {
    const report = syntheticReport(
      [syntheticResult({ id: 'a', status: 'pass' }), syntheticResult({ id: 'b', status: 'unsupported', message: 'needs pool.avg' })],
      {
        adapter: {
          name: 'acme-nn',
          version: '9.8.7',
          convention: { base: 'pytorch', overrides: { poolCeilMode: true } },
          features: ['conv', 'pool.max'],
          source: './acme.js',
          starts: 3,
        },
        run: { seed: 4242, numRuns: 17, maxElements: 999, profile: 'core', shard: { index: 2, count: 5 }, env: { CNNSPEC_SEED: '4242' } },
        expectations: { file: 'acme.json', entries: 4, unmatched: ['conv/x*'], strict: true },
      },
    );
    const text = visibleText(renderHtml(report));
    for (const shown of [
      'acme-nn 9.8.7',
      'pytorch with poolCeilMode=true',
      './acme.js',
      '3 process starts',
      'conv, pool.max',
      '4242',
      '17',
      '999',
      '2 of 5',
      'CNNSPEC_SEED=4242',
      'acme.json',
      '4 entries, strict',
      'conv/x*',
      'cnnspec 0.1.0 · spec 2026.1',
      'v20.20.2 on linux-x64',
      '2.50 s, of which 120 ms in the adapter',
    ]) {
      expect(text, shown).toContain(shown);
    }
    expect(text).toMatch(/1\s+pass/);
    expect(text).toMatch(/1\s+unsupported/);
  });
});

describe('renderHtml: failures and their pictures', () => {
  it('lists failures first: fail, then error, then unexpected pass', () => {
    const report = syntheticReport([
      syntheticResult({ id: 'u', status: 'unexpected-pass', expectation: { match: 'u', reason: 'known bug 12' } }),
      syntheticResult({ id: 'e', status: 'error', message: 'broke' }),
      syntheticResult({ id: 'p', status: 'pass' }),
      syntheticResult({ id: 'f', status: 'fail', message: 'wrong' }),
    ]);
    const html = renderHtml(report);
    expect(failureArticles(html).map((a) => a.status)).toEqual(['fail', 'error', 'unexpected-pass']);
    expect(html.indexOf('id="failures"')).toBeLessThan(html.indexOf('id="by-clause"'));
    expect(visibleText(failureArticles(html)[2]!.html)).toContain('known bug 12');
  });

  it('shows each failure with its description, clause links, message, counterexample and replay command', () => {
    const result = syntheticResult({
      id: 'conv/no-flip/x',
      status: 'fail',
      spec: ['conv.no-flip'],
      description: 'No kernel flip.',
      message: 'one-hot: 2 of 4 differ',
      counterexample: { kernel: [2], hot: [0] },
      shrinks: 4,
      seed: 9,
      path: '0:1',
      replay: "npx cnnspec run --only 'conv/no-flip/x'",
    });
    const article = failureArticles(renderHtml(syntheticReport([result]), { specBaseUrl: 'spec-base' }))[0]!.html;
    expect(article).toContain('href="#clause-conv.no-flip"');
    const text = visibleText(article);
    for (const shown of [
      'conv/no-flip/x',
      'No kernel flip.',
      'one-hot: 2 of 4 differ',
      '"kernel": [',
      'after 4 shrinks',
      'seed 9',
      'path 0:1',
      "npx cnnspec run --only 'conv/no-flip/x'",
    ])
      expect(text, shown).toContain(shown);
  });

  it('draws input, kernel, expected, actual and difference for every failure whose shapes agree, marking every differing element', () => {
    for (const c of cases.filter(
      (c) => c.evidence.actual !== undefined && c.evidence.expected!.shape.join() === c.evidence.actual.shape.join(),
    )) {
      const { article } = pageOf(c.evidence);
      const roles = ['input', 'expected', 'actual', 'difference', ...(c.evidence.weight === undefined ? [] : ['kernel'])];
      for (const role of roles) expect(heatmaps(article, role).length, `${c.name}: ${role}`).toBeGreaterThan(0);
      if (c.evidence.weight === undefined) expect(heatmaps(article, 'kernel'), c.name).toHaveLength(0);
      const differing = c.evidence.differing!;
      expect(differing.length, c.name).toBeGreaterThan(0);
      // These cases are small enough for every differing element to be drawn: each is marked on actual and difference alone.
      const marked = (role: string): number[] =>
        heatmaps(article, role)
          .flatMap(differsIndices)
          .sort((a, b) => a - b);
      const sorted = [...differing].sort((a, b) => a - b);
      expect(marked('actual'), c.name).toEqual(sorted);
      expect(marked('difference'), c.name).toEqual(sorted);
      expect(marked('expected'), c.name).toEqual([]);
      expect(marked('input'), c.name).toEqual([]);
    }
  });

  it('draws the input inside the padding the spec requires, as many pad cells as the window says', async () => {
    const c = byName('flipped kernel');
    const { article } = pageOf(c.evidence);
    const [input] = heatmaps(article, 'input');
    const [h, w] = c.evidence.input.shape.slice(2) as [number, number];
    const { padBegin, padEnd } = c.evidence.window!;
    expect(attributeValues(input!, 'data-pad')).toHaveLength((h + padBegin[0]! + padEnd[0]!) * (w + padBegin[1]! + padEnd[1]!) - h * w);
    expect(input).toContain('class="edge"');
    expect(visibleText(article)).toContain(`begin ${padBegin.join(', ')}; end ${padEnd.join(', ')}`);
    const valid = await evidenceOf(
      {
        op: 'conv',
        request: { input: tensorOf([1, 1, 4, 4], (i) => i), weight: tensorOf([1, 1, 3, 3], (i) => i), params: { padding: 'valid' } },
      },
      mutant('flipped-kernel'),
    );
    expect(attributeValues(heatmaps(pageOf(valid).article, 'input')[0]!, 'data-pad')).toHaveLength(0);
  });

  it('traces the window of the first differing output onto the input (spec: shape.window)', () => {
    const c = byName('flipped kernel');
    const { article } = pageOf(c.evidence);
    const [input] = heatmaps(article, 'input');
    const { kernel } = c.evidence.window!;
    expect(attributeValues(input!, 'data-tap')).toHaveLength(kernel[0]! * kernel[1]!);
    expect(attributeValues(heatmaps(article, 'expected')[0]!, 'data-focus')).toHaveLength(1);
  });

  it('draws channels-last maps per channel, each map holding only its channel', () => {
    const c = byName('same padding on the wrong side');
    expect(c.evidence.layout).toBe('channels-last');
    const { article } = pageOf(c.evidence);
    for (const role of ['input', 'expected', 'actual']) {
      const tensor = role === 'input' ? c.evidence.input : role === 'expected' ? c.evidence.expected! : c.evidence.actual!;
      for (const svg of heatmaps(article, role)) {
        const channels = new Set(cellIndices(svg).map((i) => tensorCoords(tensor.shape, i).at(-1)));
        expect(channels.size, role).toBe(1);
      }
    }
    expect(heatmaps(article, 'kernel')).toHaveLength(1);
  });

  it('draws spatial rank 1 as one-row maps and spatial rank 3 as a limited number of depth slices', () => {
    const one = pageOf(byName('rank 1').evidence).article;
    for (const svg of heatmaps(one, 'expected'))
      expect(new Set([...svg.matchAll(/data-index="\d+" x="[\d.]+" y="([\d.]+)"/g)].map((m) => m[1])).size).toBe(1);
    const c = byName('rank 3');
    const three = pageOf(c.evidence).article;
    const [, depth, , , channels] = c.evidence.input.shape as [number, number, number, number, number];
    expect(heatmaps(three, 'input')).toHaveLength(Math.min(MAX_MAPS_PER_TENSOR, depth * channels));
    expect(visibleText(three)).toContain(`${MAX_MAPS_PER_TENSOR} of ${depth * channels} maps shown`);
    expect(visibleText(three)).toMatch(/depth \d, height × width 4×4/);
    expect(visibleText(three)).toMatch(/Depth padding: \d before, \d after/);
  });

  it('draws dense layers as matrices with the weight in its layout, and global pooling outputs as batch × channel', () => {
    const dense = pageOf(byName('dense transposed').evidence).article;
    expect(visibleText(dense)).toContain('in features × out features 3×3');
    expect(visibleText(dense)).toContain('rows × out features 2×3');
    expect(attributeValues(heatmaps(dense, 'kernel')[0]!, 'data-tap').length).toBeGreaterThan(0);
    const global = pageOf(byName('global average').evidence).article;
    expect(visibleText(global)).toContain('batch × channel 2×3');
    expect(visibleText(global)).toContain('every output reads a whole channel');
  });

  it('outlines where the input lies inside the output of a pad op', () => {
    const { article } = pageOf(byName('pad loses -0').evidence);
    for (const role of ['expected', 'actual']) expect(attributeValues(heatmaps(article, role)[0]!, 'data-inner'), role).toHaveLength(1);
    expect(article).toContain('>−0</text>');
  });

  it('writes NaN, infinities and -0 by glyph', () => {
    const { article } = pageOf(byName('NaN dropped by max pooling').evidence);
    expect(heatmaps(article, 'expected')[0]).toContain('>NaN</text>');
    expect(heatmaps(article, 'input')[0]).toContain('>+∞</text>');
    expect(heatmaps(article, 'input')[0]).toContain('>−0</text>');
  });

  it('draws both outputs of mismatched shapes, without a difference or marks', () => {
    const c = byName('shape mismatch');
    const { article } = pageOf(c.evidence);
    expect(heatmaps(article, 'expected')).toHaveLength(1);
    expect(heatmaps(article, 'actual')).toHaveLength(1);
    expect(heatmaps(article, 'difference')).toHaveLength(0);
    expect(attributeValues(article, 'data-differs')).toHaveLength(0);
    expect(visibleText(article)).toContain(
      `The shapes differ: expected [${c.evidence.expected!.shape.join(', ')}], actual [${c.evidence.actual!.shape.join(', ')}]`,
    );
  });

  it('says when the adapter threw, and when an error was expected', () => {
    const threw = pageOf(byName('adapter threw').evidence).article;
    expect(heatmaps(threw, 'actual')).toHaveLength(0);
    expect(heatmaps(threw, 'expected')).toHaveLength(1);
    expect(visibleText(threw)).toContain('the adapter threw');
    const { expected: _, differing: __, ...rejected } = byName('flipped kernel').evidence;
    const noExpected = pageOf(rejected).article;
    expect(heatmaps(noExpected, 'expected')).toHaveLength(0);
    expect(heatmaps(noExpected, 'actual')).toHaveLength(1);
    expect(visibleText(noExpected)).toContain('the spec requires an error here');
  });

  it('draws truncated tensors with their missing elements, and says how much is missing', () => {
    const evidence = byName('flipped kernel').evidence;
    const truncated = { ...evidence, input: { ...evidence.input, data: evidence.input.data.slice(0, 10), truncated: true } };
    const { article } = pageOf(truncated);
    expect(visibleText(article)).toContain(`Truncated in the report: 10 of ${evidence.input.data.length} elements.`);
    expect(heatmaps(article, 'input')[0]).toContain('>…</text>');
    const beyondLimit = pageOf({ ...evidence, input: { shape: evidence.input.shape, data: [], truncated: true } }).article;
    expect(heatmaps(beyondLimit, 'input')).toHaveLength(0);
    expect(heatmaps(beyondLimit, 'actual')).toHaveLength(1);
    expect(visibleText(beyondLimit)).toContain(
      `Not in the report: its ${evidence.input.data.length} elements are beyond the evidence limit.`,
    );
  });

  it('crops large maps around the differing element, with a note', async () => {
    const evidence = await evidenceOf(
      {
        op: 'conv',
        request: {
          input: tensorOf([1, 1, 48, 48], (i) => (i === 47 * 48 + 46 ? 1 : 0)),
          weight: tensorOf([1, 1, 3, 3], (i) => i),
          params: { padding: 'same-upper' },
        },
      },
      mutant('flipped-kernel'),
    );
    const { article } = pageOf(evidence);
    const [actual] = heatmaps(article, 'actual');
    expect(cellIndices(actual!)).toHaveLength(MAX_MAP_EXTENT * MAX_MAP_EXTENT);
    expect(differsIndices(actual!).sort()).toEqual([...evidence.differing!].sort());
    expect(visibleText(article)).toMatch(/rows \d+–47, columns \d+–47 of 48×48/);
  });

  it('bounds what it shows: counterexamples, failures in full, failures with pictures', () => {
    const evidence = byName('flipped kernel').evidence;
    const many = Array.from({ length: MAX_FAILURES_SHOWN + 5 }, (_, i) =>
      syntheticResult({
        id: `conv/many/${i}`,
        status: 'fail',
        message: `m${i}`,
        evidence,
        counterexample: { data: 'x'.repeat(MAX_COUNTEREXAMPLE_CHARS * 2) },
      }),
    );
    const html = renderHtml(syntheticReport(many));
    const articles = failureArticles(html);
    expect(articles).toHaveLength(MAX_FAILURES_SHOWN);
    expect(articles.filter((a) => heatmaps(a.html, 'input').length > 0)).toHaveLength(MAX_FAILURES_DRAWN);
    expect(visibleText(html)).toContain('5 more, without details');
    expect(visibleText(html)).toContain('conv/many/104');
    const counterexample = articles[0]!.html.match(/<pre class="counterexample">([\s\S]*?)<\/pre>/)![1]!;
    expect(counterexample).toMatch(/more characters in report\.json/);
    expect(counterexample.length).toBeLessThan(MAX_COUNTEREXAMPLE_CHARS + 100);
  });
});

describe('renderHtml: clauses, other results and events', () => {
  const registry = loadClauseRegistry();
  const report = (): Report =>
    syntheticReport(
      [
        syntheticResult({ id: 'conv/a', status: 'fail', spec: ['conv.groups', 'conv.no-flip'], message: 'x' }),
        syntheticResult({ id: 'fixture/b', status: 'pass', spec: ['conv.no-flip', 'shape.symbols'] }),
        syntheticResult({
          id: 'pool/c',
          status: 'expected-fail',
          spec: ['pool.max'],
          expectation: { match: 'pool/c', reason: 'framework bug 77' },
        }),
        syntheticResult({ id: 'pool/d', status: 'unsupported', spec: ['pool.avg'], message: 'needs feature pool.avg' }),
        syntheticResult({ id: 'x/e', status: 'pass', spec: ['made.up-clause'] }),
      ],
      { events: [{ kind: 'restart', detail: 'adapter process exited with code 3', count: 2 }] },
    );

  it('links each citation to the clause text it embeds, and out of the page only to a given spec base', () => {
    const html = renderHtml(report());
    const failure = failureArticles(html)[0]!.html;
    expect(failure).toContain('href="#clause-conv.groups"');
    expect(failure).toContain('href="#clause-conv.no-flip"');
    // No link leads out of the page: a report opened from a CI artifact has no spec folder beside it.
    expect(attributeValues(html, 'href').filter((href) => !href.startsWith('#'))).toEqual([]);
    expect(html).not.toMatch(/file:\/\//);
    // and every link within it finds its target
    const ids = new Set(attributeValues(html, 'id'));
    expect(attributeValues(html, 'href').filter((href) => !ids.has(href.slice(1)))).toEqual([]);
    const published = renderHtml(report(), { specBaseUrl: 'https://example.org/spec/' });
    const entry = published.slice(published.indexOf('id="clause-conv.groups"'));
    expect(entry.slice(0, entry.indexOf('</article>'))).toContain('href="https://example.org/spec/conv.md#conv.groups"');
    expect(failureArticles(published)[0]!.html).not.toContain('example.org');
  });

  it('embeds the title and text of every clause cited, from the packaged registry, in registry order', () => {
    const html = renderHtml(report());
    const section = html.slice(html.indexOf('id="clauses-cited"'));
    const entries = [...section.matchAll(/<article class="clause" id="clause-([^"]+)">/g)].map((m) => m[1]);
    const order = registry.clauses
      .map((c) => c.id)
      .filter((id) => ['conv.groups', 'conv.no-flip', 'shape.symbols', 'pool.max', 'pool.avg'].includes(id));
    expect(entries).toEqual(order);
    const text = visibleText(section).replace(/\s+/g, ' ');
    for (const id of order) {
      const clause = registry.clauses.find((c) => c.id === id)!;
      expect(text, id).toContain(`${id} — ${clause.title}`);
      // the start of the clause, as the spec words it (Markdown marks aside)
      const opening = clause.text.split('\n')[0]!.replace(/[`*_]/g, '').slice(0, 40);
      expect(text, id).toContain(opening.replace(/\s+/g, ' '));
    }
    expect(text).not.toContain('made.up-clause');
  });

  it('groups results by clause in registry order, with normativity and every citing test', () => {
    const html = renderHtml(report());
    const section = html.slice(html.indexOf('id="by-clause"'), html.indexOf('id="coverage"'));
    const cited = [...section.matchAll(/<tr class="[^"]*"><td>(?:<a class="mono" href="[^"]*">|<span class="mono">)([^<]+)</g)].map(
      (m) => m[1],
    );
    const order = registry.clauses
      .map((c) => c.id)
      .filter((id) => ['conv.groups', 'conv.no-flip', 'shape.symbols', 'pool.max', 'pool.avg'].includes(id));
    expect(cited).toEqual([...order, 'made.up-clause']);
    const text = visibleText(section);
    expect(text).toContain('informative');
    expect(text).toContain('not in the registry');
    expect(section).toContain('href="#failure-1"');
  });

  it('covers every active normative clause, the uncovered ones first and highlighted', () => {
    const html = renderHtml(report());
    const section = html.slice(html.indexOf('id="coverage"'), html.indexOf('id="other-results"'));
    const rows = [...section.matchAll(/<tr class="([^"]*)"><td>(?:<a class="mono" href="[^"]*">|<span class="mono">)([^<]+)</g)].map(
      (m) => ({ cls: m[1], id: m[2] }),
    );
    const normative = registry.clauses.filter((c) => c.normative && c.status === 'active').map((c) => c.id);
    expect(rows.map((r) => r.id).sort()).toEqual([...normative].sort());
    const covered = ['conv.groups', 'conv.no-flip', 'pool.max', 'pool.avg'].filter((id) => normative.includes(id));
    const firstCovered = rows.findIndex((r) => r.cls !== 'uncovered');
    expect(
      rows
        .slice(firstCovered)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...covered].sort());
    expect(rows.slice(0, firstCovered).every((r) => r.cls === 'uncovered')).toBe(true);
    expect(rows.find((r) => r.id === 'conv.groups')!.cls).toBe('failing');
    expect(visibleText(section)).toContain(`${normative.length - covered.length} of ${normative.length} normative clauses are not covered`);
  });

  it('lists passes, expected failures and unsupported tests with their reasons in a collapsible table, and adapter events', () => {
    const html = renderHtml(report());
    const other = html.slice(html.indexOf('id="other-results"'), html.indexOf('id="events"'));
    expect(other).toMatch(/<details><summary>2 pass, 1 expected fail, 1 unsupported<\/summary>/);
    const text = visibleText(other);
    for (const shown of ['fixture/b', 'pool/c', 'framework bug 77', 'pool/d', 'needs feature pool.avg']) expect(text).toContain(shown);
    expect(text).not.toContain('conv/a');
    expect(visibleText(html.slice(html.indexOf('id="events"')))).toMatch(/restart\s+2\s+adapter process exited with code 3/);
  });
});

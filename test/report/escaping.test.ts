/**
 * Everything an adapter can influence (its name, version, source and convention, test ids,
 * messages, counterexamples, expectations, events, evidence parameters, API forms) appears in both
 * renderings as text, never as markup.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escapeHtml.js';
import { escapeMarkdown } from '../../src/report/escapeMarkdown.js';
import { renderHtml } from '../../src/report/renderHtml.js';
import { renderMarkdown } from '../../src/report/renderMarkdown.js';
import type { Report } from '../../src/report/model/Report.js';
import { flippedKernelCase } from './failureCases.js';
import { failureArticles, visibleText } from './htmlQueries.js';
import { syntheticReport, syntheticResult } from './syntheticReport.js';

const IMG = '<img src=x onerror=alert(1)>';
const BREAKOUT = '</pre><script>alert(1)</script>';
const ATTRIBUTE = '" onmouseover="alert(1)" x="';

let report: Report;

beforeAll(async () => {
  const { evidence } = await flippedKernelCase();
  report = syntheticReport(
    [
      syntheticResult({
        id: `conv/${IMG}`,
        status: 'fail',
        spec: ['conv.definition', `made.up${ATTRIBUTE}`],
        description: `describes ${IMG}`,
        message: `first ${BREAKOUT}\nsecond line | with a pipe`,
        counterexample: { note: BREAKOUT, nested: [IMG] },
        replay: `npx cnnspec run --only '${BREAKOUT}' \`\`\`\n# not a heading`,
        evidence: {
          ...evidence,
          comparison: `compared ${IMG}`,
          params: { ...evidence.params, extra: BREAKOUT },
          form: `Conv(${IMG})`,
          otherForms: [`Gemm(${BREAKOUT} | pipe)`],
        },
      }),
      syntheticResult({
        id: 'pool/expected',
        status: 'expected-fail',
        expectation: { match: IMG, reason: `reason ${BREAKOUT}`, link: 'javascript:alert(1)' },
      }),
      syntheticResult({ id: 'pool/unsupported', status: 'unsupported', message: `needs ${IMG}` }),
    ],
    {
      adapter: {
        name: IMG,
        version: BREAKOUT,
        source: ATTRIBUTE,
        convention: { base: IMG, overrides: { knob: BREAKOUT } },
        features: [IMG],
      },
      run: { env: { CNNSPEC_X: BREAKOUT }, profile: IMG },
      expectations: { file: IMG, entries: 1, unmatched: [BREAKOUT], strict: false },
      events: [{ kind: IMG, detail: BREAKOUT, count: 1 }],
    },
  );
});

describe('escapeHtml', () => {
  it('turns every character that can start markup or end an attribute into an entity', () => {
    expect(escapeHtml(`${IMG}${BREAKOUT}${ATTRIBUTE}'&`)).not.toMatch(/[<>"']/);
    expect(escapeHtml('a & b < c > d " e \' f')).toBe('a &amp; b &lt; c &gt; d &quot; e &#39; f');
    expect(escapeHtml('nul\u0000 bell\u0007 tab\t')).toBe('nul\uFFFD bell\uFFFD tab\t');
  });
});

describe('escapeMarkdown', () => {
  it('leaves no tag, link, image, code span, emphasis or cell boundary', () => {
    expect(escapeMarkdown(IMG)).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
    expect(escapeMarkdown('![i](x)')).toBe('!\\[i\\](x)');
    expect(escapeMarkdown('`code` *b* _i_ ~s~ a|b # h')).toBe('\\`code\\` \\*b\\* \\_i\\_ \\~s\\~ a\\|b \\# h');
    expect(escapeMarkdown('one\ntwo\r\nthree')).toBe('one two three');
  });

  it('escapes a leading list or heading marker, so text at the start of a list item stays text', () => {
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('+ item')).toBe('\\+ item');
    expect(escapeMarkdown('12. item')).toBe('12\\. item');
    expect(escapeMarkdown('3) item')).toBe('3\\) item');
    expect(escapeMarkdown('a-b 1. c')).toBe('a-b 1. c');
  });
});

describe('renderHtml with hostile adapter text', () => {
  it('contains no markup from the adapter, and shows it all as text', () => {
    const html = renderHtml(report);
    // Event handler text may appear, but never as an attribute: its quotes are entities.
    expect(html).not.toMatch(/<script|<img|\son[a-z]+="/i);
    const text = visibleText(html);
    for (const literal of [
      IMG,
      BREAKOUT,
      `describes ${IMG}`,
      `compared ${IMG}`,
      'javascript:alert(1)',
      `Conv(${IMG})`,
      `Gemm(${BREAKOUT} | pipe)`,
    ])
      expect(text, literal).toContain(literal);
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    // The link of an expectation is shown, never followed.
    expect(html).not.toMatch(/href="javascript:/);
  });

  it('keeps attributes closed around adapter text', () => {
    const html = renderHtml(report);
    expect(html).toContain('made.up&quot; onmouseover=&quot;alert(1)&quot; x=&quot;');
    const article = failureArticles(html)[0]!.html;
    expect(article).toContain('<pre class="replay"><code>');
  });
});

describe('renderMarkdown with hostile adapter text', () => {
  it('contains no raw tag from the adapter outside code blocks, and keeps every table row one line', () => {
    const markdown = renderMarkdown(report);
    // Code blocks are literal in Markdown: only the replay commands are in them.
    const outsideCode = markdown.replace(/^ *(`{3,})sh\n[\s\S]*?^ *\1$/gm, '');
    expect(outsideCode).toContain('### Replay');
    expect(outsideCode).not.toContain('npx cnnspec run');
    expect(outsideCode).not.toMatch(/<img|<script|<\/pre/i);
    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt;');
    for (const line of markdown.split('\n').filter((l) => l.startsWith('|'))) expect(line.endsWith('|'), line).toBe(true);
    // Each row of the failure table has exactly its five cells (the last the API forms): pipes in messages and forms are escaped.
    const failureRow = markdown.split('\n').find((line) => line.startsWith('| conv/'))!;
    expect(failureRow.split(/(?<!\\)\|/).length - 2).toBe(5);
    expect(failureRow).toContain(
      'Conv(&lt;img src=x onerror=alert(1)&gt;); other calls: Gemm(&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt; \\| pipe)',
    );
  });

  it('fences a replay command so that backticks in it cannot close the block', () => {
    const markdown = renderMarkdown(report);
    const fence = markdown.match(/^ *(`{4,})sh$/m);
    expect(fence).not.toBeNull();
    const start = markdown.indexOf(`${fence![1]}sh`);
    const end = markdown.indexOf(fence![1]!, start + fence![1]!.length);
    expect(markdown.slice(start, end)).toContain("npx cnnspec run --only '</pre><script>alert(1)</script>' ```");
  });
});

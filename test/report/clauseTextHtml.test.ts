/** Clause texts as the report embeds them: Markdown made HTML, with nothing live but links to clauses. */
import { describe, expect, it } from 'vitest';
import { clauseTextHtml } from '../../src/report/clauseTextHtml.js';

const render = clauseTextHtml((id, file) =>
  id === 'in.page' ? '#clause-in.page' : id === 'published' ? `https://example.org/spec/${file ?? 'same.md'}#${id}` : undefined,
);

describe('clauseTextHtml', () => {
  it('renders the Markdown of a clause: paragraphs, code, lists and tables', () => {
    const html = render('A `stride` of **2**.\n\n```math\ny = x\n```\n\n- one\n- two\n\n| a | b |\n| --- | --- |\n| 1 | 2 |');
    expect(html).toContain('<p>A <code>stride</code> of <strong>2</strong>.</p>');
    expect(html).toContain('<pre><code class="language-math">y = x\n</code></pre>');
    expect(html).toContain('<li>two</li>');
    expect(html).toContain('<td>1</td>');
  });

  it('links a clause where the resolver places it, and shows any other link as its text', () => {
    expect(render('See [in.page](#in.page).')).toBe('<p>See <a href="#clause-in.page">in.page</a>.</p>\n');
    expect(render('See [there](conv.md#published).')).toBe('<p>See <a href="https://example.org/spec/conv.md#published">there</a>.</p>\n');
    expect(render('See [elsewhere](conv.md#unplaced).')).toBe('<p>See elsewhere.</p>\n');
    expect(render('[x](javascript:alert(1)) and <https://example.com> and [y](https://example.com)')).not.toMatch(/href=/);
  });

  it('shows raw HTML and images as text', () => {
    const html = render('<script>alert(1)</script>\n\nInline <img src=x onerror=alert(1)> and ![alt text](x.png).');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('alt text');
  });
});

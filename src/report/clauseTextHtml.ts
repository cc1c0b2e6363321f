/**
 * A clause's text (Markdown, from spec/clauses.json) as HTML for the report's appendix, so that
 * the report reads without the spec folder. The text is the kit's own, but the page's rules hold
 * for it too: raw HTML and images in it are shown as text, and a link survives only when it names
 * a clause (`file.md#id`, `#id`) that the given resolver places, in the page or in a published
 * spec; any other link is shown as its text.
 */
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './escapeHtml.js';

/** Where a link to clause `id` of spec file `file` points, or undefined to show its text alone. */
export type ClauseLinkResolver = (id: string, file: string | undefined) => string | undefined;

const CLAUSE_LINK = /^(?:([a-z0-9-]+\.md))?#([a-z0-9.-]+)$/;

/** A renderer of clause texts whose links go where `resolve` says. */
export function clauseTextHtml(resolve: ClauseLinkResolver): (markdown: string) => string {
  const marked = new Marked({
    async: false,
    gfm: true,
    renderer: {
      html: (token: Tokens.HTML | Tokens.Tag) =>
        'block' in token && token.block ? `<p>${escapeHtml(token.text)}</p>` : escapeHtml(token.text),
      image: (token: Tokens.Image) => escapeHtml(token.text),
      link(token: Tokens.Link) {
        const inner = this.parser.parseInline(token.tokens);
        const target = CLAUSE_LINK.exec(token.href);
        const href = target === null ? undefined : resolve(target[2]!, target[1]);
        return href === undefined ? inner : `<a href="${escapeHtml(href)}">${inner}</a>`;
      },
    },
  });
  return (markdown) => marked.parse(markdown, { async: false });
}

/**
 * Small queries over the rendered HTML for the unit tests (the browser test checks the same page
 * with a real DOM): the renderer writes flat, regular markup, so SVGs and articles are found by
 * their opening tags.
 */

/** The failure articles, in page order, with their status and markup. */
export function failureArticles(html: string): { status: string; html: string }[] {
  return [...html.matchAll(/<article class="failure[^"]*" id="[^"]*" data-status="([^"]+)">([\s\S]*?)<\/article>/g)].map((m) => ({
    status: m[1]!,
    html: m[2]!,
  }));
}

/** Every heatmap SVG of a tensor role. */
export function heatmaps(html: string, tensor: string): string[] {
  return [...html.matchAll(new RegExp(`<svg data-tensor="${tensor}"[\\s\\S]*?</svg>`, 'g'))].map((m) => m[0]);
}

/** The values of an attribute, in order. */
export function attributeValues(html: string, attribute: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${attribute}="([^"]*)"`, 'g'))].map((m) => m[1]!);
}

/** Flat indices of the drawn cells of an SVG (`data-index`), and of its differing marks (`data-differs`). */
export function cellIndices(svg: string): number[] {
  return attributeValues(svg, 'data-index').map(Number);
}

export function differsIndices(svg: string): number[] {
  return attributeValues(svg, 'data-differs').map(Number);
}

/** The text of the page with tags removed and the five entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

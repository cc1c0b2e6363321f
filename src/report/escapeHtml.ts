/**
 * Escapes text for HTML content and quoted attribute values. Everything an adapter supplies
 * (names, messages, counterexamples, test ids) passes through here, so it can only ever appear
 * as text. Characters HTML cannot hold (controls other than tab and newlines, lone surrogates,
 * noncharacters U+FFFE/U+FFFF) become U+FFFD.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[^\u0009\u000A\u000D\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

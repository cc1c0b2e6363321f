/**
 * Escapes text for inline Markdown (GitHub Flavored, as in job summaries, table cells and list
 * items): the punctuation that opens emphasis, code spans, links, images, strikethrough, table
 * cell boundaries and heading closers is backslash-escaped, as is a leading list or quote
 * marker; `&`, `<` and `>` become entities, so no tag an adapter writes can render; line breaks
 * become spaces, so a table row stays one row; control characters become U+FFFD.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD')
    .replace(/[\\`*_[\]|~#]/g, (char) => `\\${char}`)
    // A list marker is one only when a space or the end follows it.
    .replace(/^(\s*)([-+=]|\d+(?=[.)]))(?=[.)]?(\s|$))/, (_, space: string, marker: string) => (/^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

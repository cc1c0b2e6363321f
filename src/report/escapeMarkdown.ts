/**
 * Escapes text for inline Markdown (GitHub Flavored, as in job summaries, table cells and list
 * items): the punctuation that opens emphasis, code spans, links, images, strikethrough, table
 * cell boundaries and heading closers is backslash-escaped, as is a leading list or quote
 * marker; `&`, `<` and `>` become entities, so no tag an adapter writes can render; line breaks
 * become spaces, so a table row stays one row; control characters (C0 and C1, whose CSI and OSC
 * a terminal showing the file would obey) become U+FFFD. Bare URLs,
 * `www.` addresses and e-mail addresses, which GitHub links without any markup, are broken by an
 * invisible word joiner (U+2060) after `:`, `www` and `@`: they read the same and link nowhere.
 */
export const WORD_JOINER = '\u2060';

export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/:\/\//g, `:${WORD_JOINER}//`)
      .replace(/(www)\./gi, `$1${WORD_JOINER}.`)
      .replace(/@/g, `@${WORD_JOINER}`)
      .replace(/\r\n|\r|\n/g, ' ')
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '\uFFFD')
      .replace(/[\\`*_[\]|~#]/g, (char) => `\\${char}`)
      // A list marker is one only when a space or the end follows it.
      .replace(/^(\s*)([-+=]|\d+(?=[.)]))(?=[.)]?(\s|$))/, (_, space: string, marker: string) =>
        /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
      )
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

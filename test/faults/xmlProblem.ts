/**
 * A checker of XML 1.0 well-formedness, enough for the kit's JUnit reports: declaration,
 * comments, processing instructions, elements with attributes, character data, CDATA sections and
 * the predefined and numeric references, with XML's character range. No DTDs. Returns the first
 * problem with its offset, or undefined for a well-formed document.
 */

const NAME = /[A-Za-z_:][-A-Za-z0-9._:]*/y;
const SPACE = /[ \t\r\n]*/y;
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

export function xmlProblem(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (!isXmlChar(code)) return `character U+${code.toString(16).padStart(4, '0')} at ${i} is not allowed in XML`;
    if (code > 0xffff) i++;
  }
  let at = 0;
  const fail = (what: string): string => `${what} at offset ${at}: ${JSON.stringify(text.slice(at, at + 40))}`;
  const skipSpace = (): void => {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    at = SPACE.lastIndex;
  };
  const name = (): string | undefined => {
    NAME.lastIndex = at;
    const match = NAME.exec(text);
    if (match === null) return undefined;
    at = NAME.lastIndex;
    return match[0];
  };
  const reference = (): string | undefined => {
    const end = text.indexOf(';', at);
    if (end < 0) return fail('unterminated reference');
    const body = text.slice(at + 1, end);
    const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (numeric !== null) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2]!, 10);
      if (!isXmlChar(code)) return fail('character reference to a character XML does not allow');
    } else if (!PREDEFINED.has(body)) return fail('unknown entity');
    at = end + 1;
    return undefined;
  };
  const skipUntil = (terminator: string, what: string): string | undefined => {
    const end = text.indexOf(terminator, at);
    if (end < 0) return fail(`unterminated ${what}`);
    at = end + terminator.length;
    return undefined;
  };
  const misc = (): string | undefined => {
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0 || text.slice(at + 4, end).includes('--')) return fail('bad comment');
      at = end + 3;
    } else if (text.startsWith('<?', at)) {
      return skipUntil('?>', 'processing instruction');
    }
    return undefined;
  };
  const element = (): string | undefined => {
    if (text[at] !== '<') return fail('expected an element');
    at += 1;
    const tag = name();
    if (tag === undefined) return fail('expected an element name');
    const seen = new Set<string>();
    for (;;) {
      const before = at;
      skipSpace();
      if (text.startsWith('/>', at)) {
        at += 2;
        return undefined;
      }
      if (text[at] === '>') {
        at += 1;
        break;
      }
      if (at === before) return fail('expected space before an attribute');
      const attribute = name();
      if (attribute === undefined) return fail('expected an attribute name');
      if (seen.has(attribute)) return fail(`repeated attribute ${attribute}`);
      seen.add(attribute);
      skipSpace();
      if (text[at] !== '=') return fail('expected =');
      at += 1;
      skipSpace();
      const quote = text[at];
      if (quote !== '"' && quote !== "'") return fail('expected a quoted value');
      at += 1;
      while (text[at] !== quote) {
        if (at >= text.length) return fail('unterminated attribute value');
        if (text[at] === '<') return fail('< in an attribute value');
        if (text[at] === '&') {
          const problem = reference();
          if (problem !== undefined) return problem;
        } else at += 1;
      }
      at += 1;
    }
    for (;;) {
      if (at >= text.length) return fail(`unclosed element <${tag}>`);
      if (text.startsWith('</', at)) {
        at += 2;
        const closing = name();
        if (closing !== tag) return fail(`</${closing ?? ''}> closes <${tag}>`);
        skipSpace();
        if (text[at] !== '>') return fail('expected >');
        at += 1;
        return undefined;
      }
      let problem: string | undefined;
      if (text.startsWith('<![CDATA[', at)) {
        at += 9;
        problem = skipUntil(']]>', 'CDATA section');
      } else if (text.startsWith('<!--', at) || text.startsWith('<?', at)) problem = misc();
      else if (text[at] === '<') problem = element();
      else if (text[at] === '&') problem = reference();
      else if (text.startsWith(']]>', at)) problem = fail(']]> in character data');
      else at += 1;
      if (problem !== undefined) return problem;
    }
  };
  if (text.startsWith('<?xml', at)) {
    const problem = skipUntil('?>', 'XML declaration');
    if (problem !== undefined) return problem;
  }
  for (;;) {
    skipSpace();
    if (!text.startsWith('<!--', at) && !text.startsWith('<?', at)) break;
    const problem = misc();
    if (problem !== undefined) return problem;
  }
  const problem = element();
  if (problem !== undefined) return problem;
  for (;;) {
    skipSpace();
    if (at >= text.length) return undefined;
    if (!text.startsWith('<!--', at) && !text.startsWith('<?', at)) return fail('content after the root element');
    const trailing = misc();
    if (trailing !== undefined) return trailing;
  }
}

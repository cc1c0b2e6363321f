/**
 * The clauses the kit's own tests cite. A test cites a clause by writing `spec: <id>` in a
 * comment or a string, with several IDs comma-separated: `// spec: protocol.timeouts`,
 * `it('... (spec: shape.output-size.trunc)')`, `'[spec: conv.no-flip, conv.definition]'`.
 * Every citation is kept, known or not, so that a misspelt ID is reported instead of silently
 * counting as coverage of nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface ClauseCitation {
  id: string;
  /** Path relative to the scanned root, with forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
}

/**
 * A clause ID has at least two dot-separated segments, so prose after `spec:` is not taken for
 * one; `*` is accepted inside a segment so that a pattern such as `protocol.*` is found and
 * reported as unknown: a pattern names no clause in particular, so only exact IDs count.
 */
const ID = String.raw`[a-z][a-z0-9*-]*(?:\.[a-z0-9*][a-z0-9*-]*)+`;
const CITATION = new RegExp(String.raw`\bspec: +(${ID}(?:, *${ID})*)`, 'g');

export function citationsInText(text: string, file: string): ClauseCitation[] {
  const citations: ClauseCitation[] = [];
  for (const match of text.matchAll(CITATION)) {
    const line = text.slice(0, match.index).split('\n').length;
    for (const id of match[1]!.split(/, */)) citations.push({ id, file, line });
  }
  return citations;
}

function listTypeScript(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listTypeScript(path);
      return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
    })
    .sort();
}

/** Every citation in the `.ts` files under `root/dir`, in file order. */
export function findClauseCitations(root: string, dir = 'test'): ClauseCitation[] {
  return listTypeScript(join(root, dir)).flatMap((path) =>
    citationsInText(readFileSync(path, 'utf8'), relative(root, path).split(sep).join('/')),
  );
}

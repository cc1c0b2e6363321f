/**
 * The scanner of kit-test citations. Citation texts are assembled at run time (`SPEC`), so that
 * this file does not itself cite the clauses it uses as examples.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citationsInText, findClauseCitations } from '../../src/coverage/findClauseCitations.js';

const SPEC = ['spec', ': '].join('');

describe('citationsInText', () => {
  it('finds citations in comments, test titles and expected strings, with their lines', () => {
    const text = [
      `// ${SPEC}protocol.timeouts`,
      `it('rounds up (${SPEC}shape.output-size.trunc)', () => {`,
      `  expect(out).toContain('[${SPEC}conv.no-flip, conv.definition]');`,
    ].join('\n');
    expect(citationsInText(text, 'a.test.ts')).toEqual([
      { id: 'protocol.timeouts', file: 'a.test.ts', line: 1 },
      { id: 'shape.output-size.trunc', file: 'a.test.ts', line: 2 },
      { id: 'conv.no-flip', file: 'a.test.ts', line: 3 },
      { id: 'conv.definition', file: 'a.test.ts', line: 3 },
    ]);
  });

  it('leaves out a sentence-ending period and prose that is not a dotted ID', () => {
    const text = `// as the ${SPEC}pool.ceil-mode says.\n// ${SPEC}see below\n// npm run spec:render\n// \`${SPEC}\${error.clause}\``;
    expect(citationsInText(text, 'b.test.ts').map((c) => c.id)).toEqual(['pool.ceil-mode']);
  });

  it('keeps misspelt IDs and patterns, for the coverage to report them', () => {
    expect(citationsInText(`// ${SPEC}conv.grups, protocol.*`, 'c.test.ts').map((c) => c.id)).toEqual(['conv.grups', 'protocol.*']);
  });
});

describe('findClauseCitations', () => {
  it('scans every .ts file under the folder, recursively, and nothing else', () => {
    const root = mkdtempSync(join(tmpdir(), 'cnnspec-citations-'));
    mkdirSync(join(root, 'test', 'deep'), { recursive: true });
    writeFileSync(join(root, 'test', 'top.test.ts'), `\n// ${SPEC}conv.groups\n`);
    writeFileSync(join(root, 'test', 'deep', 'helper.ts'), `const s = '${SPEC}pool.max';\n`);
    writeFileSync(join(root, 'test', 'adapter.mjs'), `// ${SPEC}dense.bias\n`);
    expect(findClauseCitations(root)).toEqual([
      { id: 'pool.max', file: 'test/deep/helper.ts', line: 1 },
      { id: 'conv.groups', file: 'test/top.test.ts', line: 2 },
    ]);
  });
});

/**
 * The generated blocks of the spec and the README are up to date: formulas from
 * src/spec/formulas.ts, tables from src/spec/conventions.ts, examples from the CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERED_FILES, renderSpecText } from '../../scripts/specText.js';

const root = join(import.meta.dirname, '..', '..');

describe('rendered spec text', () => {
  for (const file of RENDERED_FILES) {
    it(`${file} is current (else run npm run spec:render)`, async () => {
      const text = readFileSync(join(root, file), 'utf8');
      expect(await renderSpecText(text)).toBe(text);
    });
  }

  it('rejects an unknown formula marker', async () => {
    await expect(renderSpecText('<!-- formula: no-such -->\n<!-- /formula -->')).rejects.toThrow(/unknown formula/);
  });
});

/**
 * The generated blocks of the spec and the README are up to date: formulas from
 * src/spec/formulas.ts, tables from src/spec/conventions.ts, examples from the CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERED_FILES, renderFormula, renderSpecText } from '../../scripts/specText.js';
import { FORMULAS, SYMBOLS, type FormulaId } from '../../src/spec/formulas.js';

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

  it("prints every formula's symbols as sentences that read as English", () => {
    for (const id of Object.keys(FORMULAS) as FormulaId[]) {
      const text = renderFormula(id);
      expect(text, id).not.toMatch(/is the (whether|\d)/);
      expect(text, id).not.toMatch(/\bis the (the|true|whether)\b/);
    }
    // Each meaning completes "`symbol` is ...": a noun phrase with its article, or a truth value or number.
    for (const [name, symbol] of Object.entries(SYMBOLS)) expect(symbol.meaning, name).toMatch(/^(the |true when |1 when )/);
  });

  it('has no rendered sentence that reads "is the whether" or "is the <number>"', () => {
    for (const file of RENDERED_FILES) expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(/is the (whether|\d)/);
  });

  it('rejects an unknown parameter table', async () => {
    await expect(renderSpecText('<!-- parameter-table: no-such -->\n<!-- /parameter-table -->')).rejects.toThrow(/unknown parameter table/);
  });

  it('opens every op page with its parameter table', () => {
    for (const [file, ops] of [
      ['spec/conv.md', ['conv']],
      ['spec/pool.md', ['pool', 'globalPool']],
      ['spec/dense.md', ['dense']],
      ['spec/padding.md', ['pad']],
    ] as const) {
      const text = readFileSync(join(root, file), 'utf8');
      const firstClause = text.indexOf('<a id="');
      for (const op of ops) {
        const table = text.indexOf(`<!-- parameter-table: ${op} -->`);
        expect(table, `${file}: ${op}`).toBeGreaterThan(0);
        expect(table, `${file}: ${op}`).toBeLessThan(firstClause);
      }
    }
    expect(readFileSync(join(root, 'spec/protocol.md'), 'utf8')).toContain('<!-- protocol-parameters -->');
  });
});

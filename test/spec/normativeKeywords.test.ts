/**
 * Normative clauses state their requirements with RFC 2119 key words, or are definitions listed
 * in src/spec/definitionClauses.ts; informative clauses state none (spec/README.md, "Conventions
 * of this document").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClauseRegistry, type Clause } from '../../src/spec/clauseRegistry.js';
import { DEFINITION_CLAUSES } from '../../src/spec/definitionClauses.js';

const root = join(import.meta.dirname, '..', '..');
// BCP 14 key words, in capitals only (RFC 8174).
const KEY_WORD = /\b(MUST|REQUIRED|SHALL|SHOULD|RECOMMENDED|MAY|OPTIONAL)\b/;
const active = loadClauseRegistry().clauses.filter((clause) => clause.status === 'active');

/** A clause's text, from its anchor to the next clause's anchor, without rendered blocks and quotations. */
function clauseText(clause: Clause): string {
  const text = readFileSync(join(root, 'spec', clause.file), 'utf8');
  const start = text.indexOf(`<a id="${clause.id}"></a>`);
  const next = text.indexOf('<a id="', start + 1);
  return text
    .slice(start, next === -1 ? undefined : next)
    .replace(/<!-- ([a-z-]+)(:[^>]*)? -->[\s\S]*?<!-- \/\1 -->/g, '')
    .replace(/"[^"\n]*"/g, '');
}

describe('RFC 2119 key words', () => {
  it('every normative clause states a requirement with a key word or is a listed definition', () => {
    const neither = active.filter(
      (clause) => clause.normative && !KEY_WORD.test(clauseText(clause)) && !Object.hasOwn(DEFINITION_CLAUSES, clause.id),
    );
    expect(neither.map((clause) => clause.id)).toEqual([]);
  });

  it('lists as definitions only active normative clauses without a key word, each with its reason', () => {
    for (const [id, reason] of Object.entries(DEFINITION_CLAUSES)) {
      const clause = active.find((candidate) => candidate.id === id);
      expect(clause?.normative, id).toBe(true);
      expect(clauseText(clause!), id).not.toMatch(KEY_WORD);
      expect(reason.length, id).toBeGreaterThan(10);
    }
  });

  it('uses no key word in an informative clause', () => {
    const informative = active.filter((clause) => !clause.normative && KEY_WORD.test(clauseText(clause)));
    expect(informative.map((clause) => clause.id)).toEqual([]);
  });

  it('reads key words only in capitals', () => {
    expect(KEY_WORD.test('an adapter may refuse')).toBe(false);
    expect(KEY_WORD.test('an adapter MAY refuse')).toBe(true);
    expect(KEY_WORD.test('the kit MUST NOT')).toBe(true);
  });
});

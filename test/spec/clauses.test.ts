/**
 * The clause registry and the spec text agree, and every clause cited anywhere exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAUSE_ID_PATTERN, loadClauseRegistry } from '../../src/spec/clauseRegistry.js';
import { FORMULAS } from '../../src/spec/formulas.js';
import { CONVENTIONS } from '../../src/spec/conventions.js';
import { readSpecClauses } from '../../scripts/specClauses.js';

const root = join(import.meta.dirname, '..', '..');
const registry = loadClauseRegistry();
const { clauses: textClauses, problems } = readSpecClauses(join(root, 'spec'));
const registered = new Map(registry.clauses.map((clause) => [clause.id, clause]));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('clause registry', () => {
  it('the spec text has well-formed clause headings', () => {
    expect(problems).toEqual([]);
  });

  it('lists exactly the clauses of the text, with the same title, file, normativity and text (else run npm run spec:clauses)', () => {
    const active = registry.clauses.filter((clause) => clause.status === 'active');
    expect(active.map((clause) => clause.id).sort()).toEqual(textClauses.map((clause) => clause.id).sort());
    for (const clause of textClauses) {
      const entry = registered.get(clause.id)!;
      expect({ title: entry.title, file: entry.file, normative: entry.normative, text: entry.text }, clause.id).toEqual({
        title: clause.title,
        file: clause.file,
        normative: clause.normative,
        text: clause.text,
      });
    }
  });

  it('holds the text of each clause up to the next one, without the markers of rendered blocks', () => {
    const framing = textClauses.find((clause) => clause.id === 'protocol.framing')!;
    expect(framing.text).toMatch(/^Messages are JSON objects, UTF-8, one per line/);
    expect(framing.text).toMatch(/kills\nand restarts the adapter\.$/);
    const withFormula = textClauses.find((clause) => clause.text.includes('```math'))!;
    expect(withFormula.text).not.toMatch(/<!--/);
    for (const clause of textClauses) expect(clause.text, clause.id).not.toMatch(/^<a id=|^#{1,3} /m);
  });

  it('has unique, well-formed IDs with a version', () => {
    const ids = registry.clauses.map((clause) => clause.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const clause of registry.clauses) {
      expect(clause.id, clause.id).toMatch(CLAUSE_ID_PATTERN);
      expect(clause.since, clause.id).toMatch(/^\d{4}\.\d+$/);
      if (clause.status === 'deprecated') expect(registered.has(clause.replacedBy ?? ''), clause.id).toBe(true);
    }
    expect(registry.version).toBe(readFileSync(join(root, 'spec', 'VERSION'), 'utf8').trim());
  });

  it('resolves every link between spec pages to a clause anchor in the linked file', () => {
    const broken: string[] = [];
    for (const file of readdirSync(join(root, 'spec')).filter((name) => name.endsWith('.md'))) {
      const text = readFileSync(join(root, 'spec', file), 'utf8');
      for (const match of text.matchAll(/\]\(([a-z-]+\.md)?#([^)]+)\)/g)) {
        const target = match[1] ?? file;
        const clause = registered.get(match[2]!);
        if (clause === undefined || clause.file !== target) broken.push(`${file}: ${match[0]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('knows every clause that the source code, formulas and conventions cite', () => {
    const unknown: string[] = [];
    const cite = (id: string, where: string): void => {
      if (!registered.has(id)) unknown.push(`${where}: ${id}`);
    };
    for (const path of [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'scripts'))]) {
      const text = readFileSync(path, 'utf8');
      for (const match of text.matchAll(/clause: '([a-z0-9.-]+)'/g)) cite(match[1]!, path);
      for (const match of text.matchAll(/@see spec:([a-z0-9.-]+)/g)) cite(match[1]!, path);
      for (const match of text.matchAll(/\/\/ spec: ([a-z0-9., -]+)/g)) {
        for (const id of match[1]!.split(/,\s*/)) cite(id.trim().replace(/\.$/, '').split(' ')[0]!, path);
      }
      for (const match of text.matchAll(/'(divergence\.[a-z0-9.-]+)'/g)) cite(match[1]!, path);
    }
    for (const formula of Object.values(FORMULAS)) cite(formula.clause, `formula ${formula.id}`);
    for (const convention of Object.values(CONVENTIONS)) cite(convention.clause, `convention ${convention.name}`);
    expect(unknown).toEqual([]);
  });

  it('prints every formula inside the clause that states it', () => {
    for (const formula of Object.values(FORMULAS)) {
      const clause = registered.get(formula.clause)!;
      const text = readFileSync(join(root, 'spec', clause.file), 'utf8');
      const start = text.indexOf(`<a id="${clause.id}"></a>`);
      const next = text.indexOf('<a id="', start + 1);
      const section = text.slice(start, next === -1 ? undefined : next);
      expect(section, `${formula.id} in ${clause.id}`).toContain(`<!-- formula: ${formula.id} -->`);
    }
  });
});

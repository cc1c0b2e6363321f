/** The clause-coverage table, on a small synthetic registry and synthetic citing sources. */
import { describe, expect, it } from 'vitest';
import type { Clause, ClauseRegistry } from '../../src/spec/clauseRegistry.js';
import { clauseCoverage, type CitingSources } from '../../src/coverage/clauseCoverage.js';
import { formatClauseCoverageSummary } from '../../src/coverage/formatClauseCoverageSummary.js';
import { renderClauseCoverage } from '../../src/coverage/renderClauseCoverage.js';

const clause = (id: string, normative: boolean, status: Clause['status'] = 'active'): Clause => ({
  id,
  title: `Title of ${id}`,
  file: 'a.md',
  normative,
  since: '2026.1',
  status,
  text: `Text of ${id}.`,
});

const registry: ClauseRegistry = {
  version: '2026.9',
  clauses: [
    clause('a.informative', false),
    clause('a.by-property', true),
    clause('a.old', true, 'deprecated'),
    clause('a.by-fixture', true),
    clause('a.uncovered-first', true),
    clause('a.by-test', true),
    clause('a.uncovered-second', true),
  ],
};

const sources: CitingSources = {
  properties: [
    { id: 'p/one/x', spec: ['a.by-property'] },
    { id: 'p/two/x', spec: ['a.by-property', 'a.informative'] },
  ],
  fixtures: [{ id: 'f-1', spec: ['a.by-fixture', 'a.by-property'] }],
  tests: [
    { id: 'a.by-test', file: 'test/t.test.ts', line: 3 },
    { id: 'a.by-test', file: 'test/t.test.ts', line: 3 },
    { id: 'a.by-test', file: 'test/u.test.ts', line: 9 },
  ],
};

describe('clauseCoverage', () => {
  it('lists uncovered normative clauses first, then covered ones, then informative, then deprecated, each in registry order', () => {
    const coverage = clauseCoverage(registry, sources);
    expect(coverage.clauses.map((entry) => entry.id)).toEqual([
      'a.uncovered-first',
      'a.uncovered-second',
      'a.by-property',
      'a.by-fixture',
      'a.by-test',
      'a.informative',
      'a.old',
    ]);
  });

  it('records who cites each clause, once per place', () => {
    const byId = new Map(clauseCoverage(registry, sources).clauses.map((entry) => [entry.id, entry]));
    expect(byId.get('a.by-property')).toMatchObject({
      required: true,
      covered: true,
      properties: ['p/one/x', 'p/two/x'],
      fixtures: ['f-1'],
      tests: [],
    });
    expect(byId.get('a.by-test')).toMatchObject({ covered: true, tests: ['test/t.test.ts:3', 'test/u.test.ts:9'] });
    expect(byId.get('a.informative')).toMatchObject({ required: false, covered: true });
    expect(byId.get('a.old')).toMatchObject({ required: false, covered: false, status: 'deprecated' });
  });

  it('counts required clauses per source and fails on an uncovered normative clause', () => {
    const { summary, problems } = clauseCoverage(registry, sources);
    expect(summary).toEqual({
      required: 5,
      covered: 3,
      uncovered: ['a.uncovered-first', 'a.uncovered-second'],
      bySource: { properties: 1, fixtures: 2, tests: 1 },
      testsOnly: 1,
      unknownCitations: 0,
      ok: false,
    });
    expect(problems).toEqual([
      'normative clause a.uncovered-first is cited by no property, fixture or kit test',
      'normative clause a.uncovered-second is cited by no property, fixture or kit test',
    ]);
  });

  it('passes when every normative clause is cited, whatever the informative and deprecated ones', () => {
    const all: CitingSources = {
      ...sources,
      tests: [
        ...sources.tests,
        { id: 'a.uncovered-first', file: 'test/v.test.ts', line: 1 },
        { id: 'a.uncovered-second', file: 'test/v.test.ts', line: 2 },
      ],
    };
    expect(clauseCoverage(registry, all).summary).toMatchObject({ covered: 5, uncovered: [], ok: true });
  });

  it('fails on a citation of an unknown clause, from any source, and does not count it as coverage', () => {
    const typo: CitingSources = {
      properties: [{ id: 'p/typo/x', spec: ['a.by-propertyy'] }],
      fixtures: [{ id: 'f-typo', spec: ['a.by-fixtur'] }],
      tests: [
        { id: 'a.uncovered-first', file: 'test/v.test.ts', line: 1 },
        { id: 'a.uncovered-second', file: 'test/v.test.ts', line: 2 },
        { id: 'a.by-property', file: 'test/v.test.ts', line: 3 },
        { id: 'a.by-fixture', file: 'test/v.test.ts', line: 4 },
        { id: 'a.by-tset', file: 'test/w.test.ts', line: 7 },
      ],
    };
    const coverage = clauseCoverage(registry, typo);
    expect(coverage.unknown).toEqual([
      { id: 'a.by-propertyy', source: 'property', where: 'p/typo/x' },
      { id: 'a.by-fixtur', source: 'fixture', where: 'f-typo' },
      { id: 'a.by-tset', source: 'test', where: 'test/w.test.ts:7' },
    ]);
    expect(coverage.summary).toMatchObject({ uncovered: ['a.by-test'], unknownCitations: 3, ok: false });
    expect(coverage.problems).toContain('test test/w.test.ts:7 cites a.by-tset, which is not a clause of spec/clauses.json');
  });

  it('fails on an unknown citation alone, with every normative clause covered', () => {
    const tests = registry.clauses.map((c, line) => ({ id: c.id, file: 'test/all.test.ts', line }));
    const coverage = clauseCoverage(registry, {
      properties: [],
      fixtures: [],
      tests: [...tests, { id: 'a.nowhere', file: 'test/x.test.ts', line: 1 }],
    });
    expect(coverage.summary).toMatchObject({ uncovered: [], unknownCitations: 1, ok: false });
  });
});

describe('rendering', () => {
  const coverage = clauseCoverage(registry, {
    ...sources,
    tests: [...sources.tests, { id: 'a.missing', file: 'test/x.test.ts', line: 5 }],
  });

  it('prints the counts, the uncovered clauses and the unknown citations in the summary', () => {
    expect(formatClauseCoverageSummary(coverage)).toEqual([
      'normative clauses covered 3 of 5 (properties 1, fixtures 2, kit tests 1; kit tests only 1)',
      'uncovered: a.uncovered-first, a.uncovered-second',
      'unknown clause: test test/x.test.ts:5 cites a.missing, which is not in spec/clauses.json',
    ]);
  });

  it('writes Markdown with the problems and one row per clause, uncovered normative clauses first', () => {
    const markdown = renderClauseCoverage(coverage);
    expect(markdown).toContain('3 of 5 normative clauses covered');
    expect(markdown).toContain('- test test/x.test.ts:5 cites a.missing, which is not a clause of spec/clauses.json');
    const rows = markdown.split('\n').filter((line) => line.startsWith('| [`'));
    expect(rows.map((row) => /\[`([^`]+)`\]/.exec(row)![1])).toEqual(coverage.clauses.map((entry) => entry.id));
    expect(rows[0]).toContain('**UNCOVERED**');
    expect(rows[0]).toContain('(../../spec/a.md#a.uncovered-first)');
    expect(rows[2]).toContain('2: `p/one/x`, `p/two/x`');
    expect(rows.at(-1)).toContain('deprecated');
  });

  it('shortens long lists and escapes pipes in titles', () => {
    const many = clauseCoverage(
      { version: '1', clauses: [{ ...clause('b.x', true), title: 'a | b' }] },
      { properties: [], fixtures: ['f1', 'f2', 'f3', 'f4'].map((id) => ({ id, spec: ['b.x'] })), tests: [] },
    );
    const row = renderClauseCoverage(many)
      .split('\n')
      .find((line) => line.startsWith('| [`b.x`]'))!;
    expect(row).toContain('a \\| b');
    expect(row).toContain('4: `f1`, `f2`, `f3`, ...');
    expect(renderClauseCoverage(many)).not.toContain('## Problems');
  });
});

/**
 * Clause coverage of the spec: for every clause of the registry, the properties, golden fixtures
 * and kit tests that cite it. A normative, active clause is covered when at least one of them
 * cites it; a citation of an ID that is not in the registry is a problem, not coverage.
 */
import type { Clause, ClauseRegistry } from '../spec/clauseRegistry.js';
import type { ClauseCitation } from './findClauseCitations.js';

/** What cites clauses: each property and fixture by its `spec` list, kit tests by comment or string. */
export interface CitingSources {
  properties: readonly { id: string; spec: readonly string[] }[];
  fixtures: readonly { id: string; spec: readonly string[] }[];
  tests: readonly ClauseCitation[];
}

export type CitingSource = 'property' | 'fixture' | 'test';

export interface ClauseCoverageEntry {
  id: string;
  title: string;
  file: string;
  normative: boolean;
  status: Clause['status'];
  /** Normative and active: some property, fixture or kit test must cite it. */
  required: boolean;
  covered: boolean;
  properties: string[];
  fixtures: string[];
  /** `file:line` of each citation. */
  tests: string[];
}

export interface UnknownCitation {
  id: string;
  source: CitingSource;
  /** A property or fixture id, or `file:line` of a kit test. */
  where: string;
}

export interface ClauseCoverage {
  format: 'cnnspec-clause-coverage/1';
  specVersion: string;
  summary: {
    /** Normative, active clauses. */
    required: number;
    covered: number;
    uncovered: string[];
    /** Required clauses cited by at least one source of each kind. */
    bySource: { properties: number; fixtures: number; tests: number };
    /** Required clauses that only kit tests cite. */
    testsOnly: number;
    unknownCitations: number;
    /** Every required clause covered and every citation known. */
    ok: boolean;
  };
  /**
   * Required clauses first, the uncovered among them before the covered; then informative
   * clauses, then deprecated ones; registry order within each group.
   */
  clauses: ClauseCoverageEntry[];
  unknown: UnknownCitation[];
  /** One sentence per uncovered clause and per unknown citation. */
  problems: string[];
}

function rank(entry: ClauseCoverageEntry): number {
  if (entry.required) return entry.covered ? 1 : 0;
  return entry.status === 'active' ? 2 : 3;
}

export function clauseCoverage(registry: ClauseRegistry, sources: CitingSources): ClauseCoverage {
  const entries = new Map<string, ClauseCoverageEntry>(
    registry.clauses.map((clause) => [
      clause.id,
      {
        id: clause.id,
        title: clause.title,
        file: clause.file,
        normative: clause.normative,
        status: clause.status,
        required: clause.normative && clause.status === 'active',
        covered: false,
        properties: [],
        fixtures: [],
        tests: [],
      },
    ]),
  );
  const unknown: UnknownCitation[] = [];
  const cite = (id: string, source: CitingSource, where: string): void => {
    const entry = entries.get(id);
    if (entry === undefined) {
      unknown.push({ id, source, where });
      return;
    }
    const list = source === 'property' ? entry.properties : source === 'fixture' ? entry.fixtures : entry.tests;
    if (!list.includes(where)) list.push(where);
    entry.covered = true;
  };
  for (const property of sources.properties) for (const id of property.spec) cite(id, 'property', property.id);
  for (const fixture of sources.fixtures) for (const id of fixture.spec) cite(id, 'fixture', fixture.id);
  for (const citation of sources.tests) cite(citation.id, 'test', `${citation.file}:${citation.line}`);

  const clauses = [...entries.values()]
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry) - rank(b.entry) || a.index - b.index)
    .map(({ entry }) => entry);
  const required = clauses.filter((entry) => entry.required);
  const uncovered = required.filter((entry) => !entry.covered).map((entry) => entry.id);
  const problems = [
    ...uncovered.map((id) => `normative clause ${id} is cited by no property, fixture or kit test`),
    ...unknown.map((citation) => `${citation.source} ${citation.where} cites ${citation.id}, which is not a clause of spec/clauses.json`),
  ];
  return {
    format: 'cnnspec-clause-coverage/1',
    specVersion: registry.version,
    summary: {
      required: required.length,
      covered: required.length - uncovered.length,
      uncovered,
      bySource: {
        properties: required.filter((entry) => entry.properties.length > 0).length,
        fixtures: required.filter((entry) => entry.fixtures.length > 0).length,
        tests: required.filter((entry) => entry.tests.length > 0).length,
      },
      testsOnly: required.filter((entry) => entry.tests.length > 0 && entry.properties.length === 0 && entry.fixtures.length === 0).length,
      unknownCitations: unknown.length,
      ok: problems.length === 0,
    },
    clauses,
    unknown,
    problems,
  };
}

/**
 * Results by clause: which tests of a run cite each clause of the registry, and how they fared.
 * Both renderings list clauses in registry order, so a reader finds a clause in the same place
 * as in the spec.
 */
import { loadClauseRegistry, type Clause, type ClauseRegistry } from '../spec/clauseRegistry.js';
import type { Report, ReportResult, ResultStatus } from './model/Report.js';

export interface ClauseTally {
  id: string;
  /** Undefined for an ID a result cites that the registry does not hold. */
  clause: Clause | undefined;
  results: ReportResult[];
  counts: Record<ResultStatus, number>;
}

export const STATUSES: readonly ResultStatus[] = ['pass', 'fail', 'error', 'unexpected-pass', 'expected-fail', 'unsupported'];

function tally(id: string, clause: Clause | undefined, results: ReportResult[]): ClauseTally {
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<ResultStatus, number>;
  for (const result of results) counts[result.status] += 1;
  return { id, clause, results, counts };
}

function citing(report: Report): Map<string, ReportResult[]> {
  const byClause = new Map<string, ReportResult[]>();
  for (const result of report.results) {
    for (const id of new Set(result.spec)) {
      const list = byClause.get(id);
      if (list === undefined) byClause.set(id, [result]);
      else list.push(result);
    }
  }
  return byClause;
}

/** Every clause some result cites: registry clauses in registry order, then unknown IDs in order of first citation. */
export function tallyCitedClauses(report: Report, registry: ClauseRegistry = loadClauseRegistry()): ClauseTally[] {
  const byClause = citing(report);
  const known = registry.clauses
    .filter((clause) => byClause.has(clause.id))
    .map((clause) => tally(clause.id, clause, byClause.get(clause.id)!));
  const registered = new Set(registry.clauses.map((clause) => clause.id));
  const unknown = [...byClause.keys()].filter((id) => !registered.has(id)).map((id) => tally(id, undefined, byClause.get(id)!));
  return [...known, ...unknown];
}

/**
 * Every active normative clause of the registry with the tests of this run that cover it: the
 * clauses no test covered first, then the rest, each group in registry order.
 */
export function tallyNormativeClauses(report: Report, registry: ClauseRegistry = loadClauseRegistry()): ClauseTally[] {
  const byClause = citing(report);
  const normative = registry.clauses
    .filter((clause) => clause.normative && clause.status === 'active')
    .map((clause) => tally(clause.id, clause, byClause.get(clause.id) ?? []));
  return [...normative.filter((t) => t.results.length === 0), ...normative.filter((t) => t.results.length > 0)];
}

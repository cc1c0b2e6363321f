/**
 * Joins the reports of the shards of one run (`--shard i/n` on n machines) into the report of
 * the whole run: the same results, in the same order, with the same summary as an unsharded run
 * with the same settings. Reports of different runs are refused; a missing shard leaves the
 * merged run incomplete.
 *
 * @see spec:conformance.shards
 */
import { countEvents } from './countEvents.js';
import type { Report, ReportResult } from '../report/model/Report.js';
import { summarizeResults } from './summarizeResults.js';
import { loadProfiles } from '../profiles/loadProfiles.js';
import { profileVerdicts } from '../profiles/profileVerdicts.js';

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

/** The unsharded order: properties, then fixtures, each by id (as workItems orders them). */
export function compareResults(a: ReportResult, b: ReportResult): number {
  if (a.kind !== b.kind) return a.kind === 'property' ? -1 : 1;
  return a.id.localeCompare(b.id);
}

/** What must be equal across the shards of one run, by name. */
function runIdentity(report: Report): Record<string, unknown> {
  return {
    'suite version': report.suite.version,
    'spec version': report.suite.specVersion,
    'adapter name': report.adapter.name,
    'adapter version': report.adapter.version,
    'adapter source': report.adapter.source,
    'adapter convention': report.adapter.convention,
    'adapter features': [...report.adapter.features].sort(),
    seed: report.run.seed,
    'runs per property': report.run.numRuns,
    'element cap': report.run.maxElements,
    'per-call timeout': report.run.timeoutMs,
    'properties run': report.run.properties,
    'fixtures run': report.run.fixtures,
    "kit's fixtures run": report.run.builtinFixtures !== false,
    'fixture folders': report.run.fixtureFolders ?? [],
    profile: report.run.profile,
    only: report.run.only ?? null,
    'selected clauses': report.run.clauses ?? null,
    'selected features': report.run.features ?? null,
    'expectations file': report.expectations?.file ?? null,
    'strict expectations': report.expectations?.strict ?? null,
  };
}

export function mergeReports(reports: readonly Report[], names: readonly string[] = reports.map((_, i) => `report ${i + 1}`)): Report {
  if (reports.length === 0) throw new MergeError('give at least one report to merge');
  const first = reports[0]!;
  const identity = runIdentity(first);
  for (const [index, report] of reports.entries()) {
    const other = runIdentity(report);
    for (const [field, value] of Object.entries(identity)) {
      if (JSON.stringify(other[field]) !== JSON.stringify(value)) {
        throw new MergeError(
          `${names[index]} is not a shard of the same run as ${names[0]}: its ${field} is ${JSON.stringify(other[field])}, not ${JSON.stringify(value)}`,
        );
      }
    }
  }
  const count = first.run.shard?.count ?? 1;
  const seen = new Map<number, string>();
  for (const [index, report] of reports.entries()) {
    const shard = report.run.shard ?? { index: 1, count: 1 };
    if (shard.count !== count)
      throw new MergeError(`${names[index]} is shard ${shard.index}/${shard.count}, but ${names[0]} is one of ${count} shards`);
    const earlier = seen.get(shard.index);
    if (earlier !== undefined) throw new MergeError(`${names[index]} and ${earlier} are both shard ${shard.index}/${count}`);
    seen.set(shard.index, names[index]!);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !seen.has(index));

  const results = reports.flatMap((r) => r.results).sort(compareResults);
  const ids = new Set<string>();
  for (const result of results) {
    if (ids.has(result.id)) throw new MergeError(`the test ${result.id} is in more than one shard: these are not shards of one run`);
    ids.add(result.id);
  }
  const incomplete = missing.length > 0 || reports.some((r) => r.run.incomplete);
  // Every shard judges its expectations against the whole suite, so all list the same stale entries.
  const unmatched = first.expectations?.unmatched ?? [];
  const strict = first.expectations?.strict === true;
  const started = reports.map((r) => r.run.startedAt).sort()[0]!;
  const finished = reports
    .map((r) => r.run.finishedAt)
    .sort()
    .at(-1)!;
  const { shard: _shard, ...run } = first.run;
  const starts = reports.every((r) => r.adapter.starts === undefined)
    ? undefined
    : reports.reduce((sum, r) => sum + (r.adapter.starts ?? 0), 0);
  return {
    ...first,
    adapter: { ...first.adapter, ...(starts === undefined ? {} : { starts }) },
    run: {
      ...run,
      startedAt: started,
      finishedAt: finished,
      // Shards run side by side: the run took as long as its slowest shard.
      durationMs: Math.max(...reports.map((r) => r.run.durationMs)),
      adapterMs: reports.reduce((sum, r) => sum + r.run.adapterMs, 0),
      incomplete,
      mergedFrom: reports
        .map((r) => ({
          shard: r.run.shard ?? { index: 1, count: 1 },
          startedAt: r.run.startedAt,
          durationMs: r.run.durationMs,
          adapterMs: r.run.adapterMs,
          tests: r.results.length,
        }))
        .sort((a, b) => a.shard.index - b.shard.index),
      ...(missing.length === 0 ? {} : { missingShards: missing }),
    },
    ...(first.expectations === undefined ? {} : { expectations: { ...first.expectations, unmatched, ...mergedDefects(reports) } }),
    summary: summarizeResults(results, { incomplete, strictExpectations: strict, unmatchedExpectations: unmatched.length }),
    results,
    // Every shard counted the same tests of each profile; met or not is a matter of the whole run (spec: conformance.profiles).
    ...(first.profiles === undefined
      ? {}
      : { profiles: profileVerdicts(loadProfiles(), first.profiles, results, { incomplete, strictExpectations: strict }) }),
    events: countEvents(reports.flatMap((r) => r.events)),
  };
}

/** Each defect entry's explained failures, summed over the shards. */
function mergedDefects(reports: readonly Report[]): { defects?: { defect: string; explained: number }[] } {
  const first = reports[0]!.expectations?.defects;
  if (first === undefined) return {};
  return {
    defects: first.map(({ defect }) => ({
      defect,
      explained: reports.reduce((sum, r) => sum + (r.expectations?.defects?.find((d) => d.defect === defect)?.explained ?? 0), 0),
    })),
  };
}

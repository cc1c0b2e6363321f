/**
 * A conformance run: every property and every golden fixture against one adapter, sharded if
 * asked, with expectations applied, collected into one report. Nothing an adapter does can stop
 * the run: calls are guarded by timeouts, failures are recorded, and an interrupted run still
 * returns a report marked incomplete.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterOp } from '../ops/Adapter.js';
import { OPS } from '../ops/registry.js';
import { resolveConvention, type ConventionSpec } from '../spec/conventions.js';
import type { Fixture } from '../fixtures/Fixture.js';
import { loadFixtures, type LoadedFixture } from '../fixtures/loadFixtures.js';
import type { FixtureSet } from '../fixtures/loadFixtureFolder.js';
import { packageRoot } from '../files/packageRoot.js';
import { PROTOCOL_VERSION } from '../protocol/messages.js';
import { ADAPTER_API_VERSION, ADAPTER_OPS } from '../ops/Adapter.js';
import { ALL_PROPERTIES } from '../../properties/index.js';
import type { ExpectationEntry } from './Expectations.js';
import { fixtureFeatures } from '../fixtures/judgeFixture.js';
import { describeEntry, entryMatches, overBroadEntries, seedFragileWarnings, staleEntries } from './loadExpectations.js';
import { guardAdapter } from './guardAdapter.js';
import { lateFaultEvent } from './runGuardedTest.js';
import { countEvents } from './countEvents.js';
import type { Report, ReportResult } from '../report/model/Report.js';
import { DEFAULT_MAX_ELEMENTS } from './runDefaults.js';
import { runJobs } from './jobs/runJobs.js';
import { summarizeResults } from './summarizeResults.js';
import type { RunOptions } from './RunOptions.js';
import type { WorkItem } from './WorkItem.js';

export type { RunOptions, WorkItem };
import { describeSelection, selectTests } from './selectTests.js';
import { conventionName } from './conventionName.js';
import { SelectionError } from './SelectionError.js';
import { loadProfiles, resolveProfiles } from '../profiles/loadProfiles.js';
import { profileTotals, profileVerdicts } from '../profiles/profileVerdicts.js';

const SUITE_VERSION = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

function specVersion(): string {
  return readFileSync(join(packageRoot(), 'spec', 'VERSION'), 'utf8').trim();
}

export { conventionName };

/** The adapter methods a fixture calls (judgeFixture): its op's, or a model's shape questions. */
function fixtureOps(fixture: Fixture): AdapterOp[] {
  return fixture.op === 'model' ? ['outputShape', 'paramCount'] : [OPS[fixture.op].method];
}

/** Which fixtures a run takes: the kit's own unless left out, and users' folders. */
export interface FixtureChoice {
  builtinFixtures?: boolean;
  fixtureSets?: readonly FixtureSet[];
}

/** The fixtures of a run with the prefix of their test ids: `fixture/` for the kit's, `fixture/<name>/` for a folder's. */
function chosenFixtures(choice: FixtureChoice): { prefix: string; fixtures: LoadedFixture[] }[] {
  const sets = (choice.fixtureSets ?? []).map((set) => ({ prefix: `fixture/${set.name}/`, fixtures: set.fixtures }));
  return choice.builtinFixtures === false ? sets : [{ prefix: 'fixture/', fixtures: loadFixtures() }, ...sets];
}

/** Every test, properties first, each group sorted by id: the order shards partition. */
export function workItems(
  convention: ConventionSpec,
  options: { properties?: boolean; fixtures?: boolean } & FixtureChoice = {},
): WorkItem[] {
  const items: WorkItem[] = [];
  if (options.properties ?? true) {
    for (const property of [...ALL_PROPERTIES].sort((a, b) => a.id.localeCompare(b.id))) {
      items.push({
        id: property.id,
        kind: 'property',
        spec: [...property.spec],
        features: [...property.features],
        ops: [...property.ops],
        description: property.description,
        property,
      });
    }
  }
  if (options.fixtures ?? true) {
    const name = conventionName(convention);
    const fixtures = chosenFixtures(options).flatMap(({ prefix, fixtures: loaded }) =>
      loaded.map(({ fixture }) => ({ id: `${prefix}${fixture.id}`, fixture })),
    );
    for (const { id, fixture } of fixtures.sort((a, b) => a.id.localeCompare(b.id))) {
      let features: string[] = [];
      if (fixture.op !== 'model') {
        try {
          features = fixtureFeatures(fixture, fixture.conventions.includes(name as never) ? name : fixture.conventions[0]!);
        } catch {
          features = [];
        }
      }
      items.push({
        id,
        kind: 'fixture',
        spec: [...fixture.spec],
        features,
        ops: fixtureOps(fixture),
        description: fixture.description,
        fixture,
      });
    }
  }
  return items;
}

/** The items of shard `index` of `count` (1-based): item i goes to shard (i mod count) + 1. */
export function shardItems<T>(items: readonly T[], shard: { index: number; count: number } | undefined): T[] {
  if (shard === undefined) return [...items];
  return items.filter((_, i) => i % shard.count === shard.index - 1);
}

/** The seed-fragile entries, and how many failures each defect entry explained. spec: conformance.expectations */
export function expectationNotes(
  entries: readonly ExpectationEntry[],
  results: readonly ReportResult[],
): { warnings: string[]; defects: { defect: string; explained: number }[] } {
  const defects = entries
    .filter((entry) => entry.defect !== undefined)
    .map((entry) => ({
      defect: describeEntry(entry),
      explained: results.filter((result) => result.expectation?.match === describeEntry(entry) || setAsideBy(entry, result)).length,
    }));
  return { warnings: seedFragileWarnings(entries), defects };
}

/** Whether a defect entry explained cases a property set aside, whatever became of the property. */
function setAsideBy(entry: ExpectationEntry, result: ReportResult): boolean {
  return (
    (result.explained ?? []).some((explained) => explained.defect === entry.defect) &&
    (entry.match === undefined || entryMatches(entry, result.id, result.features))
  );
}

export async function runConformance(options: RunOptions): Promise<Report> {
  const startedAt = new Date();
  const guarded = guardAdapter(options.adapter, options.timeoutMs);
  const convention = conventionName(options.adapter.convention);
  resolveConvention(options.adapter.convention, 'adapter');
  const profiles = resolveProfiles(options.profiles ?? []);
  // The whole suite once: the selection runs, and expectations and profiles are judged against every test.
  const choice: FixtureChoice = {
    ...(options.builtinFixtures === undefined ? {} : { builtinFixtures: options.builtinFixtures }),
    ...(options.fixtureSets === undefined ? {} : { fixtureSets: options.fixtureSets }),
  };
  const suite = workItems(options.adapter.convention, choice).filter((item) =>
    item.kind === 'property' ? options.properties !== false : options.fixtures !== false,
  );
  const selection = {
    ...(options.only === undefined ? {} : { only: options.only }),
    ...(options.clauses === undefined ? {} : { clauses: options.clauses }),
    ...(options.features === undefined ? {} : { features: options.features }),
  };
  const all = selectTests(suite, selection);
  if (all.length === 0) {
    // spec: conformance.selection — an empty selection is a usage error, never a conformant run
    throw new SelectionError(
      'the selection',
      describeSelection(selection),
      `select at least one of the suite's ${suite.length} tests (ids such as conv/no-flip/kernel-applied-as-stored or fixture/<fixture id>, globs such as 'pool/*', clause IDs such as 'pool.ceil-mode*', features such as pool.avg)`,
    );
  }
  const items = shardItems(all, options.shard);
  const entries = options.expectations?.content.entries ?? [];
  const context = {
    adapter: guarded,
    convention,
    run: options,
    profiles,
    entries,
    ...(options.chooseProfiles === undefined ? {} : { chooseProfiles: options.chooseProfiles }),
  };
  const ran = await runJobs(items, context, guarded, options);
  const { results, incomplete } = ran;
  /** Late faults that no test in flight could take, and the worker jobs' faults and process events: they belong to the run. */
  const runFaults: { kind: string; detail: string }[] = [...ran.events];
  guarded.closeLateFaults();
  runFaults.push(...guarded.takeLateFaults().map(lateFaultEvent));
  const everyTest = workItems(options.adapter.convention, choice);
  const unmatched = staleEntries(entries, everyTest);
  const overBroad = overBroadEntries(entries, everyTest);
  const summary = summarizeResults(results, {
    incomplete,
    strictExpectations: options.strictExpectations === true,
    unmatchedExpectations: unmatched.length,
  });
  const finishedAt = new Date();
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('CNNSPEC_')) as [string, string][]);
  return {
    format: 'cnnspec-report/1',
    suite: {
      name: 'cnnspec',
      version: SUITE_VERSION,
      specVersion: specVersion(),
      adapterApi: ADAPTER_API_VERSION,
      protocol: PROTOCOL_VERSION,
    },
    adapter: {
      name: options.adapter.name,
      version: options.adapter.version,
      convention: options.adapter.convention,
      features: [...options.adapter.features],
      ops: ADAPTER_OPS.filter((op) => typeof options.adapter[op] === 'function'),
      source: options.source,
      ...(options.starts === undefined ? {} : { starts: options.starts() + ran.workerStarts }),
    },
    run: {
      seed: options.seed,
      numRuns: options.numRuns,
      maxElements: options.maxElements ?? DEFAULT_MAX_ELEMENTS,
      timeoutMs: options.timeoutMs,
      properties: options.properties !== false,
      fixtures: options.fixtures !== false,
      ...(options.builtinFixtures === false ? { builtinFixtures: false } : {}),
      ...(options.fixtureSets === undefined || options.fixtureSets.length === 0
        ? {}
        : { fixtureFolders: options.fixtureSets.map((set) => ({ name: set.name, dir: set.dir, fixtures: set.fixtures.length })) }),
      profile: profiles.map((profile) => profile.name).join(','),
      ...(options.clauses === undefined ? {} : { clauses: options.clauses }),
      ...(options.features === undefined ? {} : { features: options.features }),
      selected: all.length,
      ...(options.shard === undefined ? {} : { shard: options.shard }),
      ...(options.only === undefined ? {} : { only: options.only }),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      adapterMs: Math.round(guarded.adapterMs() + ran.workerAdapterMs),
      ...(ran.jobs === 1 ? {} : { jobs: ran.jobs }),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      incomplete,
      env,
    },
    ...(options.expectations === undefined
      ? {}
      : {
          expectations: {
            file: options.expectations.file,
            entries: entries.length,
            unmatched,
            strict: options.strictExpectations === true,
            ...expectationNotes(entries, results),
            ...(overBroad.length === 0 ? {} : { overBroad }),
          },
        }),
    summary,
    results,
    profiles: profileVerdicts(loadProfiles(), profileTotals(loadProfiles(), everyTest), results, {
      incomplete,
      strictExpectations: options.strictExpectations === true,
    }),
    events: countEvents([...(options.events?.() ?? []), ...runFaults]),
  };
}

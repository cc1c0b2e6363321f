/**
 * The conformance suite inside a project's own vitest run: every property and every golden
 * fixture becomes one vitest test against the project's adapter, so that the project's
 * `npm test` is its conformance gate.
 *
 * ```ts
 * import { registerConformanceSuite } from 'cnnspec/vitest';
 * import { myAdapter } from '../src/myAdapter.js';
 *
 * registerConformanceSuite(await myAdapter(), { expectations: 'test/cnnspec-expectations.json' });
 * ```
 *
 * Tests are grouped as `properties > conv > conv/no-flip/kernel-applied-as-stored` and
 * `fixtures > pool > fixture/pool.ceil-mode-...`. A test of a feature the adapter does not
 * declare is skipped with the reason, except for the features of the profiles the suite requires
 * (core unless the `profile` option names others), whose absence fails, as does a test of such a
 * profile whose every case the adapter refused (spec: conformance.capabilities,
 * conformance.profiles). A failure's message holds the clauses, the shrunk
 * counterexample and a replay command for the project: `CNNSPEC_ONLY=... CNNSPEC_SEED=...
 * CNNSPEC_PATH=... npx vitest run <test file>`.
 */
import { afterAll, describe, it } from 'vitest';
import { ADAPTER_API_VERSION, type Adapter } from '../ops/Adapter.js';
import { resolveConvention } from '../spec/conventions.js';
import { conventionName, workItems, type WorkItem } from '../runner/runConformance.js';
import { selected } from '../runner/selectTests.js';
import { resolveProfiles } from '../profiles/loadProfiles.js';
import { staleEntries } from '../runner/loadExpectations.js';
import { guardAdapter } from '../runner/guardAdapter.js';
import type { ConformanceSuiteOptions } from './ConformanceSuiteOptions.js';
import { resolveSuiteSettings } from './resolveSuiteSettings.js';
import { runConformanceTest, type SuiteContext } from './runConformanceTest.js';
import { SuiteOptionError } from './SuiteOptionError.js';

export type { ConformanceSuiteOptions } from './ConformanceSuiteOptions.js';
export { SuiteOptionError } from './SuiteOptionError.js';
export { ConformanceFailure } from './ConformanceFailure.js';
export type { ConformanceTestMeta } from './runConformanceTest.js';

/**
 * Registers `describe('cnnspec conformance: <adapter name>')` with one test per property and
 * golden fixture. Call it at the top level of a test file; an adapter that needs starting can be
 * awaited first. The adapter's `dispose()` (or `close()`) is called after the suite.
 *
 * @throws SuiteOptionError for a bad option or `CNNSPEC_*` variable, or a selection that matches no test
 */
export function registerConformanceSuite(adapter: Adapter, options: ConformanceSuiteOptions = {}): void {
  checkAdapter(adapter);
  const settings = resolveSuiteSettings(adapter.name, options, process.env);
  const items = workItems(adapter.convention, settings).filter((item) => selected(item.id, settings.only));
  if (items.length === 0) {
    throw new SuiteOptionError(
      process.env.CNNSPEC_ONLY?.trim() ? 'CNNSPEC_ONLY' : 'only',
      settings.only,
      'select at least one test: a property id such as conv/no-flip/kernel-applied-as-stored, fixture/<fixture id>, or a glob such as conv/padding/*',
    );
  }
  const entries = settings.expectations?.content.entries ?? [];
  const suite: SuiteContext = {
    adapter: guardAdapter(adapter, settings.timeoutMs),
    convention: conventionName(adapter.convention),
    profiles: resolveProfiles(settings.profiles),
    chooseProfiles: (names) => `the profile option: registerConformanceSuite(adapter, { profile: '${names.join(',')}' })`,
    entries,
    settings,
  };
  describe(settings.name, () => {
    afterAll(() => release(adapter), settings.timeoutMs);
    for (const [kind, groups] of groupItems(items)) {
      describe(kind, () => {
        for (const [group, members] of groups) {
          describe(group, () => {
            for (const item of members) {
              it(item.id, { timeout: settings.testTimeoutMs }, (ctx) => runConformanceTest(item, ctx, suite));
            }
          });
        }
      });
    }
    if (settings.strictExpectations && entries.length > 0) {
      const unmatched = staleEntries(
        entries,
        workItems(adapter.convention, { builtinFixtures: settings.builtinFixtures, fixtureSets: settings.fixtureSets }),
      );
      it('expectations: every entry matches a test', () => {
        if (unmatched.length > 0) {
          throw new Error(
            `expectations ${settings.expectations!.file}: ${unmatched.length} entr${unmatched.length === 1 ? 'y matches' : 'ies match'} no test of the suite (strictExpectations): ${unmatched.join(', ')}`,
          );
        }
      });
    }
  });
}

/** Properties by the first segment of their id (conv, pool, dense, ...), fixtures by op; ids sorted within. */
function groupItems(items: readonly WorkItem[]): Map<string, Map<string, WorkItem[]>> {
  const kinds = new Map<string, Map<string, WorkItem[]>>();
  for (const item of items) {
    const kind = item.kind === 'property' ? 'properties' : 'fixtures';
    const group = item.kind === 'property' ? item.id.split('/')[0]! : item.fixture!.op;
    const groups = kinds.get(kind) ?? new Map<string, WorkItem[]>();
    kinds.set(kind, groups);
    groups.set(group, [...(groups.get(group) ?? []), item]);
  }
  return kinds;
}

/** The declaration every run needs; the convention's own check names what is wrong with it. */
function checkAdapter(adapter: Adapter): void {
  const candidate = adapter as Partial<Adapter> | null;
  if (candidate === null || typeof candidate !== 'object')
    throw new SuiteOptionError('adapter', candidate, 'be an adapter object (src/ops/Adapter.ts); await a factory first');
  if (typeof candidate.name !== 'string' || candidate.name === '')
    throw new SuiteOptionError('adapter.name', candidate.name, 'be a non-empty string');
  if (typeof candidate.version !== 'string') throw new SuiteOptionError('adapter.version', candidate.version, 'be a string');
  if (candidate.adapterApi !== ADAPTER_API_VERSION)
    throw new SuiteOptionError('adapter.adapterApi', candidate.adapterApi, `be ${ADAPTER_API_VERSION}`);
  if (!Array.isArray(candidate.features))
    throw new SuiteOptionError('adapter.features', candidate.features, 'be an array of feature names');
  resolveConvention(candidate.convention, 'adapter');
}

async function release(adapter: Adapter): Promise<void> {
  const disposable = adapter as Adapter & { close?: () => unknown };
  if (typeof disposable.dispose === 'function') await disposable.dispose();
  else if (typeof disposable.close === 'function') await disposable.close();
}

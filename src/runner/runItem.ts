/**
 * One test of a run (a property or a fixture) run against the adapter, its result not yet judged
 * against the run's profile and expectations.
 */
import type { RunOptions as PropertyRunOptions } from '../../properties/runProperty.js';
import { runProperty } from '../../properties/runProperty.js';
import type { Adapter } from '../ops/Adapter.js';
import type { ReportResult } from '../report/model/Report.js';
import type { ConventionName } from '../spec/conventions.js';
import { judgeFixture } from '../fixtures/judgeFixture.js';
import { DEFAULT_MAX_ELEMENTS } from './runDefaults.js';
import type { RunOptions } from './RunOptions.js';
import type { WorkItem } from './WorkItem.js';

/** A test's outcome before the run's profile and expectations judge it (runWorkItem). */
export type ItemOutcome = Omit<ReportResult, 'required'> & {
  /** Unsupported because the adapter refused every case: a failure when the profile requires the test (spec: conformance.capabilities). */
  refusedEveryCase?: true;
};

export async function runItem(
  item: WorkItem,
  adapter: Adapter,
  options: RunOptions,
  convention: ConventionName,
  explain?: PropertyRunOptions['explain'],
): Promise<ItemOutcome> {
  const started = performance.now();
  const base = { id: item.id, kind: item.kind, spec: item.spec, features: item.features, description: item.description };
  if (item.property !== undefined) {
    const result = await runProperty(item.property, adapter, {
      seed: options.seed,
      numRuns: options.numRuns,
      maxElements: options.maxElements ?? DEFAULT_MAX_ELEMENTS,
      ...(options.path === undefined ? {} : { path: options.path }),
      replay: options.replay,
      ...(explain === undefined ? {} : { explain }),
    });
    const durationMs = performance.now() - started;
    const explained = result.status === 'pass' || result.status === 'fail' ? result.explained : undefined;
    const withExplained = explained === undefined ? {} : { explained };
    const withComparison = result.status === 'pass' && result.comparison !== undefined ? { comparison: result.comparison } : {};
    if (result.status === 'pass')
      return { ...base, status: 'pass', durationMs, numRuns: result.numRuns, ...withExplained, ...withComparison };
    if (result.status === 'unsupported') {
      // Nothing the adapter could declare would make it run: it does not apply under the convention.
      const notApplicable = result.refused === undefined && result.lacking.features.length === 0 && result.lacking.methods.length === 0;
      return {
        ...base,
        status: 'unsupported',
        durationMs,
        message: result.missing.join('; '),
        ...(result.refused === undefined ? {} : { refusedEveryCase: true }),
        ...(notApplicable ? { notApplicable } : {}),
      };
    }
    if (result.status === 'error') return { ...base, status: 'error', durationMs, message: result.message };
    return {
      ...base,
      status: 'fail',
      durationMs,
      message: result.message,
      ...(result.counterexample === undefined ? {} : { counterexample: result.counterexample }),
      seed: result.seed,
      path: result.path,
      numRuns: result.numRuns,
      shrinks: result.shrinks,
      replay: result.replay,
      ...(result.details === undefined ? {} : { details: result.details }),
      ...(result.evidence === undefined ? {} : { evidence: result.evidence }),
      ...withExplained,
    };
  }
  const verdict = await judgeFixture(adapter, convention, item.fixture!);
  const durationMs = performance.now() - started;
  switch (verdict.status) {
    case 'agrees':
      return { ...base, status: 'pass', durationMs, ...(verdict.comparison === undefined ? {} : { comparison: verdict.comparison }) };
    case 'differs':
      return {
        ...base,
        status: 'fail',
        durationMs,
        message: verdict.detail,
        replay: options.replay(item.id, options.seed, ''),
        ...(verdict.evidence === undefined ? {} : { evidence: verdict.evidence }),
        ...(verdict.comparison === undefined ? {} : { comparison: verdict.comparison }),
      };
    case 'not-expressible':
      return { ...base, status: 'unsupported', durationMs, message: verdict.detail };
    case 'other-convention':
      return {
        ...base,
        status: 'unsupported',
        durationMs,
        message: `the fixture holds under ${item.fixture!.conventions.join(', ')}, not ${convention}`,
        notApplicable: true,
      };
  }
}

/**
 * One test of a conformance run, judged the same way by `cnnspec run` and by a suite registered
 * in another project's vitest run: the property or fixture
 * runs through the guarded adapter, a missing feature of the core profile, or a test the profile
 * requires whose every case the adapter refused, is a failure rather than an unsupported test,
 * and a matching expectation turns a failure into an expected failure and a pass into an
 * unexpected pass.
 *
 * @see spec:conformance.verdict
 */
import type { Adapter } from '../adapter/Adapter.js';
import { resolveConvention, type ConventionName } from '../conventions.js';
import type { ExpectationEntry } from './Expectations.js';
import { describeEntry, entryMatches } from './loadExpectations.js';
import type { ReportResult } from './Report.js';
import { runItem, type ItemOutcome, type RunOptions, type WorkItem } from './runConformance.js';

export interface WorkItemContext {
  /** The adapter under test, guarded by per-call timeouts. */
  adapter: Adapter;
  convention: ConventionName;
  run: RunOptions;
  profile: { name: string; required: string[] };
  entries: readonly ExpectationEntry[];
}

export async function runWorkItem(item: WorkItem, context: WorkItemContext): Promise<ReportResult> {
  const { adapter, profile, run } = context;
  let outcome: ItemOutcome;
  try {
    outcome = await runItem(item, adapter, run, context.convention);
  } catch (error) {
    // Anything that escapes a test is the kit's or the adapter's fault: an error, not a crash of the suite.
    outcome = { id: item.id, kind: item.kind, spec: item.spec, features: item.features, description: item.description, status: 'error', durationMs: 0, message: error instanceof Error ? error.message : String(error) };
  }
  const { refusedEveryCase, ...judged } = outcome;
  let result: ReportResult = { ...judged, required: item.features.every((feature) => profile.required.includes(feature)) };
  if (result.status === 'unsupported' && lacksRequiredFeature(item, adapter, profile)) {
    result = { ...result, status: 'fail', message: `requires a feature of profile ${profile.name} that the adapter does not support: ${result.message}` };
  } else if (result.status === 'unsupported' && refusedEveryCase === true && result.required) {
    // spec: conformance.capabilities — a test the profile requires must run; refusing every case fails it
    result = { ...result, status: 'fail', message: `profile ${profile.name} requires this test to run, but ${result.message}` };
  }
  if ((result.status === 'fail' || result.status === 'error') && result.replay === undefined) {
    result = { ...result, replay: run.replay(item.id, run.seed, '') };
  }
  const entry = context.entries.find((candidate) => entryMatches(candidate, item.id, item.features));
  if (entry !== undefined && (result.status === 'fail' || result.status === 'pass' || result.status === 'error')) {
    const expectation = { match: describeEntry(entry), reason: entry.reason, ...(entry.link === undefined ? {} : { link: entry.link }) };
    result = { ...result, status: result.status === 'pass' ? 'unexpected-pass' : 'expected-fail', expectation };
  }
  return result;
}

/** A test the profile requires fails when unsupported, unless the convention leaves its feature undefined. */
function lacksRequiredFeature(item: WorkItem, adapter: Adapter, profile: { required: string[] }): boolean {
  const undefinedFeatures: readonly string[] = resolveConvention(adapter.convention).undefinedFeatures;
  return (
    item.features.some((feature) => profile.required.includes(feature) && !(adapter.features as readonly string[]).includes(feature)) &&
    !undefinedFeatures.some((feature) => item.features.includes(feature))
  );
}

/**
 * One test of a conformance run, judged the same way by `cnnspec run` and by a suite registered
 * in another project's vitest run: the property or fixture
 * runs through the guarded adapter, a missing feature of a profile the run requires (core unless
 * chosen), or a test a chosen profile requires whose every case the adapter refused, is a failure
 * rather than an unsupported test, and a matching expectation turns a failure into an expected
 * failure and a pass into an unexpected pass.
 *
 * @see spec:conformance.verdict
 * @see spec:conformance.profiles
 */
import type { Adapter } from '../ops/Adapter.js';
import { resolveConvention, type ConventionName, type ConventionSpec } from '../spec/conventions.js';
import type { ExpectationEntry } from './Expectations.js';
import { failureFactsAll } from '../defects/failureFacts.js';
import type { Layout } from '../tensor/layout.js';
import type { LayerSpec } from '../shape/LayerSpec.js';
import { planModel } from '../shape/planModel.js';
import { describeEntry, entryMatches, explainingEntry } from './loadExpectations.js';
import { defectSignature } from '../defects/defectSignatures.js';
import type { Explanation, FailingCase } from '../../properties/runProperty.js';
import type { ReportResult } from '../report/model/Report.js';
import { runItem, type ItemOutcome } from './runItem.js';
import type { RunOptions } from './RunOptions.js';
import type { WorkItem } from './WorkItem.js';
import type { Profile } from '../profiles/Profile.js';
import { belongsTo, profilesOf, requiredBy } from '../profiles/profileMembership.js';
import { loadProfiles } from '../profiles/loadProfiles.js';
import { profilesWithin } from '../profiles/profilesWithin.js';

export interface WorkItemContext {
  /** The adapter under test, guarded by per-call timeouts. */
  adapter: Adapter;
  convention: ConventionName;
  run: RunOptions;
  /** The profiles the run requires (`--profile`; core unless chosen). */
  profiles: readonly Profile[];
  /** How a user chooses profiles where the test runs, given their names: `--profile conv` for `cnnspec run`. */
  chooseProfiles?: (names: readonly string[]) => string;
  entries: readonly ExpectationEntry[];
}

export async function runWorkItem(item: WorkItem, context: WorkItemContext): Promise<ReportResult> {
  let outcome: ItemOutcome;
  try {
    outcome = await runItem(item, context.adapter, context.run, context.convention, explainer(item, context));
  } catch (error) {
    // Anything that escapes a test is the kit's or the adapter's fault: an error, not a crash of the suite.
    outcome = errorOutcome(item, error instanceof Error ? error.message : String(error));
  }
  return judgeOutcome(item, outcome, context);
}

/**
 * A test that ended in an error outside its own run (the worker thread of its job died, spec:
 * conformance.jobs), judged as a test whose run threw.
 */
export function erroredWorkItem(item: WorkItem, message: string, context: WorkItemContext): ReportResult {
  return judgeOutcome(item, errorOutcome(item, message), context);
}

function errorOutcome(item: WorkItem, message: string): ItemOutcome {
  return {
    id: item.id,
    kind: item.kind,
    spec: item.spec,
    features: item.features,
    description: item.description,
    status: 'error',
    durationMs: 0,
    message,
  };
}

/** A test's outcome judged against the run's profiles and expectations. */
function judgeOutcome(item: WorkItem, outcome: ItemOutcome, context: WorkItemContext): ReportResult {
  const { adapter, profiles, run } = context;
  const { refusedEveryCase, ...judged } = outcome;
  const required = profiles.filter((profile) => requiredBy(profile, item));
  let result: ReportResult = { ...judged, required: required.length > 0, profiles: profilesOf(loadProfiles(), item) };
  const lacking = result.status === 'unsupported' && result.notApplicable !== true ? lackedProfile(item, adapter, profiles) : undefined;
  if (lacking !== undefined) {
    result = {
      ...result,
      status: 'fail',
      message: `${lacking.feature} is required by profile ${lacking.profile.name}, and the adapter does not declare it: ${result.message}. ${profileAdvice(adapter, context)}`,
    };
  } else if (result.status === 'unsupported' && refusedEveryCase === true && required.length > 0) {
    // spec: conformance.capabilities — a test the profile requires must run; refusing every case fails it
    result = { ...result, status: 'fail', message: `profile ${required[0]!.name} requires this test to run, but ${result.message}` };
  }
  if ((result.status === 'fail' || result.status === 'error') && result.replay === undefined) {
    result = { ...result, replay: run.replay(item.id, run.seed, '') };
  }
  return applyExpectations(result, item, context.entries, context.adapter.convention);
}

/**
 * Turns a failure into an expected failure when a listed defect's signature explains it, or, for
 * entries by id or feature, when the entry matches the test (seed-fragile); a pass of a test with
 * such an entry is an unexpected pass. A failure that no defect explains stays a failure even in a
 * test a defect entry is restricted to. spec: conformance.expectations
 */
function applyExpectations(
  result: ReportResult,
  item: WorkItem,
  entries: readonly ExpectationEntry[],
  convention: ConventionSpec,
): ReportResult {
  if (result.status === 'pass' && result.explained !== undefined) {
    // Every failing case was a listed defect's, and the rest of the property held.
    const first = result.explained[0]!;
    const entry = entries.find(
      (candidate) =>
        candidate.defect === first.defect && (candidate.match === undefined || entryMatches(candidate, item.id, item.features)),
    )!;
    const reason = entry.reason ?? defectSignature(first.defect)!.parts.find((part) => part.part === first.part)!.summary;
    const met = result.explained
      .map(({ defect, part, cases }) => `${defect} (${part}) in ${cases} case${cases === 1 ? '' : 's'}`)
      .join(', ');
    const expectation = {
      match: describeEntry(entry),
      reason,
      defect: first.defect,
      part: first.part,
      ...(entry.link === undefined ? {} : { link: entry.link }),
    };
    return {
      ...result,
      status: 'expected-fail',
      message: `failed only where listed defects explain it: ${met}; every other case held`,
      expectation,
    };
  }
  if (result.status === 'fail') {
    const explained = explainingEntry(entries, item.id, failureFactsAll(result, stackShapes(convention)));
    if (explained !== undefined) {
      const { entry, part } = explained;
      const reason = entry.reason ?? part.summary;
      const expectation = {
        match: describeEntry(entry),
        reason,
        defect: entry.defect!,
        part: part.part,
        ...(entry.link === undefined ? {} : { link: entry.link }),
      };
      return { ...result, status: 'expected-fail', expectation };
    }
  }
  const entry = entries.find((candidate) => candidate.defect === undefined && entryMatches(candidate, item.id, item.features));
  if (entry !== undefined && (result.status === 'fail' || result.status === 'pass' || result.status === 'error')) {
    const expectation = {
      match: describeEntry(entry),
      reason: entry.reason!,
      seedFragile: true,
      ...(entry.link === undefined ? {} : { link: entry.link }),
    };
    return { ...result, status: result.status === 'pass' ? 'unexpected-pass' : 'expected-fail', expectation };
  }
  if (
    result.status === 'fail' &&
    entries.some(
      (candidate) => candidate.defect !== undefined && candidate.match !== undefined && entryMatches(candidate, item.id, item.features),
    )
  ) {
    const listed = entries
      .filter(
        (candidate) => candidate.defect !== undefined && candidate.match !== undefined && entryMatches(candidate, item.id, item.features),
      )
      .map((candidate) => candidate.defect);
    return { ...result, message: `${result.message ?? ''} (no listed defect explains this failure; this test lists ${listed.join(', ')})` };
  }
  return result;
}

/** The input shape of every layer of a stack (a receptive-field counterexample) under the convention. */
const stackShapes =
  (convention: ConventionSpec) =>
  (model: { input: number[]; layout: Layout; layers: Record<string, unknown>[] }): number[][] =>
    planModel({ ...model, layers: model.layers as unknown as LayerSpec[], convention }).map((plan) => plan.inputShape);

/**
 * Recognises a property's failing case as a listed defect, so that the property sets it aside and
 * goes on checking the other cases (spec: conformance.expectations).
 */
function explainer(item: WorkItem, context: WorkItemContext): ((failure: FailingCase) => Explanation | undefined) | undefined {
  const entries = context.entries.filter((entry) => entry.defect !== undefined);
  if (entries.length === 0 || item.property === undefined) return undefined;
  const shapes = stackShapes(context.adapter.convention);
  return (failure) => {
    const result: ReportResult = {
      id: failure.id,
      kind: 'property',
      status: 'fail',
      spec: [],
      features: [],
      required: false,
      description: '',
      durationMs: 0,
      message: failure.message,
      counterexample: failure.counterexample,
      ...(failure.evidence === undefined ? {} : { evidence: failure.evidence }),
    };
    const explained = explainingEntry(entries, item.id, failureFactsAll(result, shapes));
    return explained === undefined ? undefined : { defect: explained.entry.defect!, part: explained.part.part };
  };
}

/**
 * The first feature that a chosen profile holding the test requires, that the test needs and that
 * the adapter does not declare, unless the convention leaves the test's features undefined: the
 * test then fails rather than being unsupported (spec: conformance.profiles).
 */
function lackedProfile(item: WorkItem, adapter: Adapter, profiles: readonly Profile[]): { feature: string; profile: Profile } | undefined {
  const undefinedFeatures: readonly string[] = resolveConvention(adapter.convention).undefinedFeatures;
  if (undefinedFeatures.some((feature) => item.features.includes(feature))) return undefined;
  const declared = adapter.features as readonly string[];
  for (const profile of profiles.filter((candidate) => belongsTo(candidate, item))) {
    const feature = item.features.find(
      (candidate) => (profile.features as readonly string[]).includes(candidate) && !declared.includes(candidate),
    );
    if (feature !== undefined) return { feature, profile };
  }
  return undefined;
}

/** How to judge the adapter on what it implements: the published profiles it can meet, and how to choose them. */
function profileAdvice(adapter: Adapter, context: WorkItemContext): string {
  const fitting = profilesWithin(loadProfiles(), adapter).map((profile) => profile.name);
  const choose = context.chooseProfiles ?? ((names: readonly string[]) => `--profile ${names.join(',')}`);
  if (fitting.length === 0) {
    return `No published profile fits the adapter's methods and features (see spec/profiles): implement the ops and declare the features of one, then choose it with ${choose(['<name>'])}`;
  }
  return `To judge the adapter only on the ops it implements, choose a profile it can meet: ${choose(fitting)} (profiles: spec/profiles)`;
}

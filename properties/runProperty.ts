/**
 * Runs one property against an adapter with fast-check, and returns a plain result record: pass,
 * fail (with the seed, the path to the shrunk counterexample, the counterexample itself, the
 * clause IDs and a one-line replay command), unsupported (with what is missing), or error (the
 * kit itself broke, or the run could not be set up).
 */
import fc from 'fast-check';
import { isAdapterFault, isUnsupportedCase, type Adapter, type AdapterOp } from '../src/ops/Adapter.js';
import { resolveConvention } from '../src/spec/conventions.js';
import type { Feature } from '../src/spec/features.js';
import { encodeFixtureNumber } from '../src/fixtures/fixtureValues.js';
import { readOnlyInputs } from '../src/adapter/readOnlyInputs.js';
import type { FailureEvidence, FixtureComparison } from '../src/report/model/Report.js';
import { failureEvidence } from './failureEvidence.js';
import { NotApplicable, PropertyViolation, type PropertyContext, type PropertyDefinition } from './PropertyDefinition.js';
import { ExplainedTally } from './ExplainedTally.js';
import type { Explained, Explanation } from './Explanation.js';
import { RefusalTally, refusalReasons, type RefusedCases } from './RefusalTally.js';
import { withCallRecording, type RecordedCall } from './support/recordCalls.js';
import { ComparisonTally, withComparisonTally } from './support/comparisonTally.js';
import { replayCommand } from '../src/evidence/replayCommand.js';

export interface RunOptions {
  seed: number;
  numRuns: number;
  /** Replays straight to a counterexample (fast-check path). */
  path?: string;
  /** Largest element count of a generated tensor. @defaultValue 4096 */
  maxElements?: number;
  /** Formats the command that replays a failure. */
  replay?: (id: string, seed: number, path: string) => string;
  /**
   * Recognises a failing case as a listed deviation (a documented defect of the implementation,
   * spec: conformance.expectations). Such a case is set aside, and the property goes on to check
   * the others, so that a listed defect does not hide an unlisted one in the same property.
   */
  explain?: (failure: FailingCase) => Explanation | undefined;
}

export type { Explained, Explanation };

/** A failing case as the explanation sees it: the test, what went wrong, the case and its failing call. */
export interface FailingCase {
  id: string;
  message: string;
  counterexample: unknown;
  evidence?: FailureEvidence;
}

interface ResultBase {
  id: string;
  spec: readonly string[];
  features: readonly Feature[];
  description: string;
  durationMs: number;
}

/** What the adapter lacks for a property, by name. */
export interface LackedSupport {
  /** Features the cases need that the adapter does not declare or its convention leaves undefined. */
  features: Feature[];
  /** Adapter methods the property calls that the adapter does not implement. */
  methods: AdapterOp[];
}

export type PropertyResult =
  | (ResultBase & {
      status: 'pass';
      numRuns: number;
      /** Cases that failed on a listed deviation and were set aside (RunOptions.explain). */
      explained?: Explained;
      /** The tightest margin under a bound over the cases' rounded comparisons (spec: conformance.tolerance). */
      comparison?: FixtureComparison;
    })
  | (ResultBase & {
      status: 'fail';
      seed: number;
      path: string;
      /** Cases that ran, the failing one included. */
      numRuns: number;
      shrinks: number;
      /** Absent when the property failed for skipping too many cases, not on a case. */
      counterexample?: unknown;
      message: string;
      details?: Record<string, unknown>;
      evidence?: FailureEvidence;
      /** The cases the adapter refused, when the property failed for skipping too many. */
      refused?: RefusedCases;
      replay: string;
      /** Cases that failed on a listed deviation and were set aside before this failure. */
      explained?: Explained;
    })
  | (ResultBase & {
      status: 'unsupported';
      /** Each reason in words: `feature conv`, `method conv`, why the property does not apply, or the adapter's refusals. */
      missing: string[];
      /** What the adapter lacks, by name; both lists are empty when no declaration would let the property run. */
      lacking: LackedSupport;
      /** Set when the adapter refused every case it was given. */
      refused?: RefusedCases;
    })
  | (ResultBase & {
      status: 'error';
      /** Starts with KIT_ERROR when the kit itself broke. */
      message: string;
    });

/** Adapter faults (crashes, broken answers) a property's shrinking may run into before it stops. */
export const MAX_FAULTS_WHILE_SHRINKING = 5;

/**
 * Skipped cases a property tolerates per case asked for (fast-check's maxSkipsPerRun, set here so
 * that it is the kit's rule): beyond, the property gives up (spec: conformance.capabilities).
 */
export const MAX_SKIPS_PER_RUN = 100;

/** How the message of a result in error begins when the kit itself broke, not the implementation. */
export const KIT_ERROR = 'error in the kit';

/** Replays a failure of the kit's own property tests. */
export const defaultReplay = replayCommand('test/properties.test.ts');

/** Typed arrays as plain arrays (NaN, infinities and -0 spelled out), for reports and messages. */
export function toPlain(value: unknown): unknown {
  if (value instanceof Float32Array || value instanceof Float64Array) return Array.from(value, encodeFixtureNumber);
  if (typeof value === 'number') return encodeFixtureNumber(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([key, v]) => [key, toPlain(v)]),
    );
  }
  return value;
}

/**
 * The context properties run in: the adapter, its resolved convention and usable features. The
 * adapter is reached only through copies of each request, so that a check may compute its
 * expected results from the case after a call (spec: conformance.inputs-read-only).
 */
export function propertyContext(adapter: Adapter, maxElements = 4096): PropertyContext {
  const convention = resolveConvention(adapter.convention);
  const features = new Set(adapter.features.filter((feature) => !convention.undefinedFeatures.includes(feature)));
  return { adapter: readOnlyInputs(adapter), conventionSpec: adapter.convention, convention, features, maxElements };
}

/** Features and adapter methods a property declares it needs that the adapter lacks. */
export function lackedSupport(definition: PropertyDefinition<unknown>, ctx: PropertyContext): LackedSupport {
  return {
    features: definition.features.filter((feature) => !ctx.features.has(feature)),
    methods: definition.ops.filter((op) => typeof ctx.adapter[op] !== 'function'),
  };
}

/** Features and adapter methods a property needs that the adapter lacks, in words (`feature conv`, `method conv`). */
export function missingSupport(definition: PropertyDefinition<unknown>, ctx: PropertyContext): string[] {
  const lacking = lackedSupport(definition, ctx);
  return [...lacking.features.map((feature) => `feature ${feature}`), ...lacking.methods.map((op) => `method ${op}`)];
}

const FAST_CHECK_PATH = /^(\d+(:\d+)*)?$/;

export async function runProperty(definition: PropertyDefinition<unknown>, adapter: Adapter, options: RunOptions): Promise<PropertyResult> {
  const started = performance.now();
  const base = { id: definition.id, spec: definition.spec, features: definition.features, description: definition.description };
  const durationMs = (): number => performance.now() - started;
  const ctx = propertyContext(adapter, options.maxElements);
  const lacking = lackedSupport(definition, ctx);
  if (lacking.features.length > 0 || lacking.methods.length > 0) {
    return { ...base, status: 'unsupported', missing: missingSupport(definition, ctx), lacking, durationMs: durationMs() };
  }
  if (options.path !== undefined && !FAST_CHECK_PATH.test(options.path)) {
    return {
      ...base,
      status: 'error',
      message: `the replay path '${options.path}' is not a fast-check path: case numbers separated by colons, as a failure's replay command gives it`,
      durationMs: durationMs(),
    };
  }
  // A case that cannot be built or drawn is the property not applying (NotApplicable), or else a
  // bug of the kit: never a verdict on the implementation (spec: conformance.capabilities).
  const notDrawn = (error: unknown, stage: string): PropertyResult =>
    error instanceof NotApplicable
      ? {
          ...base,
          status: 'unsupported',
          missing: [error.message],
          lacking: { features: [...error.features], methods: [] },
          durationMs: durationMs(),
        }
      : { ...base, status: 'error', message: `${KIT_ERROR}: ${stage} threw ${describeError(error)}`, durationMs: durationMs() };
  let arbitrary: fc.Arbitrary<unknown>;
  try {
    arbitrary = definition.arbitrary(ctx);
  } catch (error) {
    return notDrawn(error, 'building the generator of cases');
  }
  const asked = options.numRuns * (definition.runsFactor ?? 1);
  const numRuns = definition.numRuns === undefined ? asked : Math.min(definition.numRuns, asked);
  // The calls behind each thrown error, so the final (shrunk) failure can show its call.
  const callsOf = new WeakMap<object, RecordedCall[]>();
  // Shrinking re-runs the adapter on smaller cases: after a timeout, or a few crashes, every step
  // would cost a timeout or a restart, so the failure is reported as it stands.
  let faults = 0;
  let shrinkingStopped = false;
  // Set at the first failing case: from then on fast-check shrinks, and no longer counts skips.
  let failing = false;
  const refusals = new RefusalTally();
  const explained = new ExplainedTally();
  const comparisons = new ComparisonTally();
  let details: fc.RunDetails<[unknown]>;
  try {
    details = await fc.check(
      fc.asyncProperty(arbitrary, async (value) => {
        if (shrinkingStopped) fc.pre(false);
        const calls: RecordedCall[] = [];
        try {
          await withComparisonTally(comparisons, () => withCallRecording(calls, () => definition.check(ctx, value)));
        } catch (error) {
          // The property's own precondition: a skip, but not the adapter's refusal.
          if (fc.PreconditionFailure.isFailure(error)) throw error;
          // spec: conformance.capabilities — a case the implementation cannot express is skipped
          if (isUnsupportedCase(error)) {
            if (!failing) refusals.record(error);
            fc.pre(false);
          }
          // spec: conformance.expectations — a case that fails on a listed defect is set aside
          if (options.explain !== undefined) {
            const explanation = explain(definition.id, error, value, calls, ctx, options.explain);
            if (explanation !== undefined) {
              explained.record(explanation);
              fc.pre(false);
            }
          }
          failing = true;
          if (isAdapterFault(error)) {
            faults += 1;
            if ((error as { timedOut?: unknown }).timedOut === true || faults >= MAX_FAULTS_WHILE_SHRINKING) shrinkingStopped = true;
          }
          if (error !== null && typeof error === 'object') callsOf.set(error, calls);
          throw error;
        }
      }),
      { seed: options.seed, numRuns, maxSkipsPerRun: MAX_SKIPS_PER_RUN, ...(options.path === undefined ? {} : { path: options.path }) },
    );
  } catch (error) {
    // fast-check draws and shrinks cases inside check: what a generator throws comes out here.
    return notDrawn(error, failing ? 'shrinking a failing case' : 'drawing a case');
  }
  const setAside = explained.summary();
  const withExplained = setAside.length === 0 ? {} : { explained: setAside };
  const tightest = comparisons.summary();
  const withComparison = tightest === undefined ? {} : { comparison: tightest };
  if (!details.failed)
    return { ...base, status: 'pass', numRuns: details.numRuns, ...withExplained, ...withComparison, durationMs: durationMs() };
  if (details.counterexamplePath === null) {
    // Listed deviations set so many cases aside that fast-check gave up: what ran passed.
    if (setAside.length > 0 && !failing)
      return { ...base, status: 'pass', numRuns: details.numRuns, ...withExplained, ...withComparison, durationMs: durationMs() };
    return tooManySkipped(base, details, refusals.summary(), numRuns, options, durationMs());
  }
  const error = details.errorInstance;
  const path = details.counterexamplePath;
  const calls = error !== null && typeof error === 'object' ? callsOf.get(error) : undefined;
  let evidence: FailureEvidence | undefined;
  try {
    evidence = calls === undefined ? undefined : failureEvidence(error, calls, ctx.conventionSpec);
  } catch {
    evidence = undefined; // evidence is a courtesy: never let it hide the failure itself
  }
  return {
    ...base,
    status: 'fail',
    seed: details.seed,
    path,
    numRuns: details.numRuns,
    shrinks: details.numShrinks,
    counterexample: toPlain(details.counterexample?.[0]),
    message: `${error instanceof Error ? error.message : String(error)}${shrinkingStopped ? ' (shrinking stopped at an adapter fault)' : ''}`,
    ...(error instanceof PropertyViolation ? { details: toPlain(error.details) as Record<string, unknown> } : {}),
    ...(evidence === undefined ? {} : { evidence }),
    replay: (options.replay ?? defaultReplay)(definition.id, details.seed, path),
    ...withExplained,
    durationMs: durationMs(),
  };
}

/** Asks whether a failing case is a listed deviation, with the evidence of its failing call. */
function explain(
  id: string,
  error: unknown,
  value: unknown,
  calls: RecordedCall[],
  ctx: PropertyContext,
  explainer: NonNullable<RunOptions['explain']>,
): Explanation | undefined {
  let evidence: FailureEvidence | undefined;
  try {
    evidence = failureEvidence(error, calls, ctx.conventionSpec);
  } catch {
    evidence = undefined;
  }
  const message = error instanceof Error ? error.message : String(error);
  return explainer({ id, message, counterexample: toPlain(value), ...(evidence === undefined ? {} : { evidence }) });
}

/**
 * fast-check gave up: more than MAX_SKIPS_PER_RUN cases per case asked for were skipped, before
 * any case failed. Who skipped them decides the verdict (spec: conformance.capabilities).
 */
function tooManySkipped(
  base: Omit<ResultBase, 'durationMs'>,
  details: fc.RunDetails<[unknown]>,
  refused: RefusedCases,
  numRuns: number,
  options: RunOptions,
  durationMs: number,
): PropertyResult {
  const ran = details.numRuns;
  const ownSkips = details.numSkips - refused.cases;
  if (refused.cases === 0) {
    // Only the property's own preconditions skipped: the kit asked for cases it then set aside.
    return {
      ...base,
      status: 'error',
      message: `${KIT_ERROR}: the property's own preconditions skipped ${ownSkips} cases and ${ran} ran, more than ${MAX_SKIPS_PER_RUN} skipped per case asked for (${numRuns})`,
      durationMs,
    };
  }
  if (ran === 0 && ownSkips === 0) {
    return {
      ...base,
      status: 'unsupported',
      missing: [`the adapter refused all ${refused.cases} generated cases as unsupported: ${refusalReasons(refused)}`],
      lacking: { features: [], methods: [] },
      refused,
      durationMs,
    };
  }
  const own = ownSkips === 0 ? '' : `, and the property's own preconditions skipped ${ownSkips}`;
  return {
    ...base,
    status: 'fail',
    seed: details.seed,
    path: '',
    numRuns: ran,
    shrinks: 0,
    message: `too many skipped cases: ${ran} case${ran === 1 ? '' : 's'} ran, the adapter refused ${refused.cases} as unsupported (${refusalReasons(refused)})${own}; more than ${MAX_SKIPS_PER_RUN} skipped per case asked for (${numRuns}) fails the property`,
    refused,
    replay: (options.replay ?? defaultReplay)(base.id, details.seed, ''),
    durationMs,
  };
}

/** An exception as `Name: message`, the way a stack trace would open. */
function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : String(error);
}

/** A failure as the lines a person reads: id, clauses, message, counterexample, replay. */
export function formatFailure(result: Extract<PropertyResult, { status: 'fail' }>): string {
  return [
    `property ${result.id} failed [spec: ${result.spec.join(', ')}]`,
    `  ${result.description}`,
    `  ${result.message}`,
    ...(result.counterexample === undefined
      ? []
      : [`  counterexample (after ${result.shrinks} shrinks): ${JSON.stringify(result.counterexample)}`]),
    `  replay: ${result.replay}`,
  ].join('\n');
}

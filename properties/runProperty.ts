/**
 * Runs one property against an adapter with fast-check, and returns a plain result record: pass,
 * fail (with the seed, the path to the shrunk counterexample, the counterexample itself, the
 * clause IDs and a one-line replay command), or unsupported (with what is missing).
 */
import fc from 'fast-check';
import { isAdapterFault, isUnsupportedCase, type Adapter } from '../src/adapter/Adapter.js';
import { resolveConvention } from '../src/conventions.js';
import type { Feature } from '../src/features.js';
import { encodeFixtureNumber } from '../src/fixtureValues.js';
import { readOnlyInputs } from '../src/runner/readOnlyInputs.js';
import type { FailureEvidence } from '../src/runner/Report.js';
import { failureEvidence } from './failureEvidence.js';
import { PropertyViolation, type PropertyContext, type PropertyDefinition } from './PropertyDefinition.js';
import { withCallRecording, type RecordedCall } from './support/recordCalls.js';

export interface RunOptions {
  seed: number;
  numRuns: number;
  /** Replays straight to a counterexample (fast-check path). */
  path?: string;
  /** Largest element count of a generated tensor. @defaultValue 4096 */
  maxElements?: number;
  /** Formats the command that replays a failure. */
  replay?: (id: string, seed: number, path: string) => string;
}

interface ResultBase {
  id: string;
  spec: readonly string[];
  features: readonly Feature[];
  description: string;
  durationMs: number;
}

export type PropertyResult =
  | (ResultBase & { status: 'pass'; numRuns: number })
  | (ResultBase & {
      status: 'fail';
      seed: number;
      path: string;
      numRuns: number;
      shrinks: number;
      counterexample: unknown;
      message: string;
      details?: Record<string, unknown>;
      evidence?: FailureEvidence;
      replay: string;
    })
  | (ResultBase & { status: 'unsupported'; missing: string[] });

/** Adapter faults (crashes, broken answers) a property's shrinking may run into before it stops. */
export const MAX_FAULTS_WHILE_SHRINKING = 5;

export const defaultReplay = (id: string, seed: number, path: string): string =>
  `CNNSPEC_ONLY='${id}' CNNSPEC_SEED=${seed} CNNSPEC_PATH='${path}' npx vitest run test/properties.test.ts`;

/** Typed arrays as plain arrays (NaN, infinities and -0 spelled out), for reports and messages. */
export function toPlain(value: unknown): unknown {
  if (value instanceof Float32Array || value instanceof Float64Array) return Array.from(value, encodeFixtureNumber);
  if (typeof value === 'number') return encodeFixtureNumber(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([key, v]) => [key, toPlain(v)]));
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

/** Features and adapter methods a property needs that the adapter lacks. */
export function missingSupport(definition: PropertyDefinition<unknown>, ctx: PropertyContext): string[] {
  const missing: string[] = definition.features.filter((feature) => !ctx.features.has(feature)).map((feature) => `feature ${feature}`);
  for (const op of definition.ops) {
    if (typeof ctx.adapter[op] !== 'function') missing.push(`method ${op}`);
  }
  return missing;
}

export async function runProperty(definition: PropertyDefinition<unknown>, adapter: Adapter, options: RunOptions): Promise<PropertyResult> {
  const started = performance.now();
  const base = { id: definition.id, spec: definition.spec, features: definition.features, description: definition.description };
  const ctx = propertyContext(adapter, options.maxElements);
  const missing = missingSupport(definition, ctx);
  let arbitrary: fc.Arbitrary<unknown> | undefined;
  if (missing.length === 0) {
    try {
      arbitrary = definition.arbitrary(ctx);
    } catch (error) {
      missing.push((error as Error).message);
    }
  }
  if (arbitrary === undefined) {
    return { ...base, status: 'unsupported', missing, durationMs: performance.now() - started };
  }
  const numRuns = definition.numRuns === undefined ? options.numRuns : Math.min(definition.numRuns, options.numRuns);
  // The calls behind each thrown error, so the final (shrunk) failure can show its call.
  const callsOf = new WeakMap<object, RecordedCall[]>();
  // Shrinking re-runs the adapter on smaller cases: after a timeout, or a few crashes, every step
  // would cost a timeout or a restart, so the failure is reported as it stands.
  let faults = 0;
  let shrinkingStopped = false;
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      if (shrinkingStopped) fc.pre(false);
      const calls: RecordedCall[] = [];
      try {
        await withCallRecording(calls, () => definition.check(ctx, value));
      } catch (error) {
        // spec: conformance.capabilities — a case the implementation cannot express is skipped
        if (isUnsupportedCase(error)) fc.pre(false);
        if (isAdapterFault(error)) {
          faults += 1;
          if ((error as { timedOut?: unknown }).timedOut === true || faults >= MAX_FAULTS_WHILE_SHRINKING) shrinkingStopped = true;
        }
        if (error !== null && typeof error === 'object') callsOf.set(error, calls);
        throw error;
      }
    }),
    { seed: options.seed, numRuns, ...(options.path === undefined ? {} : { path: options.path }) },
  );
  const durationMs = performance.now() - started;
  if (!details.failed) return { ...base, status: 'pass', numRuns: details.numRuns, durationMs };
  const error = details.errorInstance;
  const path = details.counterexamplePath ?? '';
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
    durationMs,
  };
}

/** A failure as the lines a person reads: id, clauses, message, counterexample, replay. */
export function formatFailure(result: Extract<PropertyResult, { status: 'fail' }>): string {
  return [
    `property ${result.id} failed [spec: ${result.spec.join(', ')}]`,
    `  ${result.description}`,
    `  ${result.message}`,
    `  counterexample (after ${result.shrinks} shrinks): ${JSON.stringify(result.counterexample)}`,
    `  replay: ${result.replay}`,
  ].join('\n');
}

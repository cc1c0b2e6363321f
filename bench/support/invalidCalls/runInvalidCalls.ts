/**
 * Runs the invalid-input generators through the oracle for a number of cases with one seed, and
 * shrinks an escape to a smaller call that still escapes. Shared by the test and the benchmark.
 */
import fc from 'fast-check';
import { invalidCall, type InvalidCall } from './invalidInputs.js';
import { judgeCall } from './judgeCall.js';
import { OutcomeTally, type Escape } from './OutcomeTally.js';

export interface RunOptions {
  seed: number;
  numRuns: number;
  /** Longest a call may take, in ms, before it counts as a hang. */
  budgetMs: number;
  /** Called after every case, for progress output. */
  onCase?: (index: number) => void;
}

export async function runInvalidCalls(options: RunOptions): Promise<OutcomeTally> {
  const tally = new OutcomeTally();
  let index = 0;
  // The property never fails: every outcome is counted, and escapes are collected rather than
  // stopping the run at the first one.
  await fc.assert(
    fc.asyncProperty(invalidCall(), async (call) => {
      tally.add(index, call, await judgeCall(call, options.budgetMs));
      options.onCase?.(index);
      index += 1;
    }),
    { seed: options.seed, numRuns: options.numRuns },
  );
  return tally;
}

/**
 * Replays the escape's case (its index is its fast-check path under the same seed) and lets
 * fast-check shrink it; the smallest call that still escapes, with its reason.
 */
export async function shrinkEscape(
  escaped: Escape,
  seed: number,
  budgetMs: number,
): Promise<{ call: InvalidCall; reason: string; shrinks: number }> {
  let reason = escaped.reason;
  const details = await fc.check(
    fc.asyncProperty(invalidCall(), async (call) => {
      const outcome = await judgeCall(call, budgetMs);
      if (outcome.status === 'escape') reason = outcome.reason;
      return outcome.status !== 'escape';
    }),
    { seed, path: String(escaped.index), numRuns: escaped.index + 1 },
  );
  const shrunk = details.counterexample?.[0];
  return shrunk === undefined
    ? { call: escaped.call, reason: escaped.reason, shrinks: 0 }
    : { call: shrunk, reason, shrinks: details.numShrinks };
}

/**
 * One test of a run through the guarded adapter, as every job of a run makes it (spec:
 * conformance.jobs): the test is named to the guard so that an error its calls' code throws
 * asynchronously after they settled is charged to it, and the faults that belong to a test that
 * has ended become events of the run.
 */
import type { ReportResult } from '../report/model/Report.js';
import type { GuardedAdapter, LateFault } from './guardAdapter.js';
import { runWorkItem, type WorkItemContext } from './runWorkItem.js';
import type { WorkItem } from './WorkItem.js';

export interface GuardedTestOutcome {
  result: ReportResult;
  /** Late faults of tests that had already ended: events of the run. */
  runFaults: { kind: string; detail: string }[];
}

/**
 * Runs `item`; `'aborted'` when `aborted` settles first (the test was cut short, not judged).
 * `replay` builds the command that replays the test when a late fault fails it.
 */
export async function runGuardedTest(
  item: WorkItem,
  context: WorkItemContext,
  guarded: GuardedAdapter,
  aborted: Promise<'aborted'>,
): Promise<GuardedTestOutcome | 'aborted'> {
  guarded.startTest(item.id);
  const outcome = await Promise.race([runWorkItem(item, context), aborted]);
  guarded.startTest(undefined);
  if (outcome === 'aborted') return 'aborted';
  // A test whose calls answer at once runs in microtasks only: the timers and rejections its
  // calls left come up here, before the next test, so that they are charged to this one.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const late = guarded.takeLateFaults();
  const runFaults = late.filter((fault) => fault.test !== item.id).map(lateFaultEvent);
  const own = late.filter((fault) => fault.test === item.id).map((fault) => fault.message);
  const result = own.length === 0 ? outcome : failedByLateFaults(outcome, own, context.run.replay(item.id, context.run.seed, ''));
  return { result, runFaults };
}

/**
 * A test during which the adapter's code threw asynchronously, after the call had settled: a
 * fault of the test whatever it concluded, since the implementation would have crashed a real
 * program there. Its own failure, if any, is kept in the message.
 */
function failedByLateFaults(result: ReportResult, faults: string[], replay: string): ReportResult {
  const counted = [...new Set(faults)].map((fault) => {
    const times = faults.filter((other) => other === fault).length;
    return times === 1 ? fault : `${fault} (${times} times)`;
  });
  const listed = counted.length > 3 ? `${counted.slice(0, 3).join('; ')}; and ${counted.length - 3} other(s)` : counted.join('; ');
  const { expectation: _expectation, ...rest } = result;
  const before =
    result.status === 'fail' || result.status === 'error' || result.status === 'expected-fail'
      ? ` (and before that: ${result.message ?? result.status})`
      : '';
  return { ...rest, status: result.status === 'error' ? 'error' : 'fail', message: `${listed}${before}`, replay: result.replay ?? replay };
}

/** A late fault that came after its test had ended: an event of the run. */
export function lateFaultEvent(fault: LateFault): { kind: string; detail: string } {
  return {
    kind: 'uncaught',
    detail: fault.test === undefined ? fault.message : `${fault.message} (from a call of ${fault.test}, which had ended)`,
  };
}

/**
 * Wraps an adapter so that nothing it does in a call can break the run: every method returns a
 * promise that settles within the timeout (or the adapter's own `callBoundMs`); a synchronous
 * throw becomes a rejection; whatever is thrown becomes an Error with a bounded, clean message;
 * an answer of the wrong kind becomes an AdapterFault; and a `process.exit()` from inside a call
 * becomes an AdapterFault naming the exit code instead of ending the run. Also totals the time
 * spent inside adapter calls.
 *
 * An error the adapter's code throws asynchronously (trapAsyncErrors) fails its call while the
 * call is pending; once the call has settled it is kept as a late fault of the test that made the
 * call (`startTest`), for the run to charge to that test or, if it has ended, to the run.
 */
import { ADAPTER_OPS, AdapterFault, type Adapter, type AdapterOp } from '../ops/Adapter.js';
import { checkAdapterAnswer } from '../adapter/checkAdapterAnswer.js';
import { normalizeAdapterError } from '../adapter/normalizeAdapterError.js';
import { runTrappingExit, type AsyncErrorKind } from './trapProcessExit.js';

const METHODS = ADAPTER_OPS;

export interface GuardedAdapter extends Adapter {
  /** Milliseconds spent inside adapter calls so far. */
  readonly adapterMs: () => number;
  /** Names the test whose calls follow: a late fault of their code is charged to it. */
  readonly startTest: (id: string | undefined) => void;
  /** The late faults so far (asynchronous errors of calls that had settled), each once. */
  readonly takeLateFaults: () => LateFault[];
  /** No more late faults are kept: those that follow are left to the stray handler of trapAsyncErrors. */
  readonly closeLateFaults: () => void;
}

/** An error an adapter call's code threw asynchronously after the call had settled. */
export interface LateFault {
  /** The test that made the call, when one was named. */
  test?: string;
  message: string;
}

/** The most late faults kept between two takes: an adapter may throw from a timer forever. */
const MAX_LATE_FAULTS = 100;

function asyncFault(op: string, error: unknown, kind: AsyncErrorKind, after: boolean): string {
  const when = after ? ' after its call had settled' : '';
  return `adapter ${op} threw asynchronously${when} (${kind}, which would have ended the kit): ${normalizeAdapterError(op, error).message}`;
}

function exitFault(op: string, code: number | string | null | undefined): AdapterFault {
  const stated =
    code === undefined || code === null ? `process.exit() (exit code ${process.exitCode ?? 0})` : `process.exit(${JSON.stringify(code)})`;
  return new AdapterFault(`adapter ${op} called ${stated}; the kit kept running`);
}

export function guardAdapter(adapter: Adapter, timeoutMs: number): GuardedAdapter {
  let spent = 0;
  const boundMs = adapter.callBoundMs ?? timeoutMs;
  let test: string | undefined;
  let late: LateFault[] = [];
  let lateDropped = 0;
  let lateClosed = false;
  const keepLate = (fault: LateFault): void => {
    if (late.length < MAX_LATE_FAULTS) late.push(fault);
    else lateDropped += 1;
  };
  const guarded: Record<string, unknown> = {
    ...adapter,
    adapterMs: () => spent,
    startTest: (id: string | undefined) => {
      test = id;
    },
    takeLateFaults: () => {
      const taken = lateDropped === 0 ? late : [...late, { message: `${lateDropped} further late fault(s) of the adapter, not kept` }];
      late = [];
      lateDropped = 0;
      return taken;
    },
    closeLateFaults: () => {
      lateClosed = true;
    },
  };
  for (const name of METHODS) {
    const method = adapter[name] as ((request: unknown) => Promise<unknown>) | undefined;
    if (typeof method !== 'function') continue;
    guarded[name] = (request: unknown) => {
      const started = performance.now();
      const caller = test;
      return new Promise((resolve, reject) => {
        let settled = false;
        let release = (): void => undefined;
        const settle = (finish: () => void): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          release();
          spent += performance.now() - started;
          finish();
        };
        const fail = (error: Error): void => settle(() => reject(error));
        const timer = setTimeout(
          () => fail(new AdapterFault(`adapter ${name} did not settle within ${boundMs} ms`, { timedOut: true })),
          boundMs,
        );
        let pending: Promise<unknown>;
        try {
          const trapped = runTrappingExit(
            (code) => {
              const fault = exitFault(name, code);
              fail(fault);
              return fault;
            },
            () => method.call(adapter, request),
            (error, kind) => {
              if (!settled) fail(new AdapterFault(asyncFault(name, error, kind, false)));
              else if (lateClosed) return false;
              else keepLate({ ...(caller === undefined ? {} : { test: caller }), message: asyncFault(name, error, kind, true) });
              return true;
            },
          );
          release = trapped.release;
          if (settled) release(); // it called process.exit before returning
          pending = Promise.resolve(trapped.result);
        } catch (error) {
          pending = Promise.reject(error);
        }
        pending.then(
          (value) => {
            try {
              checkAdapterAnswer(name, value);
            } catch (error) {
              fail(normalizeAdapterError(name, error)); // also a getter of the answer that throws
              return;
            }
            settle(() => resolve(value));
          },
          (error: unknown) => fail(normalizeAdapterError(name, error)),
        );
      });
    };
  }
  return guarded as unknown as GuardedAdapter;
}

/**
 * Wraps an adapter so that nothing it does in a call can break the run: every method returns a
 * promise that settles within the timeout (or the adapter's own `callBoundMs`); a synchronous
 * throw becomes a rejection; whatever is thrown becomes an Error with a bounded, clean message;
 * an answer of the wrong kind becomes an AdapterFault; and a `process.exit()` from inside a call
 * becomes an AdapterFault naming the exit code instead of ending the run. Also totals the time
 * spent inside adapter calls.
 */
import { AdapterFault, type Adapter, type AdapterOp } from '../adapter/Adapter.js';
import { checkAdapterAnswer } from './checkAdapterAnswer.js';
import { normalizeAdapterError } from './normalizeAdapterError.js';
import { runTrappingExit } from './trapProcessExit.js';

const METHODS: AdapterOp[] = ['conv', 'pool', 'globalPool', 'dense', 'pad', 'outputShape', 'paramCount'];

export interface GuardedAdapter extends Adapter {
  /** Milliseconds spent inside adapter calls so far. */
  readonly adapterMs: () => number;
}

function exitFault(op: string, code: number | string | null | undefined): AdapterFault {
  const stated = code === undefined || code === null ? `process.exit() (exit code ${process.exitCode ?? 0})` : `process.exit(${JSON.stringify(code)})`;
  return new AdapterFault(`adapter ${op} called ${stated}; the kit kept running`);
}

export function guardAdapter(adapter: Adapter, timeoutMs: number): GuardedAdapter {
  let spent = 0;
  const boundMs = adapter.callBoundMs ?? timeoutMs;
  const guarded: Record<string, unknown> = { ...adapter, adapterMs: () => spent };
  for (const name of METHODS) {
    const method = adapter[name] as ((request: unknown) => Promise<unknown>) | undefined;
    if (typeof method !== 'function') continue;
    guarded[name] = (request: unknown) => {
      const started = performance.now();
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
        const timer = setTimeout(() => fail(new AdapterFault(`adapter ${name} did not settle within ${boundMs} ms`, { timedOut: true })), boundMs);
        let pending: Promise<unknown>;
        try {
          const trapped = runTrappingExit(
            (code) => {
              const fault = exitFault(name, code);
              fail(fault);
              return fault;
            },
            () => method.call(adapter, request),
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

/**
 * Wraps an in-process adapter so that no call can hang the run or escape as a synchronous throw:
 * every method returns a promise that settles within the timeout. Also totals the time spent
 * inside adapter calls.
 */
import { AdapterFault, type Adapter, type AdapterOp } from '../adapter/Adapter.js';

const METHODS: AdapterOp[] = ['conv', 'pool', 'globalPool', 'dense', 'pad', 'outputShape', 'paramCount'];

export interface GuardedAdapter extends Adapter {
  /** Milliseconds spent inside adapter calls so far. */
  readonly adapterMs: () => number;
}

export function guardAdapter(adapter: Adapter, timeoutMs: number): GuardedAdapter {
  let spent = 0;
  const guarded: Record<string, unknown> = { ...adapter, adapterMs: () => spent };
  for (const name of METHODS) {
    const method = adapter[name] as ((request: unknown) => Promise<unknown>) | undefined;
    if (typeof method !== 'function') continue;
    guarded[name] = (request: unknown) => {
      const started = performance.now();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new AdapterFault(`adapter ${name} did not settle within ${timeoutMs} ms`)), timeoutMs);
        let pending: Promise<unknown>;
        try {
          pending = Promise.resolve(method.call(adapter, request));
        } catch (error) {
          pending = Promise.reject(error);
        }
        pending.then(
          (value) => {
            clearTimeout(timer);
            spent += performance.now() - started;
            resolve(value);
          },
          (error: unknown) => {
            clearTimeout(timer);
            spent += performance.now() - started;
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      });
    };
  }
  return guarded as unknown as GuardedAdapter;
}

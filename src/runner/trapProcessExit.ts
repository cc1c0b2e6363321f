/**
 * Keeps an in-process adapter from ending the run with `process.exit()`. While at least one
 * adapter call is in flight, `process.exit` is replaced; a call to it from the adapter's own code
 * (synchronous, or any asynchronous continuation of the call, told apart with AsyncLocalStorage)
 * is reported to that call instead of exiting. A call from anywhere else, such as the run
 * command's second Ctrl-C, still exits. The original `process.exit` is back once no call is in
 * flight.
 *
 * The same scope tells whose code threw an error nobody caught (trapAsyncErrors): each call may
 * give a handler for the asynchronous errors of its code, which keeps working after the call has
 * settled, since a timer the call set may fire much later.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** What happens when the code inside a trap calls process.exit: the returned error is thrown there if it is still synchronous. */
export type ExitHandler = (code: number | string | null | undefined) => Error;

/** How an error escaped the adapter's code: thrown in a callback, or a rejection nobody handled. */
export type AsyncErrorKind = 'an uncaught exception' | 'an unhandled rejection';

/** What happens to an error that the code of a trapped call threw asynchronously and nobody caught: false leaves it to whoever traps the rest. */
export type AsyncErrorHandler = (error: unknown, kind: AsyncErrorKind) => boolean;

interface Trap {
  onExit: ExitHandler;
  onAsyncError?: AsyncErrorHandler;
  /** True while the trapped call has not yet returned to its caller. */
  synchronous: boolean;
  open: boolean;
}

const scope = new AsyncLocalStorage<Trap>();
let openTraps = 0;
let originalExit: typeof process.exit | undefined;

function trappedExit(code?: number | string | null): never {
  const trap = scope.getStore();
  if (trap === undefined || !trap.open) return originalExit!.call(process, code) as never;
  const error = trap.onExit(code);
  // Thrown from the synchronous part, it ends the adapter's code as an exit would; thrown from a
  // timer callback it would be an uncaught exception, so there the call returns instead.
  if (trap.synchronous) throw error;
  return undefined as never;
}

/**
 * Runs `call` with process.exit trapped for its code until `release` is called (at the latest
 * when the call settles). Returns what `call` returns, or throws what it throws.
 */
export function runTrappingExit<T>(
  onExit: ExitHandler,
  call: () => T,
  onAsyncError?: AsyncErrorHandler,
): { result: T; release: () => void } {
  const trap: Trap = { onExit, synchronous: true, open: true, ...(onAsyncError === undefined ? {} : { onAsyncError }) };
  if (openTraps === 0) {
    originalExit = process.exit;
    process.exit = trappedExit as typeof process.exit;
  }
  openTraps += 1;
  const release = (): void => {
    if (!trap.open) return;
    trap.open = false;
    openTraps -= 1;
    if (openTraps === 0 && originalExit !== undefined) {
      process.exit = originalExit;
      originalExit = undefined;
    }
  };
  try {
    return { result: scope.run(trap, call), release };
  } catch (error) {
    release();
    throw error;
  } finally {
    trap.synchronous = false;
  }
}

/**
 * The handler of the adapter call whose code is running now (or whose asynchronous continuation
 * is: a timer, callback or promise it started), if it gave one; undefined outside adapter code.
 */
export function asyncErrorHandlerInScope(): AsyncErrorHandler | undefined {
  return scope.getStore()?.onAsyncError;
}

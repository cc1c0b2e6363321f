/**
 * Keeps an error that an in-process adapter throws asynchronously (in a timer or callback, or a
 * rejected promise that nobody handles) from ending the kit, which Node does by default: without
 * this, one `setTimeout(() => { throw ... })` in an adapter ends the run with no report. An error
 * whose code belongs to an adapter call (told by the AsyncLocalStorage scope of trapProcessExit)
 * goes to that call's handler; any other goes to the stray handler. Only a process that runs the
 * kit and nothing else may install this: it takes over every uncaught error of the process, the
 * kit's own too. One pair of process listeners serves every trap, the latest handler taking
 * strays, so that runs in one process do not pile listeners up.
 */
import { asyncErrorHandlerInScope, type AsyncErrorKind } from './trapProcessExit.js';

export type StrayErrorHandler = (error: unknown, kind: AsyncErrorKind) => void;

/** The stray handlers of the installed traps, the latest last. */
const handlers: StrayErrorHandler[] = [];

const caught =
  (kind: AsyncErrorKind) =>
  (error: unknown): void => {
    const owner = asyncErrorHandlerInScope();
    try {
      if (owner?.(error, kind) === true) return;
    } catch {
      // a handler that fails leaves the error to the stray handler: it must not end the process either
    }
    handlers.at(-1)?.(error, kind);
  };
const onException = caught('an uncaught exception');
const onRejection = caught('an unhandled rejection');

/** Installs a trap whose strays go to `onStray`; returns the function that removes it. */
export function trapAsyncErrors(onStray: StrayErrorHandler): () => void {
  if (handlers.length === 0) {
    process.on('uncaughtException', onException);
    process.on('unhandledRejection', onRejection);
  }
  handlers.push(onStray);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    handlers.splice(handlers.lastIndexOf(onStray), 1);
    if (handlers.length === 0) {
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
    }
  };
}

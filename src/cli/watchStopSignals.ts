/**
 * SIGINT, SIGTERM and SIGHUP during `cnnspec run`. Ctrl-C asks the run to stop after the test in
 * flight; SIGTERM (CI cancelling a job, which kills outright soon after) and SIGHUP (the
 * terminal is gone) stop it at once, the test in flight left out. Either way the run still
 * writes its partial report. While the adapter is starting any of them stops it at once. A
 * second signal quits on the spot: the adapter processes, killed with the kit, go too. The exit
 * code is the shell's for the signal: 128 + its number.
 */
import { constants } from 'node:os';
import type { CliIo } from './CliIo.js';

/** The signals that stop a run. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** The shell's code for a process ended by a signal. */
export const signalExitCode = (signal: StopSignal): number => 128 + constants.signals[signal];

export interface StopWatch {
  /** Aborted when the run must stop at once: the adapter's processes end, the test in flight is left out. */
  readonly signal: AbortSignal;
  /** The first signal received, if any: the run stops after the test in flight at the latest. */
  readonly stopped: () => StopSignal | undefined;
  /** The adapter has started: from now on Ctrl-C lets the test in flight finish. */
  readonly started: () => void;
  /** Stops watching. */
  readonly release: () => void;
}

/** Watches from before the adapter starts: an adapter waiting for its hello must not outlive a kit that a signal ended. */
export function watchStopSignals(io: CliIo): StopWatch {
  const abort = new AbortController();
  let stopped: StopSignal | undefined;
  let starting = true;
  const onSignal = (signal: StopSignal): void => {
    if (stopped !== undefined) process.exit(signalExitCode(signal));
    stopped = signal;
    if (starting) {
      abort.abort();
      return;
    }
    if (signal === 'SIGINT') {
      io.stderr('\ncnnspec: interrupted; finishing the current test and writing a partial report (press Ctrl-C again to quit at once)\n');
      return;
    }
    io.stderr(
      `\ncnnspec: ${signal}: ending the adapter, leaving the test in flight out and writing a partial report (send it again to quit at once)\n`,
    );
    abort.abort();
  };
  const listeners = STOP_SIGNALS.map((signal) => [signal, () => onSignal(signal)] as const);
  for (const [signal, listener] of listeners) process.on(signal, listener);
  return {
    signal: abort.signal,
    stopped: () => stopped,
    started: () => {
      starting = false;
      // a signal during an in-process load: nothing runs
      if (stopped !== undefined) abort.abort();
    },
    release: () => {
      for (const [signal, listener] of listeners) process.off(signal, listener);
    },
  };
}

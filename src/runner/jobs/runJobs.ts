/**
 * The tests of a run dealt to its jobs (spec: conformance.jobs). Job 1 is the run's own thread
 * with the run's adapter; each further job is a worker thread with an adapter of its own, started
 * from the run's source. Every job takes the next test from one shared counter, so a job that
 * finishes early takes more, and the results are put back in the order of the tests: the report
 * of a parallel run is that of the serial run but for timings and process starts.
 *
 * Stopping: when `interrupted` turns true no job starts another test and the tests in flight
 * finish; when `signal` aborts, the tests in flight are left out and every job's adapter
 * processes are ended. A worker job that dies takes its test in flight with it (an error
 * result); the other jobs take the rest.
 */
import { Worker } from 'node:worker_threads';
import type { ReportResult } from '../../report/model/Report.js';
import type { GuardedAdapter } from '../guardAdapter.js';
import { runGuardedTest } from '../runGuardedTest.js';
import type { RunOptions } from '../RunOptions.js';
import { erroredWorkItem, type WorkItemContext } from '../runWorkItem.js';
import type { WorkItem } from '../WorkItem.js';
import { DEFAULT_MAX_ELEMENTS, DEFAULT_START_TIMEOUT_MS } from '../runDefaults.js';
import {
  JOB_RELEASED,
  JOB_STARTING,
  jobStateSlot,
  NEXT_TEST,
  readReplayMark,
  sharedSlots,
  STOP,
  type JobMessage,
  type JobSetup,
  type SentWorkItem,
} from './JobSetup.js';

export interface JobsOutcome {
  /** The results, in the order of the tests; a test cut short or never started has none. */
  results: ReportResult[];
  incomplete: boolean;
  /** Late faults of ended tests, faults of worker jobs, and their adapters' process events. */
  events: { kind: string; detail: string }[];
  /** Time inside the worker jobs' adapter calls (job 1's is the guard's own). */
  workerAdapterMs: number;
  /** Process starts of the worker jobs' out-of-process adapters. */
  workerStarts: number;
  /** How many jobs ran. */
  jobs: number;
}

/** How long a worker job has to end its adapter's processes after an abort before it is terminated. */
const ABORT_GRACE_MS = 2000;

export async function runJobs(
  items: readonly WorkItem[],
  context: WorkItemContext,
  guarded: GuardedAdapter,
  options: RunOptions,
): Promise<JobsOutcome> {
  // More jobs than tests would start adapters for nothing.
  const jobs = Math.max(1, Math.min(options.jobs?.count ?? 1, items.length));
  const counter = new Int32Array(new SharedArrayBuffer(sharedSlots(jobs) * Int32Array.BYTES_PER_ELEMENT));
  const results: (ReportResult | undefined)[] = new Array(items.length).fill(undefined);
  const events: { kind: string; detail: string }[] = [];
  let finished = 0;
  let workerAdapterMs = 0;
  let workerStarts = 0;
  const stop = (): void => {
    Atomics.store(counter, STOP, 1);
  };
  const take = (): number | undefined => {
    if (Atomics.load(counter, STOP) !== 0) return undefined;
    const index = Atomics.add(counter, NEXT_TEST, 1);
    return index < items.length ? index : undefined;
  };
  const record = (index: number, result: ReportResult): void => {
    results[index] = result;
    finished += 1;
    options.onProgress?.({ done: finished, total: items.length, id: result.id, result });
  };

  const workers = Array.from({ length: jobs - 1 }, (_, n) =>
    startWorkerJob(n + 2, items, context, options, counter.buffer as SharedArrayBuffer, {
      started: (index) => options.onProgress?.({ done: finished, total: items.length, id: items[index]!.id }),
      result: (index, result, runFaults) => {
        record(index, withReplay(result, options));
        events.push(...runFaults);
      },
      event: (event) => events.push(event),
      done: (adapterMs, starts) => {
        workerAdapterMs += adapterMs;
        workerStarts += starts;
      },
      lost: (index, why) => record(index, erroredWorkItem(items[index]!, why, context)),
    }),
  );

  const aborted = new Promise<'aborted'>((resolve) => {
    if (options.signal?.aborted) resolve('aborted');
    options.signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  void aborted.then(() => {
    stop();
    for (const worker of workers) worker.abort();
  });
  // Job 1 may be busy in a test: a first Ctrl-C must still keep the worker jobs from starting more.
  const watch = setInterval(() => {
    if (options.interrupted?.()) stop();
  }, 50);
  try {
    for (;;) {
      if (options.interrupted?.() || options.signal?.aborted) {
        stop();
        break;
      }
      const index = take();
      if (index === undefined) break;
      const item = items[index]!;
      options.onProgress?.({ done: finished, total: items.length, id: item.id });
      const outcome = await runGuardedTest(item, context, guarded, aborted);
      if (outcome === 'aborted') break;
      events.push(...outcome.runFaults);
      record(index, outcome.result);
    }
    // No test is left for a job still starting its adapter: the run does not wait for it.
    if (!options.signal?.aborted) for (const worker of workers) worker.release();
    await Promise.all(workers.map((worker) => worker.ended));
  } finally {
    clearInterval(watch);
  }
  return {
    results: results.filter((result): result is ReportResult => result !== undefined),
    incomplete: results.some((result) => result === undefined),
    events,
    workerAdapterMs,
    workerStarts,
    jobs,
  };
}

interface WorkerCallbacks {
  started: (index: number) => void;
  result: (index: number, result: ReportResult, runFaults: { kind: string; detail: string }[]) => void;
  event: (event: { kind: string; detail: string }) => void;
  done: (adapterMs: number, starts: number) => void;
  /** The job ended while running test `index`. */
  lost: (index: number, why: string) => void;
}

interface WorkerJob {
  /** Settles once the worker has ended, whichever way. */
  ended: Promise<void>;
  /** Ends the job's adapter processes, then the worker. */
  abort: () => void;
  /** Releases the job if it has not begun to take tests: it ends without taking any. */
  release: () => void;
}

/**
 * The worker module beside this one. From the TypeScript sources (tsx, vitest) it loads through
 * tsx's loader, registered inside the worker before the module is imported: a loader given in
 * the worker's execArgv does not apply to the worker's own entry module.
 */
function workerEntry(): { entry: string | URL; eval: boolean } {
  const fromSources = import.meta.url.endsWith('.ts');
  const url = new URL(`./jobWorker${fromSources ? '.ts' : '.js'}`, import.meta.url);
  if (!fromSources) return { entry: url, eval: false };
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
  return { entry: code, eval: true };
}

function startWorkerJob(
  job: number,
  items: readonly WorkItem[],
  context: WorkItemContext,
  options: RunOptions,
  shared: SharedArrayBuffer,
  on: WorkerCallbacks,
): WorkerJob {
  const setup: JobSetup = {
    job,
    source: options.jobs!.source,
    identity: {
      name: options.adapter.name,
      version: options.adapter.version,
      convention: options.adapter.convention,
      features: [...options.adapter.features],
    },
    run: {
      seed: options.seed,
      numRuns: options.numRuns,
      maxElements: options.maxElements ?? DEFAULT_MAX_ELEMENTS,
      timeoutMs: options.timeoutMs,
      startTimeoutMs: options.jobs!.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      ...(options.path === undefined ? {} : { path: options.path }),
      profiles: context.profiles.map((profile) => profile.name),
    },
    entries: [...context.entries],
    items: items.map(sendable),
    shared,
  };
  const entry = workerEntry();
  const worker = new Worker(entry.entry, { workerData: setup, eval: entry.eval });
  let inFlight: number | undefined;
  let done = false;
  let failure: string | undefined;
  worker.on('message', (message: JobMessage) => {
    switch (message.type) {
      case 'started':
        inFlight = message.index;
        on.started(message.index);
        break;
      case 'result':
        inFlight = undefined;
        on.result(message.index, message.result, message.runFaults);
        break;
      case 'refused':
        failure = message.message;
        void worker.terminate();
        break;
      case 'done':
        done = true;
        on.done(message.adapterMs, message.starts ?? 0);
        for (const event of message.events) on.event(event);
        void worker.terminate();
        break;
    }
  });
  worker.on('error', (error) => {
    failure = error.stack ?? error.message;
  });
  const ended = new Promise<void>((resolve) => {
    worker.once('exit', (code) => {
      if (!done) {
        const why = failure ?? `its thread exited with code ${code}`;
        on.event({ kind: 'job', detail: `job ${job} ended early: ${why}; the other jobs took its tests` });
        if (inFlight !== undefined) on.lost(inFlight, `job ${job}, which ran this test, ended while it ran: ${why}`);
      }
      resolve();
    });
  });
  return {
    ended,
    abort: () => {
      worker.postMessage({ type: 'abort' });
      inFlight = undefined; // cut short, not judged: left out like job 1's
      done = true;
      setTimeout(() => void worker.terminate(), ABORT_GRACE_MS).unref();
    },
    release: () => {
      const counter = new Int32Array(shared);
      if (Atomics.compareExchange(counter, jobStateSlot(job), JOB_STARTING, JOB_RELEASED) !== JOB_STARTING) return;
      done = true;
      // A module loading in the thread has started no process: the thread can go at once. A
      // process being started is ended by the job itself, which then reports its events.
      if (setup.source.kind === 'module') void worker.terminate();
      else {
        worker.postMessage({ type: 'release' });
        setTimeout(() => void worker.terminate(), ABORT_GRACE_MS).unref();
      }
    },
  };
}

/** A test as it crosses to a worker: a property by its id. */
function sendable(item: WorkItem): SentWorkItem {
  const { property, ...rest } = item;
  return property === undefined ? rest : { ...rest, property: property.id };
}

/** The result with the run's own replay command where the worker left a mark. */
function withReplay(result: ReportResult, options: RunOptions): ReportResult {
  const marked = result.replay === undefined ? undefined : readReplayMark(result.replay);
  return marked === undefined ? result : { ...result, replay: options.replay(...marked) };
}

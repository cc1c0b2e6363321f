/**
 * What a worker job of a parallel run does (spec: conformance.jobs): starts an adapter of its own
 * from the run's source, then takes the run's tests one at a time from the shared counter, runs
 * each as the run's own thread does (runGuardedTest) and sends its result back. An adapter that
 * does not start, or declares another identity than the run's, takes no test: the other jobs take
 * them. jobWorker runs it in a worker thread; a test runs it in its own thread.
 */
import { isDeepStrictEqual } from 'node:util';
import { ALL_PROPERTIES } from '../../../properties/index.js';
import { resolveProfiles } from '../../profiles/loadProfiles.js';
import { guardAdapter } from '../guardAdapter.js';
import { runGuardedTest, lateFaultEvent } from '../runGuardedTest.js';
import type { WorkItem } from '../WorkItem.js';
import type { WorkItemContext } from '../runWorkItem.js';
import { conventionName } from '../conventionName.js';
import { startAdapter, type StartedAdapter } from './AdapterSource.js';
import {
  JOB_RELEASED,
  JOB_RUNNING,
  JOB_STARTING,
  jobStateSlot,
  NEXT_TEST,
  replayMark,
  STOP,
  type JobMessage,
  type JobSetup,
} from './JobSetup.js';

/** How a worker job talks to its run. */
export interface WorkerJobIo {
  /** Sends a message to the run, in order. */
  post: (message: JobMessage) => void;
  /** Aborting ends the job's adapter processes and leaves the test in flight out. */
  signal: AbortSignal;
  /** Errors thrown asynchronously outside any adapter call in the job's thread, for the run's events. */
  strays: () => { kind: string; detail: string }[];
}

export async function runWorkerJob(setup: JobSetup, { post, signal, strays }: WorkerJobIo): Promise<void> {
  const counter = new Int32Array(setup.shared);
  const slot = jobStateSlot(setup.job);
  const released = (): boolean => Atomics.load(counter, slot) === JOB_RELEASED;
  // Released by the run: no test is left for this job, so nothing is said of it.
  const idle = (exec?: StartedAdapter['exec']): void =>
    post({ type: 'done', adapterMs: 0, events: [...(exec?.events() ?? []), ...strays()] });
  if (released()) {
    idle();
    return;
  }
  let started: StartedAdapter;
  try {
    started = await startAdapter(setup.source, {
      timeoutMs: setup.run.timeoutMs,
      startTimeoutMs: setup.run.startTimeoutMs,
      signal,
    });
  } catch (error) {
    if (released()) idle();
    else post({ type: 'refused', message: `its adapter did not start: ${(error as Error).message}` });
    return;
  }
  const { adapter, exec } = started;
  const identity = { name: adapter.name, version: adapter.version, convention: adapter.convention, features: [...adapter.features] };
  const differing = (Object.keys(identity) as (keyof typeof identity)[]).filter(
    (field) => !isDeepStrictEqual(identity[field], setup.identity[field]),
  );
  if (differing.length > 0) {
    const said = differing.map(
      (field) => `${field} ${JSON.stringify(identity[field])}, not the run's ${JSON.stringify(setup.identity[field])}`,
    );
    post({ type: 'refused', message: `its adapter declares ${said.join('; ')}` });
    await adapter.dispose?.().catch(() => undefined);
    return;
  }
  if (Atomics.compareExchange(counter, slot, JOB_STARTING, JOB_RUNNING) !== JOB_STARTING) {
    await adapter.dispose?.().catch(() => undefined);
    idle(exec);
    return;
  }
  const guarded = guardAdapter(adapter, setup.run.timeoutMs);
  const properties = new Map(ALL_PROPERTIES.map((property) => [property.id, property]));
  const items: WorkItem[] = setup.items.map(({ property, ...item }) =>
    property === undefined ? item : { ...item, property: properties.get(property)! },
  );
  const context: WorkItemContext = {
    adapter: guarded,
    convention: conventionName(setup.identity.convention),
    run: {
      adapter: guarded,
      source: '',
      seed: setup.run.seed,
      numRuns: setup.run.numRuns,
      maxElements: setup.run.maxElements,
      timeoutMs: setup.run.timeoutMs,
      ...(setup.run.path === undefined ? {} : { path: setup.run.path }),
      replay: replayMark,
    },
    profiles: resolveProfiles(setup.run.profiles),
    entries: setup.entries,
  };
  const aborted = new Promise<'aborted'>((resolve) => {
    if (signal.aborted) resolve('aborted');
    signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  const runFaults: { kind: string; detail: string }[] = [];
  while (Atomics.load(counter, STOP) === 0 && !signal.aborted) {
    const index = Atomics.add(counter, NEXT_TEST, 1);
    if (index >= items.length) break;
    post({ type: 'started', index });
    const outcome = await runGuardedTest(items[index]!, context, guarded, aborted);
    if (outcome === 'aborted') break;
    post({ type: 'result', index, result: outcome.result, runFaults: outcome.runFaults });
  }
  guarded.closeLateFaults();
  runFaults.push(...guarded.takeLateFaults().map(lateFaultEvent));
  await adapter.dispose?.().catch(() => undefined);
  post({
    type: 'done',
    adapterMs: guarded.adapterMs(),
    ...(exec === undefined ? {} : { starts: exec.starts() }),
    events: [...(exec?.events() ?? []), ...strays(), ...runFaults],
  });
}

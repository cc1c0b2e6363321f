/**
 * The entry of a worker thread of a parallel run (spec: conformance.jobs): runs runWorkerJob with
 * the thread's port, ends the job's adapter processes when the run aborts or releases the job, and keeps the errors
 * the thread's code throws asynchronously for the run's events instead of ending the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { normalizeAdapterError } from '../../adapter/normalizeAdapterError.js';
import { trapAsyncErrors } from '../trapAsyncErrors.js';
import { JOB_RELEASED, jobStateSlot, type JobMessage, type JobSetup } from './JobSetup.js';
import { runWorkerJob } from './runWorkerJob.js';

const setup = workerData as JobSetup;
const port = parentPort!;
const post = (message: JobMessage): void => port.postMessage(message);
const controller = new AbortController();
port.on('message', (message: { type: string }) => {
  // A release ends the start of an adapter that will take no test (runWorkerJob); the run sends it
  // only once the job is released, so no test of the job's can be in flight.
  const released = message.type === 'release' && Atomics.load(new Int32Array(setup.shared), jobStateSlot(setup.job)) === JOB_RELEASED;
  if (message.type === 'abort' || released) controller.abort();
});

const strays: { kind: string; detail: string }[] = [];
trapAsyncErrors((error, kind) => {
  if (strays.length < 100)
    strays.push({
      kind: 'uncaught',
      detail: `${kind} outside any adapter call (the adapter's code or the kit's), in job ${setup.job}: ${normalizeAdapterError('code', error).message}`,
    });
});

runWorkerJob(setup, { post, signal: controller.signal, strays: () => strays }).catch((error: unknown) => {
  post({ type: 'refused', message: `it failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
});

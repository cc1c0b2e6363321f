/**
 * The entry of a worker thread of a parallel run (spec: conformance.jobs): runs runWorkerJob with
 * the thread's port, ends the job's adapter processes when the run aborts, and keeps the errors
 * the thread's code throws asynchronously for the run's events instead of ending the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { normalizeAdapterError } from '../../adapter/normalizeAdapterError.js';
import { trapAsyncErrors } from '../trapAsyncErrors.js';
import type { JobMessage, JobSetup } from './JobSetup.js';
import { runWorkerJob } from './runWorkerJob.js';

const setup = workerData as JobSetup;
const port = parentPort!;
const post = (message: JobMessage): void => port.postMessage(message);
const controller = new AbortController();
port.on('message', (message: { type: string }) => {
  if (message.type === 'abort') controller.abort();
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

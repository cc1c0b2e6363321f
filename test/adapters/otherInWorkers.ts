/**
 * A module adapter that declares another version when loaded in a worker thread than in the
 * kit's main thread: a worker job must refuse it (spec: conformance.jobs), and the run's own
 * thread takes every test. In the main thread every dense call waits 20 ms, so that the run is
 * still busy when the worker's adapter has loaded (a job released before that says nothing).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread } from 'node:worker_threads';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { Adapter } from '../../src/ops/Adapter.js';

const reference = referenceAdapter('cnnspec');

const adapter: Adapter = {
  ...reference,
  name: 'other-in-workers',
  version: isMainThread ? '1.0.0' : '2.0.0',
  dense: async (request) => {
    if (isMainThread) await sleep(20);
    return reference.dense!(request);
  },
};

export default adapter;

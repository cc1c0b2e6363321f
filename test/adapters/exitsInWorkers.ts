/**
 * A module adapter whose convolution, in a worker thread, ends the thread from a timer just
 * after answering (process.exit outside any call, which in the kit's main thread would end the
 * whole run). In the main thread every call waits 20 ms, so that the worker job surely gets tests.
 */
import { isMainThread } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { Adapter } from '../../src/ops/Adapter.js';

const reference = referenceAdapter('cnnspec');

const adapter: Adapter = {
  ...reference,
  name: 'exits-in-workers',
  conv: async (request) => {
    if (isMainThread) await sleep(20);
    else setTimeout(() => process.exit(7), 0);
    return reference.conv!(request);
  },
};

export default adapter;

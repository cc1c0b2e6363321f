/**
 * A module adapter that declares another version when loaded in a worker thread than in the
 * kit's main thread: a worker job must refuse it (spec: conformance.jobs), and the run's own
 * thread takes every test.
 */
import { isMainThread } from 'node:worker_threads';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';

export default { ...referenceAdapter('cnnspec'), name: 'other-in-workers', version: isMainThread ? '1.0.0' : '2.0.0' };

/**
 * A correct in-process adapter whose module throws from a timer of its own, outside any call: an
 * error that belongs to no test. The timer fires once, FAULTY_THROW_AFTER_MS (default 0) after the adapter is made.
 */
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';

const DELAY_MS = Number(process.env.FAULTY_THROW_AFTER_MS ?? 0);

export default () => {
  setTimeout(() => {
    throw new Error('the adapter module threw outside any call');
  }, DELAY_MS);
  return { ...referenceAdapter(), name: 'throws-outside-calls' };
};

/** The reference adapter with every call delayed by 50 ms: a run slow enough to interrupt. */
import type { Adapter } from '../../../src/ops/Adapter.js';
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';

const DELAY_MS = 50;
const OPS = ['conv', 'pool', 'globalPool', 'dense', 'pad', 'outputShape', 'paramCount'] as const;

export default (): Adapter => {
  const reference = referenceAdapter();
  const slow: Record<string, unknown> = { ...reference, name: 'slow-calls' };
  for (const op of OPS) {
    const method = reference[op] as ((request: unknown) => Promise<unknown>) | undefined;
    if (method === undefined) continue;
    slow[op] = async (request: unknown) => {
      await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
      return method.call(reference, request);
    };
  }
  return slow as unknown as Adapter;
};
